package io.camelaxis.mjpeg;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera host whose DNS server never answers. The JDK's lookup cannot be interrupted; before, HttpClient ran it on
 * the thread opening the connection: for the async transport the component's one scheduler, so every other camera's
 * reconnect timer and watchdog waited with it (here: for ever), and for the blocking transport the camera's own
 * thread, which its stop could not end. Now the lookup runs apart, each attempt waits for it at most connectTimeout
 * and fails saying so, and the other cameras go on.
 */
class SlowHostLookupTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STUCK_HOST = "stuck.example";

    /** Never answers for {@link #STUCK_HOST} until released; other names as the system resolves them. */
    private static final class StuckDns implements HostLookups.Lookup {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger stuckLookups = new AtomicInteger();

        @Override
        public InetAddress[] lookup(String host) throws UnknownHostException {
            if (!host.equals(STUCK_HOST)) {
                return InetAddress.getAllByName(host);
            }
            stuckLookups.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHostWhoseDnsNeverAnswersHoldsNoOtherCameraAndNoStop(Transport transport) throws Exception {
        StuckDns dns = new StuckDns();
        // every connection of the healthy camera is cut after 3 frames: only its reconnect timer brings more
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48)
                .fault(StreamFault.CUT_MID_FRAME, 3).faultConnections(Integer.MAX_VALUE).build().start()) {
            CamelContext context = new DefaultCamelContext();
            AxisMjpegComponent component = new AxisMjpegComponent();
            component.useHostLookup(dns);
            context.addComponent("axis-mjpeg", component);
            FrameCollector healthy = new FrameCollector();
            String options = "transport=" + transport + "&reconnectDelay=20&maxReconnectDelay=200";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + STUCK_HOST + ":80?cameraId=stuck&connectTimeout=300&" + options)
                            .routeId("stuck").to("log:never?level=OFF");
                    from("axis-mjpeg:localhost:" + camera.port() + "?cameraId=healthy&resolution=64x48&" + options)
                            .routeId("healthy").process(healthy);
                }
            });
            try {
                context.start();
                AxisMjpegConsumer stuck = (AxisMjpegConsumer) context.getRoute("stuck").getConsumer();

                Awaitility.await().atMost(WAIT).until(() -> healthy.frames().stream().anyMatch(f -> f.connection() >= 4));
                Awaitility.await().atMost(WAIT).until(() -> stuck.getConnections() >= 3);
                assertThat(stuck.getLastError()).isEqualTo("no answer to the DNS lookup of camera host " + STUCK_HOST
                                                           + " within 300 ms (connectTimeout)");
                assertThat(dns.stuckLookups.get()).as("one lookup under way for the host, however many attempts")
                        .isEqualTo(1);
                assertThat(stuck.getFramesReceived()).isZero();

                context.stop();
                assertThat(Thread.getAllStackTraces().keySet()).as("the stuck camera's own thread ended with its stop")
                        .noneMatch(t -> t.isAlive() && t.getName().contains("AxisMjpegConsumer[stuck]"));
            } finally {
                dns.release.countDown();
                context.close();
            }
        }
    }
}
