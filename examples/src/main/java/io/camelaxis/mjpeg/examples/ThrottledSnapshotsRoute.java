package io.camelaxis.mjpeg.examples;

import java.time.Duration;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.builder.RouteBuilder;

/**
 * One frame per second out of a 10-25 fps stream: Camel's sampling EIP keeps the first frame of every period and drops
 * the rest. With {@code backpressure=latestOnly} on the camera a slow sink never delays the stream either.
 */
public class ThrottledSnapshotsRoute extends RouteBuilder {

    private final String cameraUri;
    private final String outputDirectory;

    public ThrottledSnapshotsRoute(String cameraUri, String outputDirectory) {
        this.cameraUri = cameraUri;
        this.outputDirectory = outputDirectory;
    }

    @Override
    public void configure() {
        from(cameraUri + "&backpressure=latestOnly").routeId(RouteIds.of("one-frame-per-second", cameraUri))
                .sample(Duration.ofSeconds(1))
                .setHeader("CamelFileName").simple("snapshot-${header." + AxisMjpegConstants.FRAME_NUMBER + "}.jpg")
                .to("file:" + outputDirectory);
    }
}
