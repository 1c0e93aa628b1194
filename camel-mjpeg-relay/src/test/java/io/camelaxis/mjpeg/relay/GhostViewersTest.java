package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Viewers that leave while their camera sends nothing. Only a write finds a closed socket, and without frames the relay
 * writes nothing; HttpCore, told by the client's FIN, only marks the connection as shutting down and waits for the
 * endless response to end. Before the guard's sweep looked for such connections, two viewers that closed during a
 * camera outage with maxViewers=2 kept both slots ("viewers":2 and a 503 for the next one) until the camera returned.
 */
class GhostViewersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STREAM = "GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n";
    @AutoClose
    private RelayFixture relay;

    @Test
    void aViewerThatLeavesWhileNoFrameComesFreesItsSlotAfterIdleTimeout() throws Exception {
        relay = RelayFixture.start("&maxViewers=2&idleTimeout=500");
        // the camera sends nothing: each viewer gets the response head only, reads all of it and closes (a FIN; with
        // unread bytes the kernel would send a reset instead, which the relay notices on its own)
        for (int i = 0; i < 2; i++) {
            try (RawHttp viewer = new RawHttp(relay.port)) {
                viewer.send(STREAM);
                assertThat(viewer.readStatus()).isEqualTo(200);
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> relay.status().contains("\"viewers\":0"));
        assertThat(relay.endpoint.getAbandonedResponses()).isEqualTo(2);
        try (RawHttp third = new RawHttp(relay.port)) {
            third.send(STREAM);
            assertThat(third.readStatus()).isEqualTo(200);
        }
    }

    @Test
    void aViewerThatStillReadsKeepsItsStreamWhileFramesFlow() throws Exception {
        relay = RelayFixture.start("&maxViewers=2&idleTimeout=500");
        try (RawHttp viewer = new RawHttp(relay.port)) {
            viewer.send(STREAM);
            assertThat(viewer.readStatus()).isEqualTo(200);
            viewer.socket.shutdownOutput(); // done sending, still reading: the frames keep it alive
            for (int frame = 1; frame <= 12; frame++) {
                relay.publish(AxisJpeg.render(64, 48, frame, Instant.now(), null, 0.7f));
                Thread.sleep(100); // the camera's pace: twelve frames span more than idleTimeout
            }
            assertThat(partsRead(viewer.socket.getInputStream(), 12)).isEqualTo(12);
            assertThat(relay.endpoint.getAbandonedResponses()).isZero();
        }
    }

    /**
     * A viewer that vanishes without closing (network loss) while its camera is silent: nothing the relay does finds it
     * gone, so the kernel must, by TCP keepalive probes (VanishedViewerTest takes a viewer off the network, as root).
     * Without root this checks what the kernel shows for the relay's side of a silent stream's connection: its
     * keepalive timer is armed, set to fire the first probe after {@link RelayServer#KEEPALIVE_IDLE_SECONDS} (the
     * timer column of /proc/net/tcp; before, no timer ran on such a connection at all).
     */
    @Test
    void theRelaysSideOfASilentStreamProbesItsViewer() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc/net/tcp");
        relay = RelayFixture.start("");
        try (RawHttp viewer = new RawHttp(relay.port)) {
            viewer.send(STREAM);
            assertThat(viewer.readStatus()).isEqualTo(200);
            int viewerPort = viewer.socket.getLocalPort();
            String relaySide = Awaitility.await().atMost(WAIT)
                    .until(() -> KernelSockets.find(relay.port, viewerPort), found -> found != null);
            // columns: sl local remote st tx:rx tr:when ...; tr 02 = the keepalive timer, "when" in 1/100 s
            String[] timer = relaySide.trim().split("\\s+")[5].split(":");
            assertThat(timer[0]).isEqualTo("02");
            assertThat(Long.parseLong(timer[1], 16)).isBetween(1L, RelayServer.KEEPALIVE_IDLE_SECONDS * 100L);
        }
    }

    /** Reads until {@code wanted} parts' {@code image/jpeg} headers were seen, or the stream ends: how many were. */
    private static int partsRead(InputStream in, int wanted) throws IOException {
        byte[] marker = "image/jpeg".getBytes(StandardCharsets.US_ASCII);
        int parts = 0;
        int matched = 0;
        while (parts < wanted) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
            if (matched == marker.length) {
                parts++;
                matched = 0;
            }
        }
        return parts;
    }
}
