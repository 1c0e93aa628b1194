package io.camelaxis.mjpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault the simulator can inject, against a real route over loopback. For each: good frames keep arriving
 * afterwards, nothing corrupt reaches the route, the damage is counted, and memory stays bounded (this module's tests
 * run with a 256 MB heap while {@code BOUNDARY_NEVER_COMES} sends 300 MB without a delimiter).
 * The results are written to {@code target/fault-matrix.md} for {@code docs/reliability.md}.
 */
class FaultMatrixTest {

    private static final int FAULT_AT_FRAME = 3;
    private static final Map<String, String> RESULTS = new TreeMap<>();

    /** What the consumer must count for each fault. */
    private enum Expect {
        CORRUPT,
        RECONNECT,
        CORRUPT_AND_RECONNECT,
        NOTHING_COUNTED
    }

    private static Expect expectationFor(StreamFault fault) {
        return switch (fault) {
            // an endless header line is dropped as BAD_HEADERS at 16 KB, then no frame comes for noFrameTimeout
            case CUT_MID_FRAME, BOUNDARY_NEVER_COMES, TRICKLE, ENDLESS_HEADER_LINE -> Expect.CORRUPT_AND_RECONNECT;
            // no frame for noFrameTimeout (garbage), a refused encoding, no final answer
            case STALL, REBOOT, GARBAGE_FOREVER, GZIP_ENCODING, CONTINUE_FOREVER -> Expect.RECONNECT;
            case GARBAGE_BETWEEN_PARTS, NONE -> Expect.NOTHING_COUNTED;
            default -> Expect.CORRUPT;
        };
    }

    static Stream<Arguments> faultsAndTransports() {
        return Stream.of(Transport.values())
                .flatMap(t -> Stream.of(StreamFault.values()).map(f -> Arguments.of(f, t)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("faultsAndTransports")
    void theRouteSurvives(StreamFault fault, Transport transport) throws Exception {
        long started = System.nanoTime();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48)
                .fault(fault, FAULT_AT_FRAME).stallMillis(5_000).rebootMillis(1_000).trickleMillis(100)
                .neverEndingBytes(300L * 1024 * 1024).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?maxFrameSize=1048576&stallTimeout=1000&reconnectDelay=50&maxReconnectDelay=300&transport="
                     + transport)) {
            AxisMjpegConsumer consumer = route.consumer();
            Expect expect = expectationFor(fault);
            int good = FAULT_AT_FRAME - 1 + 8;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> route.frames().count() >= good
                    && (fault == StreamFault.NONE || camera.faultsInjected() == 1)
                    && countedAsExpected(consumer, expect));

            for (FrameCollector.Received frame : route.frames().frames()) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.body()));
                assertThat(image).as("frame %d decodes", frame.number()).isNotNull();
                assertThat(image.getWidth()).isEqualTo(64);
            }
            long lastNumber = 0;
            for (FrameCollector.Received frame : route.frames().frames()) {
                assertThat(frame.number()).isEqualTo(lastNumber + 1);
                lastNumber = frame.number();
            }
            if (expect == Expect.CORRUPT || expect == Expect.NOTHING_COUNTED) {
                assertThat(consumer.getReconnects()).isZero();
            }
            if (fault == StreamFault.NESTED_LYING_LENGTHS) {
                // each lying part counted once, the frame they hid delivered, the connection kept
                assertThat(consumer.getCorruptFrames()).isEqualTo(AxisCameraSimulator.NESTED_LEVELS);
            }
            if (expect == Expect.RECONNECT || expect == Expect.NOTHING_COUNTED) {
                assertThat(consumer.getCorruptFrames()).isZero();
            }
            if (fault == StreamFault.NONE) {
                assertThat(consumer.getBytesSkipped()).isZero();
            } else if (fault == StreamFault.GARBAGE_BETWEEN_PARTS) {
                // nothing dropped, but the junk between the parts shows
                assertThat(consumer.getBytesSkipped()).isGreaterThanOrEqualTo(4096);
            }
            long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            RESULTS.put(String.format("%s/%02d", transport, fault.ordinal()), String.format("| %s | %s | %d | %d | %d | %d | %s | %d MB | %.1f s |",
                    fault, transport,
                    route.frames().count(), consumer.getCorruptFrames(), consumer.getReconnects(),
                    consumer.getConnections(), consumer.getLastError() == null ? "" : shorten(consumer.getLastError()),
                    heapMb, (System.nanoTime() - started) / 1e9));
        }
    }

    private static boolean countedAsExpected(AxisMjpegConsumer c, Expect expect) {
        return switch (expect) {
            case CORRUPT -> c.getCorruptFrames() >= 1;
            case RECONNECT -> c.getReconnects() >= 1;
            case CORRUPT_AND_RECONNECT -> c.getCorruptFrames() >= 1 && c.getReconnects() >= 1;
            case NOTHING_COUNTED -> true;
        };
    }

    private static String shorten(String error) {
        String e = error.replace("|", "/");
        return e.length() > 90 ? e.substring(0, 87) + "..." : e;
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder md = new StringBuilder("| fault | transport | good frames received | corrupt counted | reconnects"
                + " | connections | last error | heap used after | time |\n|---|---|---|---|---|---|---|---|---|\n");
        RESULTS.values().forEach(row -> md.append(row).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-matrix.md"), md);
    }
}
