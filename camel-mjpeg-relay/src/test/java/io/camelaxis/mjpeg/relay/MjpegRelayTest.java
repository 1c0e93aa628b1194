package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.AxisJpeg;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MjpegRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private CamelContext context;
    private MjpegRelayEndpoint endpoint;
    private int port;

    /** The port the system gave a relay endpoint started with port=0. */
    static int servedPort(CamelContext context, String uri) {
        return context.getEndpoint(uri, MjpegRelayEndpoint.class).getServedPort();
    }

    /** A context with direct:frames -> mjpeg-relay:gate?port=0&options. */
    private ProducerTemplate relay(String options) throws Exception {
        context = new DefaultCamelContext();
        String uri = "mjpeg-relay:gate?port=0&bindAddress=127.0.0.1" + options;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames").routeId("relay-in").to(uri);
            }
        });
        context.start();
        endpoint = context.getEndpoint(uri, MjpegRelayEndpoint.class);
        port = endpoint.getServedPort();
        return context.createProducerTemplate();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static List<byte[]> capture() throws IOException {
        return CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
    }

    /** Waits for a condition that follows one frame's publication: polled every millisecond, not every 100. */
    private static void awaitFrame(Callable<Boolean> condition) {
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(WAIT).until(condition);
    }

    /** The relay's view of its viewer that asked for {@code maxFps} (0: no limit). */
    private ViewerStream.ViewerStatus viewerStatus(int maxFps) {
        return endpoint.channel().viewerStatuses().stream().filter(v -> v.maxFps() == maxFps).findFirst()
                .orElseThrow();
    }

    @Test
    void viewersReceiveEveryFrameByteExact() throws Exception {
        ProducerTemplate frames = relay("");
        List<byte[]> capture = capture();
        try (Viewer a = new Viewer(url("/cameras/gate/stream")); Viewer b = new Viewer(url("/cameras/gate/stream"))) {
            for (int i = 0; i < capture.size(); i++) {
                frames.sendBody("direct:frames", capture.get(i));
                int published = i + 1; // the next frame once both have this one: a waiting frame is never replaced
                awaitFrame(() -> a.frames.size() == published && b.frames.size() == published);
            }
            assertThat(capture).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(a.frames.get(i)).isEqualTo(capture.get(i));
                assertThat(b.frames.get(i)).isEqualTo(capture.get(i));
            }
            assertThat(a.corrupt()).isZero();
        }
    }

    @Test
    void aNewViewerGetsTheLatestFrameAtOnce() throws Exception {
        ProducerTemplate frames = relay("");
        List<byte[]> capture = capture();
        frames.sendBody("direct:frames", capture.get(0));
        frames.sendBody("direct:frames", capture.get(1));
        try (Viewer late = new Viewer(url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> late.frames.size() == 1);
            assertThat(late.frames.get(0)).isEqualTo(capture.get(1));
        }
    }

    @Test
    void aSlowViewerDropsWholeFramesWithoutSlowingOthers() throws Exception {
        ProducerTemplate frames = relay("");
        byte[] big = AxisJpeg.render(1280, 720, 1, java.time.Instant.now(), "big frame", 1.0f);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            stalled.getOutputStream().write(("GET /cameras/gate/stream HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // the stalled viewer never reads
            try (Viewer fast = new Viewer(url("/cameras/gate/stream"))) {
                Awaitility.await().atMost(WAIT).until(() -> endpoint.getViewers() == 2);
                int published = 60;
                for (int i = 0; i < published; i++) {
                    frames.sendBody("direct:frames", AxisJpeg.withCaptureTime(big, java.time.Instant.now()));
                    int frame = i + 1;
                    awaitFrame(() -> fast.frames.size() == frame); // the stalled viewer does not hold this one back
                }
                assertThat(fast.corrupt()).isZero();
                List<ViewerStream.ViewerStatus> viewers = endpoint.channel().viewerStatuses();
                ViewerStream.ViewerStatus fastViewer = viewers.stream().filter(v -> v.framesSent() == published)
                        .findFirst().orElseThrow();
                ViewerStream.ViewerStatus stalledViewer = viewers.stream().filter(v -> v != fastViewer)
                        .findFirst().orElseThrow();
                assertThat(fastViewer.framesDropped()).isZero();
                // the stalled viewer skipped whole frames: each of the 60 is sent, dropped or still waiting
                assertThat(stalledViewer.framesDropped()).isPositive();
                assertThat(stalledViewer.framesSent() + stalledViewer.framesDropped() + stalledViewer.framesWaiting())
                        .isEqualTo(published);
                assertThat(endpoint.getFramesDropped()).isEqualTo(stalledViewer.framesDropped());
            }
        }
    }

    @Test
    void aViewerWithFpsGetsOnlyFramesAtLeastOneIntervalApart() throws Exception {
        ProducerTemplate frames = relay("");
        List<byte[]> capture = capture();
        AtomicLong relayClock = new AtomicLong(-1_000_000_000L); // negative: a legal System.nanoTime() value too
        endpoint.channel().useClock(relayClock::get);
        try (Viewer paced = new Viewer(url("/cameras/gate/stream?fps=5"));
             Viewer full = new Viewer(url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> endpoint.getViewers() == 2);
            for (int i = 0; i < 50; i++) {
                frames.sendBody("direct:frames", capture.get(i % 10));
                relayClock.addAndGet(40_000_000L); // 25 fps by the relay's clock: every 5th frame is 200 ms on
                int published = i + 1;
                int taken = i / 5 + 1;
                awaitFrame(() -> full.frames.size() == published && paced.frames.size() == taken);
            }
            // frames 0, 5, 10, ... 45: the capture's frames 0 and 5 in turn
            assertThat(paced.frames).hasSize(10);
            for (int k = 0; k < 10; k++) {
                assertThat(paced.frames.get(k)).isEqualTo(capture.get(5 * k % 10));
            }
            ViewerStream.ViewerStatus pacedStatus = viewerStatus(5);
            assertThat(pacedStatus.framesSent()).isEqualTo(10);
            assertThat(pacedStatus.framesSkipped()).isEqualTo(40);
            assertThat(pacedStatus.framesDropped()).isZero();
            assertThat(viewerStatus(0).framesSent()).isEqualTo(50);
            assertThat(viewerStatus(0).framesSkipped()).isZero();
        }
    }

    @Test
    void aSnapshotBeforeTheFirstFrameIs503() throws Exception {
        relay("");
        Response snapshot = get("/cameras/gate/snapshot.jpg");
        assertThat(snapshot.status()).isEqualTo(503);
        assertThat(new String(snapshot.body(), StandardCharsets.UTF_8)).isEqualTo("no frame from this camera yet\n");
    }

    @Test
    void theSnapshotIsTheLatestFrameByteExact() throws Exception {
        ProducerTemplate frames = relay("");
        List<byte[]> capture = capture();
        frames.sendBody("direct:frames", capture.get(2));
        frames.sendBody("direct:frames", capture.get(3));
        Response snapshot = get("/cameras/gate/snapshot.jpg");
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.body()).isEqualTo(capture.get(3));
    }

    @Test
    void statusListsTheCameraWithItsViewersAndCounters() throws Exception {
        ProducerTemplate frames = relay("");
        frames.sendBody("direct:frames", capture().get(3));
        try (Viewer v = new Viewer(url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> v.frames.size() == 1);
            assertThat(statusJson()).contains("\"name\":\"gate\"").contains("\"viewers\":1")
                    .contains("\"framesIn\":1").contains("\"stream\":\"/cameras/gate/stream\"")
                    .contains("\"framesDropped\":0");
        }
    }

    @Test
    void anUnknownCameraIs404() throws Exception {
        relay("");
        assertThat(get("/cameras/nope/stream").status()).isEqualTo(404);
        assertThat(get("/cameras/nope/snapshot.jpg").status()).isEqualTo(404);
    }

    @Test
    void theRootIsTheLivePage() throws Exception {
        relay("");
        Response page = get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<title>Cameras")
                .contains("cameras/gate/stream");
    }

    @Test
    void maxViewersRefusesTheNextOne() throws Exception {
        relay("&maxViewers=1");
        try (Viewer first = new Viewer(url("/cameras/gate/stream"))) {
            Response refused = get("/cameras/gate/stream");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("maximum of 1 viewers");
            assertThat(statusJson()).contains("\"viewersRefused\":1");
        }
    }

    @Test
    void viewersMustLogInWhenCredentialsAreSet() throws Exception {
        relay("&username=viewer&password=s3cret");
        assertThat(get("/status").status()).isEqualTo(401);
        HttpURLConnection c = (HttpURLConnection) URI.create(url("/status")).toURL().openConnection();
        c.setRequestProperty("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("viewer:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.getResponseCode()).isEqualTo(200);
    }

    @Test
    void onDemandConnectsTheCameraOnlyWhileWatched() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(20).resolution(96, 72).build().start()) {
            context = new DefaultCamelContext();
            String uri = "mjpeg-relay:gate?bindAddress=127.0.0.1&onDemand=true&linger=300&port=0";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort()).routeId("camera").to(uri);
                }
            });
            context.start();
            port = servedPort(context, uri);
            // nobody watches: after the linger the camera route is suspended and the camera connection closed
            Awaitility.await().atMost(WAIT).until(() -> context.getRouteController().getRouteStatus("camera")
                                                        == ServiceStatus.Suspended && camera.activeStreams() == 0);
            try (Viewer viewer = new Viewer(url("/cameras/gate/stream"))) {
                Awaitility.await().atMost(WAIT).until(() -> viewer.frames.size() >= 10);
                assertThat(camera.activeStreams()).isEqualTo(1);
            }
            Awaitility.await().atMost(WAIT).until(() -> camera.activeStreams() == 0);
        }
    }

    private String statusJson() throws IOException {
        return new String(get("/status").body(), StandardCharsets.UTF_8);
    }

    record Response(int status, byte[] body) {
    }

    private Response get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url(path)).toURL().openConnection();
        int status = c.getResponseCode();
        var in = status < 400 ? c.getInputStream() : c.getErrorStream();
        return new Response(status, in == null ? new byte[0] : in.readAllBytes());
    }
}
