package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task driven directly, with real cameras on loopback: what it counts, and how it stops. */
class SourceTaskTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration CONNECT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    /** The records one task made of the twenty frames, and the frames its camera counted dropped. */
    private record Delivery(List<SourceRecord> records, long dropped) {
    }

    /**
     * Twenty real frames from camera {@code gate} through a task with these settings (besides the camera and a
     * record timestamp taken as it comes): every frame received is a record, in order and once, or counted dropped.
     */
    private static Delivery twentyFramesThrough(List<byte[]> capture, String... settings) throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(ScriptedCamera.multipart(capture));
             TaskHarness worker = new TaskHarness()) {
            List<String> props = new ArrayList<>(List.of("cameras", "gate=" + camera.hostAndPort(),
                    "record.timestamp.max.skew.ms", "-1"));
            props.addAll(List.of(settings));
            AxisMjpegSourceTask task = worker.start(TaskHarness.props(props.toArray(String[]::new)));
            try {
                await().atMost(BOUND).until(() -> Long.valueOf(20).equals(worker.metric("gate", "frames-received")));
                List<SourceRecord> records = pollUntilFrame(task, 20);
                long dropped = (Long) worker.metric("gate", "frames-dropped");
                assertThat(records.size() + dropped).as("every frame received is on its way or counted dropped")
                        .isEqualTo(20);
                assertThat(records).extracting(SourceTaskTest::frameNumber).isSorted().doesNotHaveDuplicates();
                return new Delivery(records, dropped);
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void framesTheComponentDropsAreCountedInTheCamerasFramesDropped() throws Exception {
        // Kafka slower than the camera: the task queue holds one frame and blocks, the component's own queue holds
        // one frame and drops its oldest
        Delivery delivery = twentyFramesThrough(twentyRealFrames(), "queue.capacity", "1", "queue.backpressure",
                "block", "axis.backpressure", "dropOldest", "axis.queueSize", "1");
        assertThat(delivery.dropped()).isPositive();
    }

    /**
     * The pairing the sizing advice names: the component's route on its I/O thread (axis.routeOnIoThread) with a task
     * queue that drops instead of waiting, so a slow Kafka never holds the I/O thread. Accepted by the connector's
     * validation (the option comes from the component's catalog), and every frame is a record or counted dropped.
     */
    @Test
    void theRouteOnTheIoThreadWithADroppingTaskQueueLosesNothingSilently() throws Exception {
        List<byte[]> capture = twentyRealFrames();
        List<SourceRecord> records = twentyFramesThrough(capture, "axis.transport", "async", "axis.routeOnIoThread",
                "true", "queue.capacity", "2", "queue.backpressure", "dropOldest").records();
        assertThat((byte[]) records.get(records.size() - 1).value()).isEqualTo(capture.get(19));
    }

    /**
     * An offset written straight to the offsets topic (not through the REST API, which refuses it) with a frame number
     * the next frame's would overflow: the task warns and numbers the camera's frames from 1 again.
     */
    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, 1L << 53, -5})
    void aCommittedFrameNumberBeyondTheSafeRangeIsNotContinuedButStartedAgainAt1(long committed) throws Exception {
        try (ScriptedCamera camera = new ScriptedCamera(ScriptedCamera.multipart(twentyRealFrames()));
             TaskHarness worker = new TaskHarness()) {
            worker.commitOffset(FrameRecords.sourcePartition("gate"), Map.of("frame", committed));
            AxisMjpegSourceTask task = worker.start(TaskHarness.props("cameras", "gate=" + camera.hostAndPort(),
                    "record.timestamp.max.skew.ms", "-1"));
            try {
                List<SourceRecord> records = pollUntilFrame(task, 20);
                assertThat(records).extracting(SourceTaskTest::frameNumber).startsWith(1L, 2L).endsWith(20L);
            } finally {
                task.stop();
            }
        }
    }

    /** Twenty frames of the real Axis capture (repeated when it holds fewer). */
    private static List<byte[]> twentyRealFrames() throws IOException {
        List<byte[]> capture = new ArrayList<>();
        List<byte[]> real = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        for (int i = 0; i < 20; i++) {
            capture.add(real.get(i % real.size()));
        }
        return capture;
    }

    /** Polls the task (bounded) until the last record it gave is frame {@code number}; returns every record. */
    private static List<SourceRecord> pollUntilFrame(AxisMjpegSourceTask task, long number) {
        List<SourceRecord> records = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
            return !records.isEmpty() && frameNumber(records.get(records.size() - 1)) == number;
        });
        return records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "async"})
    void stopWhileEveryCameraIsStillConnectingReturnsWithinConnectsShutdownTimeout(String transport)
            throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Backlog backlog = Backlog.fill(silent)) {
            Assumptions.assumeTrue(backlog.full(), "this system answers connections to a full backlog");
            String address = "127.0.0.1:" + silent.getLocalPort();
            try (TaskHarness worker = new TaskHarness()) {
                // connecting waits for an answer to its SYN that never comes, up to a minute
                AxisMjpegSourceTask task = worker.start(TaskHarness.props("cameras", "a=" + address + ",b=" + address
                        + ",c=" + address, "axis.connectTimeout", "60000", "axis.transport", transport));
                await().atMost(BOUND).until(() -> "CONNECTING".equals(worker.metric("c", "camera-state")));

                // Connect gives all of a worker's tasks task.shutdown.graceful.timeout.ms (5 s) to stop, then
                // abandons them; a camera's stop must not wait out its connection attempt
                CompletableFuture<Void> stop = CompletableFuture.runAsync(task::stop);
                assertThat(stop).succeedsWithin(CONNECT_SHUTDOWN_TIMEOUT);
                assertThat(cameraThreads()).isEmpty();
            }
        }
    }

    @Test
    // Kafka slower than the camera: reading pauses (backpressure=block); before, the async transport's socket
    // timeout fired anyway and reconnected the camera as 'stalled: no data', 3 times in 6 s here
    void aKafkaSlowerThanTheCameraIsNoCameraStallOnTheAsyncTransport() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder()
                .replay(CaptureFile.readFrames(CaptureFile.sharedAxisCapture())).fps(25).build().start();
             TaskHarness worker = new TaskHarness()) {
            AxisMjpegSourceTask task = worker.start(TaskHarness.props("cameras", "gate=" + camera.hostAndPort(),
                    "queue.capacity", "1", "axis.stallTimeout", "1000", "axis.transport", "async",
                    "record.timestamp.max.skew.ms", "-1"));
            try {
                // no poll(): the worker is busy with a slow broker; the component's queue fills and reading pauses
                await().atMost(BOUND).until(() -> worker.metric("gate", "frames-received") instanceof Long n
                                                  && n >= 11);
                Thread.sleep(5 * 1000); // five stall timeouts without a poll: the absence of a stall takes time

                assertThat(worker.metric("gate", "reconnects")).isEqualTo(0L);
                assertThat(worker.metric("gate", "last-error")).isNull();
                assertThat(camera.connections()).isEqualTo(1);
            } finally {
                task.stop();
            }
        }
    }

    private static long frameNumber(SourceRecord record) {
        return (Long) record.headers().lastWithName(FrameRecords.FRAME_NUMBER).value();
    }

    private static List<String> cameraThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains("AxisMjpegConsumer[")).toList();
    }

    /** Connections that fill a listening socket's backlog, so that further connection attempts get no answer. */
    private record Backlog(List<Socket> sockets, boolean full) implements AutoCloseable {

        static Backlog fill(ServerSocket server) throws IOException {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                            500);
                    sockets.add(socket);
                } catch (SocketTimeoutException e) {
                    socket.close();
                    return new Backlog(sockets, true);
                }
            }
            return new Backlog(sockets, false);
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
