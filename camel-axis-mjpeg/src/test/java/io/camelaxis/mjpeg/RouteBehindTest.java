package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route slower than its camera on the async transport with backpressure=block loses nothing: reading pauses and the
 * frames wait in the camera's connection, so they arrive late at a normal-looking rate. The time reading was paused is
 * counted (JMX, Micrometer, dev console) and the progress line says it, as a WARN from half of its interval on.
 */
class RouteBehindTest {

    private static AxisCameraSimulator camera(int fps) throws Exception {
        return AxisCameraSimulator.builder().fps(fps).resolution(64, 48).build().start();
    }

    private static CamelContext context(String uri, long millisPerFrame) throws Exception {
        return context(uri, e -> Thread.sleep(millisPerFrame), 0);
    }

    /** One route {@code r}, {@code from(uri).process(slowStep)}; {@code workers} async workers (0: the default). */
    private static CamelContext context(String uri, Processor slowStep, int workers) throws Exception {
        CamelContext context = new DefaultCamelContext();
        if (workers > 0) {
            context.getComponent("axis-mjpeg", AxisMjpegComponent.class).setAsyncWorkerThreads(workers);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("r").process(slowStep);
            }
        });
        return context;
    }

    @Test
    void aRouteSlowerThanTheCameraIsSaidInAWarningAndCounted() throws Exception {
        try (AxisCameraSimulator camera = camera(50);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            // 50 fps into a route that takes 100 ms a frame: reading is paused about four fifths of the time
            CamelContext context = context("axis-mjpeg:" + camera.hostAndPort()
                                           + "?transport=async&queueSize=2&statisticsLogInterval=1000", 100);
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("r").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                        .anyMatch(l -> l.startsWith("WARN") && l.contains("reading paused")));
                assertThat(log.lines()).filteredOn(l -> l.contains("reading paused")).last().asString()
                        .contains("of the time for the route").contains("slower than the camera")
                        .contains("asyncWorkerThreads").contains("routeOnIoThread");
                assertThat(consumer.getReadingPausedMillis()).isGreaterThan(500);
                assertThat(consumer.getDroppedFrames()).isZero();
                assertThat(consumer.getReconnects()).as("a paused reading is no stall").isZero();
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void aRouteThatKeepsUpPausesNothingAndSaysNothing() throws Exception {
        try (AxisCameraSimulator camera = camera(20);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = context("axis-mjpeg:" + camera.hostAndPort()
                                           + "?transport=async&statisticsLogInterval=1000", 0);
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("r").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                        .filter(l -> l.contains(" fps, ")).count() >= 2);
                assertThat(log.lines()).filteredOn(l -> l.contains(" fps, ")).allMatch(l -> l.startsWith("INFO"))
                        .noneMatch(l -> l.contains("reading paused"));
                assertThat(consumer.getReadingPausedMillis()).isZero();
            } finally {
                context.stop();
            }
        }
    }

    /**
     * The total is a counter for JMX and Micrometer: it never goes down, sampled while pauses begin and end hundreds of
     * times a second on other threads (it did: the open pause and the closed ones were read apart), nor over a suspend
     * and resume while paused (it did: the new connection replaced the paused one before its end was counted).
     */
    @Test
    void thePausedTotalNeverGoesDown() throws Exception {
        try (AxisCameraSimulator camera = camera(400)) {
            CamelContext context = context("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&queueSize=1", 3);
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("r").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getReadingPausedMillis() > 0);
                List<String> decreases = new ArrayList<>();
                long last = 0;
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    long total = consumer.getReadingPausedMillis();
                    if (total < last && decreases.size() < 5) {
                        decreases.add(last + " -> " + total);
                    }
                    last = Math.max(last, total);
                }
                assertThat(decreases).isEmpty();
            } finally {
                context.stop();
            }
        }
        CountDownLatch release = new CountDownLatch(1);
        try (AxisCameraSimulator camera = camera(50)) {
            // the one worker held by the route: the paused connection's end waits behind it
            CamelContext context = context("axis-mjpeg:" + camera.hostAndPort()
                                           + "?transport=async&queueSize=1&maxQueuedBytes=1024",
                    e -> release.await(30, TimeUnit.SECONDS), 1);
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("r").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getReadingPausedMillis() > 1000);
                long before = consumer.getReadingPausedMillis();
                consumer.suspend();
                consumer.resume();
                List<Long> after = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    after.add(consumer.getReadingPausedMillis());
                    Thread.sleep(50);
                }
                assertThat(after).as("paused %d ms before the suspend", before).allMatch(total -> total >= before);
            } finally {
                release.countDown();
                context.stop();
            }
        }
    }
}
