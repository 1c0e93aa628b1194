package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.LogCapture;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.junit.jupiter.api.Test;

/**
 * Connect's offset reader waits for Kafka without a limit (the brokers down when a task starts): the task's cameras
 * are in the metrics as NOT_STARTED meanwhile, a warning names them once the wait passes waiting.for.kafka.ms, and
 * when Kafka answers the cameras start and the end of the wait is logged.
 */
class SlowOffsetsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void camerasWaitingForTheirOffsetsAreShownAndTheWaitIsLoggedUntilKafkaAnswers() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder()
                .replay(CaptureFile.readFrames(CaptureFile.sharedAxisCapture())).fps(25).build().start();
             TaskHarness worker = new TaskHarness();
             LogCapture log = LogCapture.of(OffsetReadWatch.class)) {
            CountDownLatch kafkaAnswers = worker.holdOffsets();
            AxisMjpegSourceTask task = new AxisMjpegSourceTask();
            task.initialize(worker);
            CompletableFuture<Void> started = CompletableFuture.runAsync(() -> task.start(TaskHarness.taskConfig(
                    TaskHarness.props("cameras", "gate=" + camera.hostAndPort(), "waiting.for.kafka.ms", "1000",
                            "record.timestamp.max.skew.ms", "-1"))));
            try {
                await().atMost(BOUND).until(() -> log.lines().stream().anyMatch(l -> l.startsWith("WARN")));
                assertThat(started).isNotDone();
                assertThat(worker.metric("gate", "camera-state")).isEqualTo(CameraStatus.NOT_STARTED);
                assertThat(camera.connections()).isZero(); // no camera is opened before its frame numbers are known
                assertThat(log.lines()).singleElement().asString()
                        .contains("[gate]", "Kafka has not answered for their committed offsets", "brokers");

                kafkaAnswers.countDown();
                started.get(10, TimeUnit.SECONDS);
                await().atMost(BOUND).until(() -> "STREAMING".equals(worker.metric("gate", "camera-state")));
                assertThat(log.lines()).hasSize(2).last().asString()
                        .startsWith("INFO").contains("[gate]", "Kafka answered for their committed offsets after");
            } finally {
                kafkaAnswers.countDown();
                started.handle((ignored, failure) -> null).get(10, TimeUnit.SECONDS);
                task.stop();
            }
        }
    }

    /**
     * Connect stops a task whose offset read waits by closing the reader: the read throws, start() fails. The end of
     * the wait was logged as "Kafka answered for their committed offsets", which it never did.
     */
    @Test
    void aTaskStoppedWhileItsOffsetReadWaitsSaysKafkaNeverAnsweredAndLeavesNoCamera() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder()
                .replay(CaptureFile.readFrames(CaptureFile.sharedAxisCapture())).fps(25).build().start();
             TaskHarness worker = new TaskHarness();
             LogCapture log = LogCapture.of(OffsetReadWatch.class)) {
            worker.holdOffsets();
            AxisMjpegSourceTask task = new AxisMjpegSourceTask();
            task.initialize(worker);
            CompletableFuture<Void> started = CompletableFuture.runAsync(() -> task.start(TaskHarness.taskConfig(
                    TaskHarness.props("cameras", "gate=" + camera.hostAndPort(), "waiting.for.kafka.ms", "1000",
                            "record.timestamp.max.skew.ms", "-1"))));
            await().atMost(BOUND).until(() -> log.lines().stream().anyMatch(l -> l.startsWith("WARN")));
            assertThat(worker.metric("gate", "camera-state")).isEqualTo(CameraStatus.NOT_STARTED);

            worker.closeOffsetReader();
            assertThat(started).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingRootCause().withMessageContaining("Offset reader is closed");
            assertThat(log.lines()).hasSize(2).last().asString().startsWith("INFO")
                    .contains("[gate]", "their committed offsets", "no answer").doesNotContain("Kafka answered");
            assertThat(worker.metric("gate", "camera-state")).as("the camera's metrics went with the task").isNull();
            assertThat(camera.connections()).isZero();
        }
    }

    @Test
    void anOffsetReadInTimeLogsNothing() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder()
                .replay(CaptureFile.readFrames(CaptureFile.sharedAxisCapture())).fps(25).build().start();
             TaskHarness worker = new TaskHarness();
             LogCapture log = LogCapture.of(OffsetReadWatch.class)) {
            AxisMjpegSourceTask task = worker.start(TaskHarness.props("cameras", "gate=" + camera.hostAndPort(),
                    "waiting.for.kafka.ms", "1000", "record.timestamp.max.skew.ms", "-1"));
            try {
                await().atMost(BOUND).until(() -> "STREAMING".equals(worker.metric("gate", "camera-state")));
                Thread.sleep(1500); // past waiting.for.kafka.ms: a watch left running would warn now
                assertThat(log.lines()).isEmpty();
            } finally {
                task.stop();
            }
        }
    }
}
