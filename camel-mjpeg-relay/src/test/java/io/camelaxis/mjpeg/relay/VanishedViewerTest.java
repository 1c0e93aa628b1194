package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A viewer that vanishes from the network without closing (its cable pulled, its laptop asleep) while its camera sends
 * nothing: no FIN, no reset, and without frames no write that could fail. Only TCP keepalive can find it gone. The
 * viewer here lives in its own network namespace behind a veth pair; taking its end of the pair down makes every
 * packet to it vanish. Needs root and iproute2 (CI runs as root); skipped elsewhere. About a minute: the keepalive's
 * idle time plus its probes.
 */
@EnabledOnOs(OS.LINUX)
class VanishedViewerTest {

    private static final String RELAY_ADDRESS = "198.18.213.1"; // RFC 2544's benchmarking range: no real network
    private static final String VIEWER_ADDRESS = "198.18.213.2";
    private static final String STREAM = "GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n";

    private final String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String namespace = "mjpeg-relay-test-" + suffix;
    private final String relayLink = "mjr" + suffix + "a";
    private final String viewerLink = "mjr" + suffix + "b";
    private final List<Process> viewers = new ArrayList<>();
    @AutoClose
    private RelayFixture relay;

    @Test
    void aViewerGoneFromTheNetworkFreesItsSlotOnceKeepaliveGivesUp() throws Exception {
        Assumptions.assumeTrue(createViewerNetwork(), "needs root and iproute2 to create a network namespace");
        relay = RelayFixture.startOn("0.0.0.0", "&maxViewers=1");
        // bash's /dev/tcp as the viewer: reads the response head, then keeps the connection open and reads nothing
        Process viewer = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c",
                "exec 3<>/dev/tcp/" + RELAY_ADDRESS + "/" + relay.port + "; printf '" + STREAM.replace("\r\n", "\\r\\n")
                + "' >&3; head -c 15 <&3; exec sleep 600").redirectErrorStream(true).start();
        viewers.add(viewer);
        assertThat(new String(viewer.getInputStream().readNBytes(15), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 200 OK");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.endpoint.getViewers() == 1);

        assertThat(run("ip", "netns", "exec", namespace, "ip", "link", "set", viewerLink, "down")).isZero();

        // idle 30 s, then 3 probes 10 s apart: about 60 s; the bound leaves room for a slow machine
        Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> relay.endpoint.getViewers() == 0);
        assertThat(relay.status()).contains("\"viewers\":0");
    }

    private boolean createViewerNetwork() throws Exception {
        if (!"root".equals(System.getProperty("user.name")) || run("ip", "netns", "add", namespace) != 0) {
            return false;
        }
        return run("ip", "link", "add", relayLink, "type", "veth", "peer", "name", viewerLink) == 0
               && run("ip", "link", "set", viewerLink, "netns", namespace) == 0
               && run("ip", "addr", "add", RELAY_ADDRESS + "/30", "dev", relayLink) == 0
               && run("ip", "link", "set", relayLink, "up") == 0
               && run("ip", "netns", "exec", namespace, "ip", "addr", "add", VIEWER_ADDRESS + "/30", "dev",
                      viewerLink) == 0
               && run("ip", "netns", "exec", namespace, "ip", "link", "set", viewerLink, "up") == 0;
    }

    @AfterEach
    void removeViewerNetwork() throws Exception {
        for (Process viewer : viewers) {
            viewer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        run("ip", "netns", "del", namespace); // takes the viewer's end of the pair, and with it the pair
        run("ip", "link", "del", relayLink);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return -1;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
