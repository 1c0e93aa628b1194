package io.camelaxis.mjpeg.relay;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's health check and JMX attributes, read from a running relay. */
class RelayObservabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose // after each test
    private RelayFixture relay;

    @Test
    void theHealthCheckIsUpWithTheCountersAsDetails() throws Exception {
        relay = RelayFixture.start("&maxConnectionsPerClient=1");
        try (Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"));
             RawHttp refused = new RawHttp(relay.port)) {
            assertThat(refused.closedWithoutAnswer()).isTrue();
            HealthCheck check = HealthCheckRegistry.get(relay.context).getCheck("mjpeg-relay-" + relay.port)
                    .orElseThrow();
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 1);
            HealthCheck.Result result = check.call();
            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getDetails()).containsEntry("port", relay.port).containsEntry("viewers", 1)
                    .containsEntry("refused.connections", 1L).containsEntry("https", false);
        }
    }

    @Test
    void jmxShowsViewersAndRefusals() throws Exception {
        relay = RelayFixture.start("&maxViewers=1");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:context=" + relay.context.getName()
                                                              + ",type=endpoints,*"), null);
        ObjectName endpoint = names.stream().filter(n -> n.toString().contains("mjpeg-relay")).findFirst()
                .orElseThrow();
        try (Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 1);
            assertThat(relay.get("/cameras/gate/stream").status()).isEqualTo(503);
            assertThat(jmx.getAttribute(endpoint, "Viewers")).isEqualTo(1);
            assertThat(jmx.getAttribute(endpoint, "ViewersRefused")).isEqualTo(1L);
            assertThat(jmx.getAttribute(endpoint, "ViewersTimedOut")).isEqualTo(0L);
            assertThat(jmx.getAttribute(endpoint, "RefusedConnections")).isEqualTo(0L);
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET /status?x=%zz HTTP/1.1\r\nHost: relay\r\n\r\n");
                assertThat(client.readStatus()).isEqualTo(400);
            }
            assertThat(jmx.getAttribute(endpoint, "BadRequests")).isEqualTo(1L);
            assertThat(jmx.getAttribute(endpoint, "Listening")).isEqualTo(true);
        }
    }
}
