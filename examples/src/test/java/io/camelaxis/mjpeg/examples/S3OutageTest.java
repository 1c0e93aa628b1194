package io.camelaxis.mjpeg.examples;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.camelaxis.mjpeg.AxisMjpegConsumer;
import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 example (one object per frame) while its S3 server (S3Proxy in this JVM) is stopped and started again on the
 * same port with the same objects: Camel redelivers the PUT in progress, the camera connection stays up, and every
 * frame the camera sent is either stored, byte-exact under its key, or counted as dropped, by the route (given up
 * after the last retry) or by the consumer's queue (backpressure).
 */
class S3OutageTest {

    private EmbeddedS3 s3;
    private S3Client client;
    private List<byte[]> capture;

    @BeforeEach
    void start() throws Exception {
        capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        s3 = EmbeddedS3.start();
        client = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        s3.close();
    }

    /** 10 s down, the default redelivery (19 s of retries): the frame being stored waits and is stored late. */
    @Test
    void aTenSecondOutageIsRiddenOutByRedeliveryAndTheQueueDropsAreCounted() throws Exception {
        Outcome outcome = run(400, CameraToS3Route.Redelivery.DEFAULT, route -> Thread.sleep(10_000));
        assertThat(outcome.droppedByRoute()).as("the PUT in progress outlived the outage").isEmpty();
        assertThat(outcome.droppedByQueue()).as("the queue kept the newest frames").isPositive();
    }

    /** Retries shorter than the outage: the route gives frames up, each one counted and absent from the bucket. */
    @Test
    void framesTheRouteGivesUpAreCountedAndTheOthersStored() throws Exception {
        CameraToS3Route.Redelivery brief = new CameraToS3Route.Redelivery(2, Duration.ofMillis(100),
                Duration.ofMillis(200));
        Outcome outcome = run(150, brief, route -> Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> route.undeliveredFrames().count() >= 3));
        assertThat(outcome.droppedByRoute()).hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * Batching: the camera keeps feeding the aggregator while the batch being stored waits for its retries; later
     * seconds wait in memory, here at most 3 (the example's bound is {@link CameraToS3Route#MAX_WAITING_BATCHES}),
     * and the frames of the seconds beyond that are dropped and counted.
     */
    @Test
    void batchesWaitForS3DuringATenSecondOutageAndWhatDidNotFitIsCounted() throws Exception {
        int frames = 400;
        String bucket = "batch-outage-" + System.nanoTime();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(96, 72).build().start()) {
            CameraToS3Route route = new CameraToS3Route("axis-mjpeg:" + camera.hostAndPort() + "?cameraId=yard&fps=25"
                    + "&nbrOfFrames=" + frames, CameraToS3Route.s3Uri(bucket, s3.endpoint(), EmbeddedS3.ACCESS_KEY,
                    EmbeddedS3.SECRET_KEY), true, CameraToS3Route.Redelivery.DEFAULT, 3);
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(route);
            context.start();
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoutes().get(0).getConsumer();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered() >= 25);
                s3.stopServer();
                Thread.sleep(10_000); // the outage itself
                s3.restartServer();
                // every frame received ends up stored or counted as dropped (a batch is stored whole or not at all)
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> consumer.getFramesReceived() == frames
                                     && framesIn(bucket) + route.undeliveredFrames().count()
                                        + consumer.getDroppedFrames() + consumer.getFailedExchanges() == frames);
            } finally {
                context.stop();
            }
            int stored = framesIn(bucket);
            System.out.printf("S3 down 10 s, batched: %d frames sent by the camera; %d stored in %d batches; %d"
                              + " dropped by the route; %d dropped by the consumer's queue; %d failed exchanges%n",
                    consumer.getFramesReceived(), stored, batchKeys(bucket).size(), route.undeliveredFrames().count(),
                    consumer.getDroppedFrames(), consumer.getFailedExchanges());
            assertThat(stored + route.undeliveredFrames().count() + consumer.getDroppedFrames()
                       + consumer.getFailedExchanges()).isEqualTo(frames);
            assertThat(route.undeliveredFrames().count()).as("frames of seconds beyond the 3 waiting").isPositive();
            assertThat(consumer.getConnections()).isEqualTo(1);
            assertThat(consumer.getReconnects()).isZero();
        }
    }

    /** Stopping the batched route while a second is still being collected stores that second, it is not lost. */
    @Test
    void stoppingTheBatchedRouteStoresTheSecondsStillBeingCollected() throws Exception {
        int frames = 30;
        String bucket = "batch-stop-" + System.nanoTime();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(96, 72).build().start()) {
            CameraToS3Route route = new CameraToS3Route("axis-mjpeg:" + camera.hostAndPort() + "?cameraId=yard&fps=25"
                    + "&nbrOfFrames=" + frames, CameraToS3Route.s3Uri(bucket, s3.endpoint(), EmbeddedS3.ACCESS_KEY,
                    EmbeddedS3.SECRET_KEY), true);
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(route);
            context.start();
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoutes().get(0).getConsumer();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered() == frames);
            } finally {
                context.stop(); // at once: the last second's batch is not complete (1.2 s completion timeout)
            }
            assertThat(framesIn(bucket)).isEqualTo(frames);
            assertThat(route.undeliveredFrames().count()).isZero();
        }
    }

    private List<String> batchKeys(String bucket) {
        try {
            List<String> keys = new ArrayList<>();
            client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()
                    .forEach(o -> keys.add(o.key()));
            return keys;
        } catch (RuntimeException e) {
            return List.of(); // the server is down, or the bucket not made yet
        }
    }

    /** Frames in all batches of the bucket, each parsed and checked as a complete JPEG. */
    private int framesIn(String bucket) {
        int count = 0;
        for (String key : batchKeys(bucket)) {
            byte[] mjpeg = client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray();
            List<byte[]> jpegs = new ArrayList<>();
            FrameHandler handler = jpegs::add;
            MultipartFrameParser parser = new MultipartFrameParser(MjpegBatchStrategy.BOUNDARY, 1 << 20,
                    JpegValidation.structure, handler);
            parser.feed(mjpeg, 0, mjpeg.length);
            parser.endOfStream();
            count += jpegs.size();
        }
        return count;
    }

    private interface Outage {
        void last(CameraToS3Route route) throws Exception;
    }

    private record Outcome(Set<Long> stored, Set<Long> droppedByRoute, long droppedByQueue) {
    }

    private Outcome run(int frames, CameraToS3Route.Redelivery redelivery, Outage outage) throws Exception {
        String bucket = "outage-" + System.nanoTime();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).replay(capture).build().start()) {
            CameraToS3Route route = new CameraToS3Route("axis-mjpeg:" + camera.hostAndPort() + "?cameraId=gate&fps=25"
                    + "&nbrOfFrames=" + frames, CameraToS3Route.s3Uri(bucket, s3.endpoint(), EmbeddedS3.ACCESS_KEY,
                    EmbeddedS3.SECRET_KEY), false, redelivery);
            CamelContext context = new DefaultCamelContext();
            DroppedFrameNumbers droppedByRoute = DroppedFrameNumbers.watch(context);
            context.addRoutes(route);
            context.start();
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoutes().get(0).getConsumer();
            long outageStart;
            long outageEnd;
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered() >= 25);
                s3.stopServer();
                outageStart = System.currentTimeMillis();
                outage.last(route);
                s3.restartServer();
                outageEnd = System.currentTimeMillis();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getFramesDelivered()
                        + consumer.getFailedExchanges() + consumer.getDroppedFrames() == frames);
            } finally {
                context.stop();
            }

            Set<Long> stored = new HashSet<>();
            for (S3Object object : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                    .build()).contents()) {
                String key = object.key();
                long number = Long.parseLong(key.substring(key.lastIndexOf('-') + 1, key.length() - ".jpg".length()));
                assertThat(stored.add(number)).as("one object for frame %d", number).isTrue();
                byte[] bytes = client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                        .asByteArray();
                assertThat(bytes).as(key).isEqualTo(capture.get((int) ((number - 1) % 10)));
            }
            Set<Long> dropped = droppedByRoute.numbers();
            // a PUT S3 completed but never answered, then given up, is stored and counted as dropped: count it once
            long storedNotDropped = stored.stream().filter(n -> !dropped.contains(n)).count();
            System.out.printf("S3 down %d ms: %d frames sent by the camera; %d stored; %d dropped by the route"
                              + " after its retries, %d of these stored all the same; %d dropped by the consumer's"
                              + " queue; %d failed exchanges%n", outageEnd - outageStart, consumer.getFramesReceived(),
                    stored.size(), dropped.size(), stored.size() - storedNotDropped, consumer.getDroppedFrames(),
                    consumer.getFailedExchanges());

            assertThat(consumer.getFramesReceived()).isEqualTo(frames);
            assertThat(route.undeliveredFrames().count()).isEqualTo(dropped.size());
            assertThat(storedNotDropped + dropped.size() + consumer.getDroppedFrames()
                       + consumer.getFailedExchanges()).isEqualTo(frames);
            assertThat(consumer.getFailedExchanges()).isZero();
            assertThat(consumer.getConnections()).isEqualTo(1);
            assertThat(consumer.getReconnects()).isZero();
            return new Outcome(stored, dropped, consumer.getDroppedFrames());
        }
    }
}
