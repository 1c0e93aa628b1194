package io.camelaxis.mjpeg.relay;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real clients against the relay: ffmpeg copying the stream to files, and headless Chromium showing the live page.
 * Both come from Debian's packages (ffmpeg, chromium), which .ci/run installs; without them these tests are skipped.
 */
class RealClientsTest {

    @TempDir
    Path dir;
    private CamelContext context;
    private AxisCameraSimulator camera;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (camera != null) {
            camera.close();
        }
    }

    /** camera (simulator) -> axis-mjpeg -> mjpeg-relay, as a user wires it. */
    private int relayCamera(AxisCameraSimulator.Builder simulator) throws Exception {
        camera = simulator.build().start();
        context = new DefaultCamelContext();
        String uri = "mjpeg-relay:gate?bindAddress=127.0.0.1&port=0";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("axis-mjpeg:" + camera.hostAndPort()).routeId("camera").to(uri);
            }
        });
        context.start();
        return MjpegRelayTest.servedPort(context, uri);
    }

    @Test
    void ffmpegCopiesTheRelayedStreamByteExact() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute(), "ffmpeg is not installed");
        List<byte[]> frames = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        int port = relayCamera(AxisCameraSimulator.builder().fps(25).replay(frames));
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "mpjpeg", "-i",
                "http://127.0.0.1:" + port + "/cameras/gate/stream", "-frames:v", "12", "-c:v", "copy",
                "-f", "image2", dir.resolve("frame-%03d.jpg").toString())
                .redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.exitValue()).as(output).isZero();
        List<Path> written;
        try (Stream<Path> files = Files.list(dir)) {
            written = files.sorted().toList();
        }
        assertThat(written).hasSize(12);
        for (Path file : written) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(frames).as(file.getFileName().toString()).anySatisfy(f -> assertThat(f).isEqualTo(bytes));
            assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(320);
        }
    }

    @Test
    void theLivePageShowsImagesThatUpdateInChromium() throws Exception {
        assumeTrue(new File("/usr/bin/chromium").canExecute(), "chromium is not installed");
        int port = relayCamera(AxisCameraSimulator.builder().fps(10).resolution(320, 240));
        String page = "http://127.0.0.1:" + port + "/";
        Files.createDirectories(Path.of("target"));
        // the camera tile is in the top-left of the grid, below the header
        Region tile = new Region(12, 50, 300, 200);
        BufferedImage first = screenshotShowingAPicture(page, Path.of("target", "relay-page-1.png"), tile);
        // new pictures for the second page load: 15 more frames through the relay (1.5 s at 10 fps)
        MjpegRelayEndpoint relay = context.getEndpoint("mjpeg-relay:gate?bindAddress=127.0.0.1&port=0",
                MjpegRelayEndpoint.class);
        long framesIn = relay.getFramesIn();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.getFramesIn() >= framesIn + 15);
        BufferedImage second = screenshotShowingAPicture(page, Path.of("target", "relay-page-2.png"), tile);
        assertThat(differentPixels(first, second, tile)).as("the picture changed").isGreaterThan(200);
    }

    /**
     * The page keeps up with the cameras it shows: a camera that stops being relayed loses its tile (the browser closes
     * its stream), and when it comes back a new tile connects. Before, the page kept the stale tile in its map, so a
     * camera that came back never got a tile, nor a viewer, again. Observed from the relay's side: the page's viewer.
     */
    @Test
    void theLivePageDropsAGoneCamerasTileAndShowsItAgainWhenItComesBack() throws Exception {
        assumeTrue(new File("/usr/bin/chromium").canExecute(), "chromium is not installed");
        camera = AxisCameraSimulator.builder().fps(10).resolution(320, 240).build().start();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String gate = "mjpeg-relay:gate?bindAddress=127.0.0.1&port=" + port;
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("axis-mjpeg:" + camera.hostAndPort()).routeId("gate").to(gate);
                from("direct:yard").to(gate.replace(":gate?", ":yard?")); // keeps the port and the page up
            }
        });
        context.start();
        MjpegRelayEndpoint relay = context.getEndpoint(gate, MjpegRelayEndpoint.class);
        Process chromium = browse("http://127.0.0.1:" + port + "/", 60_000);
        try {
            Awaitility.await("the page's viewer").atMost(Duration.ofSeconds(40)).until(() -> relay.getViewers() == 1);
            context.getRouteController().stopRoute("gate");
            Thread.sleep(5000); // two of the page's refreshes (every 2 s): gate is gone from /status
            context.getRouteController().startRoute("gate");
            Awaitility.await("the page's viewer, back").atMost(Duration.ofSeconds(20))
                    .until(() -> relay.getViewers() == 1);
        } finally {
            stopWithItsChildren(chromium);
        }
    }

    /** The chromium command is a wrapper script: its browser processes would outlive it, writing to their profile. */
    private static void stopWithItsChildren(Process process) throws Exception {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Headless Chromium on {@code url} for at most {@code millis} (the page's streams keep it loading till then). */
    private Process browse(String url, int millis) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                // not under the test's @TempDir: a browser process still writing there would fail its deletion
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"),
                "--window-size=800,600", "--timeout=" + millis, "--screenshot=" + dir.resolve("page.png"), url));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
    }

    private record Region(int x, int y, int w, int h) {
    }

    /** The page loads its grid from /status, then each image connects: retry until the tile shows a picture. */
    private static BufferedImage screenshotShowingAPicture(String url, Path png, Region tile) throws Exception {
        BufferedImage image = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            image = screenshot(url, png.toAbsolutePath());
            if (brightPixels(image, tile) > 1000) {
                return image;
            }
        }
        assertThat(brightPixels(image, tile)).as("the tile shows a picture (see %s)", png).isGreaterThan(1000);
        return image;
    }

    private static BufferedImage screenshot(String url, Path png) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=800,600", "--timeout=4000",
                "--screenshot=" + png, url));
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = chromium.waitFor(90, TimeUnit.SECONDS);
        String output = new String(chromium.getInputStream().readAllBytes());
        assertThat(done).as("chromium finished: " + output).isTrue();
        assertThat(png).as("screenshot written: " + output).exists();
        return ImageIO.read(png.toFile());
    }

    private static int brightPixels(BufferedImage image, Region r) {
        int count = 0;
        for (int y = r.y(); y < r.y() + r.h(); y++) {
            for (int x = r.x(); x < r.x() + r.w(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) > 150) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int differentPixels(BufferedImage a, BufferedImage b, Region r) {
        int count = 0;
        for (int y = r.y(); y < r.y() + r.h(); y++) {
            for (int x = r.x(); x < r.x() + r.w(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    count++;
                }
            }
        }
        return count;
    }
}
