package io.camelaxis.mjpeg.examples;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each file example, run as a user runs it, against the simulator replaying the real Axis capture. */
class ExampleRoutesTest {

    private static AxisCameraSimulator camera;
    private static List<byte[]> capture;

    @TempDir
    Path out;

    @BeforeAll
    static void startCamera() throws Exception {
        capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        camera = AxisCameraSimulator.builder().fps(25).replay(capture).build().start();
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    private String cameraUri() {
        CameraOptions options = CameraOptions.parse("--camera-id", "gate:1", "--fps", "25", "--resolution", "320x240");
        return options.cameraUri(camera.hostAndPort());
    }

    private static CamelContext run(RoutesBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(routes);
        context.start();
        return context;
    }

    /** {@code snapshot-<frame number>.jpg}, as ThrottledSnapshotsRoute names its files. */
    private static long snapshotFrameNumber(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring("snapshot-".length(), name.length() - ".jpg".length()));
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void cameraToFilesWritesEveryFrameByteExactInADatedLayout() throws Exception {
        CamelContext context = run(new CameraToFilesRoute(cameraUri(), out.toString()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> files(out).size() >= 10);
        } finally {
            context.stop();
        }
        Path first = out.resolve("gate_1/2013/07/24/14/143445.670-1.jpg");
        assertThat(first).exists();
        assertThat(Files.readAllBytes(first)).isEqualTo(capture.get(0));
        Path tenth = out.resolve("gate_1/2013/07/24/14/143446.030-10.jpg");
        assertThat(Files.readAllBytes(tenth)).isEqualTo(capture.get(9));
        BufferedImage image = ImageIO.read(first.toFile());
        assertThat(image.getWidth()).isEqualTo(320);
    }

    @Test
    void sampledRouteWritesTheFirstFrameAtOnceThenDropsTheFramesBetweenSamples() throws Exception {
        CamelContext context = run(new ThrottledSnapshotsRoute(cameraUri(), out.toString()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> files(out).size() >= 3);
        } finally {
            context.stop();
        }
        // the sampler passes the first frame at once, then the first of each later second: the frames in between
        // (about 24 at 25 fps) never reach the file endpoint
        List<Long> numbers = files(out).stream().map(ExampleRoutesTest::snapshotFrameNumber).sorted().toList();
        assertThat(numbers.get(0)).isEqualTo(1);
        assertThat(Files.readAllBytes(out.resolve("snapshot-1.jpg"))).isEqualTo(capture.get(0));
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i) - numbers.get(i - 1)).as("frames dropped before snapshot %d", numbers.get(i))
                    .isGreaterThan(1);
        }
        for (Path p : files(out)) {
            assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(320);
        }
    }

    @Test
    void motionRouteSortsFramesByContent() throws Exception {
        try (AxisCameraSimulator live = AxisCameraSimulator.builder().fps(25).resolution(160, 120).build().start()) {
            String uri = CameraOptions.parse("--fps", "25", "--resolution", "160x120").cameraUri(live.hostAndPort());
            CamelContext context = run(new MotionRoute(uri, out.toString()));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> files(out.resolve("idle")).size() >= 1);
            } finally {
                context.stop();
            }
            assertThat(files(out.resolve("idle")).get(0).getFileName().toString()).matches("frame-\\d*50\\.jpg");
        }
    }

    @Test
    void yamlRouteRunsUnderCamelMain() throws Exception {
        CameraOptions options = CameraOptions.parse("--example", "yaml", "--seconds", "3", "--out", out.toString(),
                "--fps", "25", "--resolution", "320x240");
        ExamplesMain.run(options, options.cameraUri(camera.hostAndPort()),
                options.maskedCameraUri(camera.hostAndPort()));
        List<Path> written = files(out);
        assertThat(written).hasSizeGreaterThan(10);
        assertThat(Files.readAllBytes(out.resolve("yaml-1.jpg"))).isEqualTo(capture.get(0));
    }

    @Test
    void relayServesTheCameraToViewers() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CamelContext context = run(new CameraRelayRoute(cameraUri(), "gate", port));
        try {
            java.net.URL snapshot = java.net.URI.create("http://127.0.0.1:" + port + "/cameras/gate/snapshot.jpg")
                    .toURL();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) snapshot.openConnection();
                return c.getResponseCode() == 200;
            });
            byte[] jpeg = snapshot.openStream().readAllBytes();
            assertThat(capture).anySatisfy(f -> assertThat(f).isEqualTo(jpeg));
        } finally {
            context.stop();
        }
    }

    @Test
    void optionsRejectTyposWithUsage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CameraOptions.parse("--hots", "x"))
                .hasMessageContaining("unknown option --hots").hasMessageContaining("usage");
        String shown = CameraOptions.parse("--host", "cam", "--username", "operator", "--password", "p4ss)&w0rd")
                .maskedCameraUri("cam");
        assertThat(shown).doesNotContain("p4ss").doesNotContain("w0rd").doesNotContain("operator")
                .contains("password=xxxxxx");
    }

    @Test
    void optionsRefuseBadNumbersAndExamplesBeforeAnythingStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CameraOptions.parse("--port", "abc"))
                .hasMessage("--port must be a whole number of 0 or more, was 'abc'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CameraOptions.parse("--seconds", "-1"))
                .hasMessageStartingWith("--seconds must be a whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CameraOptions.parse("--example", "file"))
                .hasMessageStartingWith("unknown example 'file', expected one of files, throttled,");
        assertThat(CameraOptions.parse("--help").help).isTrue();
        assertThat(CameraOptions.usage()).startsWith("usage: ./run.sh [--example")
                .contains("\n       ./run.sh --properties FILE");
    }

    @Test
    void credentialsReachTheCameraAsTyped() throws Exception {
        for (String password : List.of("secret", "p4ss)&w0rd", "a)b)", "x}&y")) {
            String uri = CameraOptions.parse("--host", "cam", "--username", "root", "--password", password)
                    .cameraUri("cam");
            Map<String, Object> query = org.apache.camel.util.URISupport.parseQuery(uri.substring(uri.indexOf('?') + 1));
            org.apache.camel.util.URISupport.resolveRawParameterValues(query);
            assertThat(query).as(uri).containsEntry("password", password).containsEntry("username", "root")
                    .containsEntry("fps", "10");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> CameraOptions.parse("--username", "root", "--password", "a)&b}&c"))
                .hasMessageStartingWith("--password holds both ')&' and '}&'");
    }
}
