package io.camelaxis.mjpeg;

import org.apache.camel.spi.Metadata;

/** Headers set on every frame exchange. */
public final class AxisMjpegConstants {

    @Metadata(description = "Number of the frame, from 1, increasing for the consumer's whole life (across reconnects).",
              javaType = "long")
    public static final String FRAME_NUMBER = "CamelAxisMjpegFrameNumber";
    @Metadata(description = "When the frame's last byte arrived, in epoch milliseconds.", javaType = "long")
    public static final String RECEIVED_TIMESTAMP = "CamelAxisMjpegReceivedTimestamp";
    @Metadata(description = "The camera's capture time from the Axis COM segment of the JPEG, in epoch milliseconds"
                            + " (10 ms resolution). Absent when the frame has none (non-Axis sources).",
              javaType = "long")
    public static final String CAMERA_TIMESTAMP = "CamelAxisMjpegCameraTimestamp";
    @Metadata(description = "Width in pixels, read from the JPEG's SOF marker (no decoding).", javaType = "int")
    public static final String WIDTH = "CamelAxisMjpegWidth";
    @Metadata(description = "Height in pixels, read from the JPEG's SOF marker (no decoding).", javaType = "int")
    public static final String HEIGHT = "CamelAxisMjpegHeight";
    @Metadata(description = "Size of the JPEG body in bytes.", javaType = "int")
    public static final String SIZE = "CamelAxisMjpegSize";
    @Metadata(description = "Host of the camera the frame came from.", javaType = "String")
    public static final String HOST = "CamelAxisMjpegHost";
    @Metadata(description = "The camera id: the cameraId option, or host:port.", javaType = "String")
    public static final String CAMERA_ID = "CamelAxisMjpegCameraId";
    @Metadata(description = "Number of the HTTP connection (from 1) that delivered the frame; it grows with every"
                            + " reconnect.",
              javaType = "long")
    public static final String CONNECTION_NUMBER = "CamelAxisMjpegConnectionNumber";
    @Metadata(description = "Always image/jpeg.", javaType = "String")
    public static final String CONTENT_TYPE = "Content-Type";

    private AxisMjpegConstants() {
    }
}
