package io.camelaxis.mjpeg.examples;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.camelaxis.mjpeg.parser.JpegMetadata;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.parser.FrameHandler;
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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the S3 examples must do, against whatever S3 API server a subclass provides, read back with the AWS SDK:
 * per-frame objects byte-exact under dated keys; per-second batches that parse back into that second's frames.
 */
abstract class S3SinkContract {

    private S3Client client;

    protected abstract String endpoint();

    protected abstract String accessKey();

    protected abstract String secretKey();

    @BeforeEach
    void connect() {
        client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey(), secretKey())))
                .build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private String s3Uri(String bucket) {
        return CameraToS3Route.s3Uri(bucket, endpoint(), accessKey(), secretKey());
    }

    private List<S3Object> objects(String bucket) {
        try {
            return client.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).build()).contents();
        } catch (RuntimeException e) {
            return List.of(); // the bucket does not exist yet
        }
    }

    private byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
    }

    @Test
    void oneObjectPerFrameUnderADatedKeyByteExact() throws Exception {
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).replay(capture).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new CameraToS3Route("axis-mjpeg:" + camera.hostAndPort()
                                                  + "?cameraId=gate&nbrOfFrames=10", s3Uri("frames"), false));
            context.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> objects("frames").size() == 10);
            } finally {
                context.stop();
            }
        }
        List<S3Object> stored = objects("frames");
        assertThat(stored.get(0).key()).isEqualTo("gate/2013/07/24/14/34/45.670-1.jpg");
        for (int i = 0; i < 10; i++) {
            String key = String.format("gate/2013/07/24/14/34/%s-%d.jpg",
                    i < 9 ? String.format("45.%03d", 670 + 40 * i) : "46.030", i + 1);
            assertThat(get("frames", key)).as(key).isEqualTo(capture.get(i));
        }
    }

    @Test
    void batchedObjectsHoldASecondOfFramesAsAPlayableMjpegStream() throws Exception {
        int sent = 50;
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(20).resolution(96, 72).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new CameraToS3Route("axis-mjpeg:" + camera.hostAndPort() + "?cameraId=yard&nbrOfFrames="
                                                  + sent, s3Uri("batches"), true));
            context.start();
            try {
                // an object can be listed a moment before it can be read: such a poll just does not count yet
                Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(NoSuchKeyException.class)
                        .until(() -> framesIn(objects("batches")) == sent);
            } finally {
                context.stop();
            }
        }
        List<S3Object> batches = new ArrayList<>(objects("batches"));
        batches.sort(Comparator.comparing(S3Object::key));
        // one object per capture second, holding exactly that second's frames: 50 frames at 20 fps span 3 or 4
        // seconds, as the camera's clock fell, so the count follows from the frames' own capture times
        assertThat(batches.stream().map(batch -> batch.key().substring(5, 24)).toList()).doesNotHaveDuplicates();
        for (S3Object batch : batches) {
            assertThat(batch.key()).matches("yard/\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-batch\\.mjpg");
            String second = batch.key().substring(5, 24);
            for (byte[] jpeg : parse(get("batches", batch.key()))) {
                Instant captured = Instant.ofEpochMilli(JpegMetadata.read(jpeg).cameraTimestamp());
                assertThat(FrameKeys.second(captured)).isEqualTo(second);
            }
        }
    }

    private int framesIn(List<S3Object> batches) {
        return batches.stream().mapToInt(b -> parse(get("batches", b.key())).size()).sum();
    }

    private static List<byte[]> parse(byte[] mjpeg) {
        List<byte[]> frames = new ArrayList<>();
        FrameHandler handler = frames::add;
        MultipartFrameParser parser = new MultipartFrameParser(MjpegBatchStrategy.BOUNDARY, 1 << 20,
                JpegValidation.structure, handler);
        parser.feed(mjpeg, 0, mjpeg.length);
        parser.endOfStream();
        return frames;
    }
}
