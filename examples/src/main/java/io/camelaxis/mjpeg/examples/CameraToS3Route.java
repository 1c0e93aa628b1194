package io.camelaxis.mjpeg.examples;

import java.time.Duration;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Camera to S3. One object per frame under {@code camera/yyyy/MM/dd/HH/mm/ss.SSS-frame.jpg} ({@link FrameKeys#object}),
 * or, with batching, one object per camera and second ({@link FrameKeys#batch}), holding that
 * second's frames as an MJPEG stream ({@link MjpegBatchStrategy}): 10-25 times fewer PUT requests.
 *
 * <p>
 * When S3 is down: a PUT that fails (after the AWS SDK's own quick retries) is redelivered by Camel with exponential
 * backoff ({@link Redelivery#DEFAULT}: after 1, 2, 4, 4, 4 and 4 s, so an object is given up about 19 s after its
 * first failure). PUTs are idempotent (same key, same bytes), so a retry never stores anything twice. An object still not
 * stored then is dropped, counted in {@link #undeliveredFrames()} (per frame, also for batches) and logged. Meanwhile
 * the camera keeps being read into a bounded queue ({@link SinkBackpressure}): the connection stays up, and the frames
 * the queue had to give up are counted in the consumer's {@code DroppedFrames}.
 *
 * <p>
 * With batching, the camera is read into the aggregator, whatever S3 does; the batch being stored waits for its
 * retries, the next completed ones wait in memory ({@link WaitingBatches}). While {@link #MAX_WAITING_BATCHES}
 * batches (seconds of video) wait, new frames are dropped, counted and logged, so memory stays bounded however long
 * S3 is down.
 */
public class CameraToS3Route extends RouteBuilder {

    /**
     * How Camel retries a failed PUT: up to {@code maximumRedeliveries} more times, the first after
     * {@code firstDelay}, each next one twice as late, at most {@code maximumDelay}.
     */
    public record Redelivery(int maximumRedeliveries, Duration firstDelay, Duration maximumDelay) {

        /**
         * 6 retries, after 1, 2, 4, 4, 4 and 4 s: the frame being stored rides out an outage of up to 19 s, and is
         * stored at most 4 s after S3 is back.
         */
        public static final Redelivery DEFAULT = new Redelivery(6, Duration.ofSeconds(1), Duration.ofSeconds(4));

        public Redelivery {
            if (maximumRedeliveries < 0 || firstDelay.isNegative() || maximumDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("invalid redelivery: " + maximumRedeliveries + " retries, "
                                                   + firstDelay + " first delay, " + maximumDelay + " maximum");
            }
        }
    }

    /** Seconds of video (batches) that may wait in memory for S3 with batching: 10 s, about 75 MB at 1080p/25 fps. */
    public static final int MAX_WAITING_BATCHES = 10;

    private final String cameraUri;
    private final String s3Uri;
    private final boolean batchPerSecond;
    private final Redelivery redelivery;
    private final int maxWaitingBatches;
    private final UndeliveredFrames undelivered = new UndeliveredFrames("S3");
    private final WaitingBatches batches = new WaitingBatches();

    /**
     * @param s3Uri for example {@code aws2-s3://camera-archive?region=eu-west-1}, or with
     *              {@code uriEndpointOverride} for an S3-compatible store
     */
    public CameraToS3Route(String cameraUri, String s3Uri, boolean batchPerSecond) {
        this(cameraUri, s3Uri, batchPerSecond, Redelivery.DEFAULT);
    }

    public CameraToS3Route(String cameraUri, String s3Uri, boolean batchPerSecond, Redelivery redelivery) {
        this(cameraUri, s3Uri, batchPerSecond, redelivery, MAX_WAITING_BATCHES);
    }

    /** With another bound on the batches waiting for S3 (tests use a small one to reach it quickly). */
    CameraToS3Route(String cameraUri, String s3Uri, boolean batchPerSecond, Redelivery redelivery,
                    int maxWaitingBatches) {
        if (maxWaitingBatches < 1) {
            throw new IllegalArgumentException("maxWaitingBatches must be at least 1, was " + maxWaitingBatches);
        }
        this.cameraUri = cameraUri;
        this.s3Uri = s3Uri;
        this.batchPerSecond = batchPerSecond;
        this.redelivery = redelivery;
        this.maxWaitingBatches = maxWaitingBatches;
    }

    /** The aws2-s3 URI for an S3-compatible endpoint (S3Proxy, MinIO...). */
    public static String s3Uri(String bucket, String endpoint, String accessKey, String secretKey) {
        return "aws2-s3://" + bucket + "?overrideEndpoint=true&uriEndpointOverride=" + endpoint
               + "&forcePathStyle=true&region=us-east-1&autoCreateBucket=true"
               + "&accessKey=RAW(" + accessKey + ")&secretKey=RAW(" + secretKey + ")";
    }

    /** Frames not stored after the last retry: dropped, each one (or each batch) logged. */
    public UndeliveredFrames undeliveredFrames() {
        return undelivered;
    }

    @Override
    public void configure() {
        Processor giveUp = e -> {
            undelivered.record(e);
            if (e.getIn().getHeader("frames") != null) {
                batches.done(); // a batch given up no longer waits
            }
        };
        // S3 unreachable or answering errors: worth retrying (a PUT is idempotent)
        onException(SdkException.class)
                .maximumRedeliveries(redelivery.maximumRedeliveries())
                .redeliveryDelay(redelivery.firstDelay().toMillis())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(redelivery.maximumDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN).logRetryStackTrace(false)
                .logExhausted(false) // UndeliveredFrames logs the outcome
                .handled(true)
                .process(giveUp);
        // anything else (a frame without the headers a key needs...) would fail the same way again: no retry
        onException(Exception.class).logExhausted(false).handled(true).process(giveUp);

        String camera = SinkBackpressure.apply(cameraUri);
        if (!batchPerSecond) {
            from(camera).routeId(RouteIds.of("camera-to-s3", cameraUri))
                    .process(e -> {
                        e.getIn().setHeader("CamelAwsS3Key", FrameKeys.object(e.getIn()));
                        e.getIn().setHeader("CamelAwsS3ContentType", "image/jpeg");
                    })
                    .to(s3Uri);
            return;
        }
        from(camera).routeId(RouteIds.of("camera-to-s3-batched", cameraUri))
                .process(e -> e.getIn().setHeader("batchKey", FrameKeys.batch(e.getIn())))
                .process(e -> {
                    if (batches.waiting() >= maxWaitingBatches) {
                        undelivered.record(e, maxWaitingBatches + " batches already wait for S3");
                        e.setRouteStop(true);
                    }
                })
                .aggregate(header("batchKey"), batches)
                    .completionTimeout(1200).completionTimeoutCheckerInterval(100)
                    .completionSize(200)
                    // stopping the route stores the seconds still being collected instead of discarding them
                    .forceCompletionOnStop().completeAllOnStop()
                .setHeader("CamelAwsS3Key", header("batchKey"))
                .setHeader("CamelAwsS3ContentType", constant("multipart/x-mixed-replace; boundary="
                                                              + MjpegBatchStrategy.BOUNDARY))
                .to(s3Uri)
                .process(e -> batches.done())
                .log(LoggingLevel.INFO, CameraToS3Route.class.getName(), "stored ${header.frames} frames of camera"
                     + " ${header." + AxisMjpegConstants.CAMERA_ID + "} as ${header.CamelAwsS3Key}");
    }
}
