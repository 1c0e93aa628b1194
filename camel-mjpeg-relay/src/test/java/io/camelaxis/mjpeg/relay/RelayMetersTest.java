package io.camelaxis.mjpeg.relay;

import java.time.Duration;
import java.util.List;

import io.camelaxis.mjpeg.simulator.CaptureFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's per-camera Micrometer meters follow its counters and go away with the producer. */
class RelayMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void metersCountViewersFramesAndRefusalsAndGoAwayWithTheRelay() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("metricsRegistry", registry);
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        try (RelayFixture relay = RelayFixture.start(context, "gate", "&maxViewers=1")) {
            try (Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"))) {
                Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 1);
                assertThat(relay.get("/cameras/gate/stream").status()).isEqualTo(503);
                for (int i = 0; i < 3; i++) {
                    relay.publish(capture.get(i));
                    int expected = i + 1;
                    Awaitility.await().atMost(WAIT).until(() -> viewer.frames.size() == expected);
                }
                assertThat(gauge(registry, "viewers")).isEqualTo(1.0);
                assertThat(counter(registry, "frames.in")).isEqualTo(3.0);
                assertThat(counter(registry, "frames.out")).isEqualTo(3.0);
                assertThat(counter(registry, "frames.dropped")).isEqualTo(0.0);
                assertThat(counter(registry, "viewers.refused")).isEqualTo(1.0);
                assertThat(registry.get(RelayMeters.PREFIX + "viewers").gauge().getId().getTag("camera"))
                        .isEqualTo("gate");
            }
            context.stop();
            assertThat(registry.find(RelayMeters.PREFIX + "viewers").gauge()).isNull();
            assertThat(registry.find(RelayMeters.PREFIX + "frames.out").functionCounter()).isNull();
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(RelayMeters.PREFIX + name).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(RelayMeters.PREFIX + name).functionCounter().count();
    }
}
