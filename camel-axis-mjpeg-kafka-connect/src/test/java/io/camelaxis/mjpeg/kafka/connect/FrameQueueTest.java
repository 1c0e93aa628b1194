package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.Backpressure;
import io.camelaxis.mjpeg.LogCapture;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    private final CameraStatus gate = new CameraStatus("gate", 10_000);
    private final CameraStatus dock = new CameraStatus("dock", 10_000);

    private static FrameQueue.Entry frame(CameraStatus camera, int number, int bytes) {
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, null, camera.cameraId(), null,
                new byte[bytes], (long) number);
        return new FrameQueue.Entry(camera, record, bytes);
    }

    private static List<Long> timestamps(List<FrameQueue.Entry> batch) {
        return batch.stream().map(e -> e.record().timestamp()).toList();
    }

    @Test
    void dropOldestKeepsTheNewestFramesAndCountsTheDropsOnTheirCamera() throws Exception {
        FrameQueue queue = new FrameQueue(2, 1 << 20, Backpressure.dropOldest);
        assertThat(queue.put(frame(gate, 1, 10))).isTrue();
        assertThat(queue.put(frame(dock, 2, 10))).isTrue();
        assertThat(queue.put(frame(dock, 3, 10))).isTrue();

        assertThat(timestamps(queue.drain(0))).containsExactly(2L, 3L);
        assertThat(gate.framesDropped()).isEqualTo(1);
        assertThat(dock.framesDropped()).isZero();
    }

    @Test
    void latestOnlyKeepsOneQueuedFramePerCamera() throws Exception {
        FrameQueue queue = new FrameQueue(10, 1 << 20, Backpressure.latestOnly);
        queue.put(frame(gate, 1, 10));
        queue.put(frame(dock, 2, 10));
        queue.put(frame(gate, 3, 10));
        queue.put(frame(gate, 4, 10));

        assertThat(timestamps(queue.drain(0))).containsExactly(2L, 4L);
        assertThat(gate.framesDropped()).isEqualTo(2);
        assertThat(dock.framesDropped()).isZero();
    }

    /**
     * latestOnly with poll() held up (the worker's thread waits in the producer): the camera's frame in the queue is
     * replaced by each next one and Kafka takes none. The camera was never found waiting for Kafka (no warning, the
     * state stayed STREAMING): each replacement restarted the clock.
     */
    @Test
    void aCameraWhoseQueuedFrameIsReplacedAndNeverTakenIsFoundWaitingForKafka() throws Exception {
        CameraStatus slow = new CameraStatus("slow", 1000);
        FrameQueue queue = new FrameQueue(10, 1 << 20, Backpressure.latestOnly);
        try (LogCapture log = LogCapture.of(KafkaProgress.class)) {
            long end = System.currentTimeMillis() + 1600;
            for (int n = 1; System.currentTimeMillis() < end; n++) {
                queue.put(frame(slow, n, 10));
                Thread.sleep(50);
            }
            assertThat(log.lines()).singleElement().asString().startsWith("WARN Camera slow: Kafka has taken no frame");
        }
    }

    @Test
    void theByteBoundCountsLikeTheFrameBoundAndOneLargeFrameAlwaysFits() throws Exception {
        FrameQueue queue = new FrameQueue(100, 1000, Backpressure.dropOldest);
        queue.put(frame(gate, 1, 600));
        queue.put(frame(gate, 2, 600)); // 1200 > 1000: the first goes
        assertThat(timestamps(queue.drain(0))).containsExactly(2L);
        queue.put(frame(gate, 3, 5000)); // larger than the bound, into an empty queue
        assertThat(timestamps(queue.drain(0))).containsExactly(3L);
        assertThat(gate.framesDropped()).isEqualTo(1);
    }

    @Test
    void blockWaitsForRoomAndCloseReleasesAWaitingCamera() throws Exception {
        FrameQueue queue = new FrameQueue(1, 1 << 20, Backpressure.block);
        queue.put(frame(gate, 1, 10));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> put(queue, frame(gate, 2, 10)));
        assertThat(timestamps(queue.drain(0))).containsExactly(1L);
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(timestamps(queue.drain(0))).containsExactly(2L);

        queue.put(frame(gate, 3, 10));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> put(queue, frame(gate, 4, 10)));
        assertThat(queue.close()).isEqualTo(1); // the queued frame is discarded
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse(); // and the waiting camera is let go, frame refused
        assertThat(queue.drain(1000)).isEmpty();
        assertThat(gate.framesDropped()).isZero();
    }

    @Test
    void drainReturnsNothingAfterItsTimeoutWhenNoFrameCame() throws Exception {
        FrameQueue queue = new FrameQueue(10, 1 << 20, Backpressure.block);
        assertThat(queue.drain(50)).isEmpty();
    }

    private static boolean put(FrameQueue queue, FrameQueue.Entry entry) {
        try {
            return queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
