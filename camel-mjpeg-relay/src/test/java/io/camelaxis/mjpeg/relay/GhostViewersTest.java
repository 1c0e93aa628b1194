package io.camelaxis.mjpeg.relay;

import java.time.Duration;
import java.time.Instant;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers that leave while their camera sends nothing. */
class GhostViewersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose
    private RelayFixture relay;

    /**
     * DEFECT, not fixed: a viewer that closes its connection while the camera sends no frame (camera offline, or
     * reconnecting) keeps its viewer slot and its connection until the next frame is written to it and the write
     * fails: HttpCore does not end an exchange whose response is in progress when the client half-closes, and the
     * relay writes nothing without frames. Seen: two viewers opened and closed with maxViewers=2, the status still
     * says "viewers":2 five seconds later and a third viewer gets 503, for as long as the camera stays silent (a
     * browser reloading the page during an outage fills maxViewers and maxConnectionsPerClient). A fix needs a write
     * that finds the dead socket, such as re-sending the latest frame after a few silent seconds (a valid part that
     * viewers ignore) or a sweep that probes idle streaming connections; left for the relay's owner.
     */
    @Disabled("a closed viewer keeps its slot while no frame comes: see the Javadoc")
    @Test
    void aViewerThatLeavesWhileNoFrameComesFreesItsSlot() throws Exception {
        relay = RelayFixture.start("&maxViewers=2");
        relay.publish(AxisJpeg.render(64, 48, 1, Instant.now(), null, 0.7f)); // then the camera falls silent
        for (int i = 0; i < 2; i++) {
            try (RawHttp viewer = new RawHttp(relay.port)) {
                viewer.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
                assertThat(viewer.readStatus()).isEqualTo(200);
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> relay.status().contains("\"viewers\":0"));
        try (RawHttp third = new RawHttp(relay.port)) {
            third.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(third.readStatus()).isEqualTo(200);
        }
    }
}
