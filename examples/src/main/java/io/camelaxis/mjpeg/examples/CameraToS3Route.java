package io.camelaxis.mjpeg.examples;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Camera to S3. One object per frame under {@code camera/yyyy/MM/dd/HH/mm/ss.SSS-frame.jpg} ({@link FrameKeys#object}),
 * or, with batching, one object per camera and second ({@link FrameKeys#batch}), holding that
 * second's frames as an MJPEG stream ({@link MjpegBatchStrategy}): 10-25 times fewer PUT requests.
 */
public class CameraToS3Route extends RouteBuilder {

    private final String cameraUri;
    private final String s3Uri;
    private final boolean batchPerSecond;

    /**
     * @param s3Uri for example {@code aws2-s3://camera-archive?region=eu-west-1}, or with
     *              {@code uriEndpointOverride} for an S3-compatible store
     */
    public CameraToS3Route(String cameraUri, String s3Uri, boolean batchPerSecond) {
        this.cameraUri = cameraUri;
        this.s3Uri = s3Uri;
        this.batchPerSecond = batchPerSecond;
    }

    /** The aws2-s3 URI for an S3-compatible endpoint (S3Proxy, MinIO...). */
    public static String s3Uri(String bucket, String endpoint, String accessKey, String secretKey) {
        return "aws2-s3://" + bucket + "?overrideEndpoint=true&uriEndpointOverride=" + endpoint
               + "&forcePathStyle=true&region=us-east-1&autoCreateBucket=true"
               + "&accessKey=RAW(" + accessKey + ")&secretKey=RAW(" + secretKey + ")";
    }

    @Override
    public void configure() {
        if (!batchPerSecond) {
            from(cameraUri).routeId(RouteIds.of("camera-to-s3", cameraUri))
                    .process(e -> {
                        e.getIn().setHeader("CamelAwsS3Key", FrameKeys.object(e.getIn()));
                        e.getIn().setHeader("CamelAwsS3ContentType", "image/jpeg");
                    })
                    .to(s3Uri);
            return;
        }
        from(cameraUri).routeId(RouteIds.of("camera-to-s3-batched", cameraUri))
                .process(e -> e.getIn().setHeader("batchKey", FrameKeys.batch(e.getIn())))
                .aggregate(header("batchKey"), new MjpegBatchStrategy())
                    .completionTimeout(1200).completionTimeoutCheckerInterval(100)
                    .completionSize(200)
                .setHeader("CamelAwsS3Key", header("batchKey"))
                .setHeader("CamelAwsS3ContentType", constant("multipart/x-mixed-replace; boundary="
                                                              + MjpegBatchStrategy.BOUNDARY))
                .log(LoggingLevel.INFO, CameraToS3Route.class.getName(), "stored ${header.frames} frames of camera"
                     + " ${header." + AxisMjpegConstants.CAMERA_ID + "} as ${header.CamelAwsS3Key}")
                .to(s3Uri);
    }
}
