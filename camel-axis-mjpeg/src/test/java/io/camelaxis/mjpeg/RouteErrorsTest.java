package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.SynchronizationAdapter;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link Error} that a route's own steps do not turn into the exchange's exception (one thrown by a
 * {@code Synchronization} when the exchange completes, a {@link StackOverflowError} in a step) is that frame's failed
 * exchange on every delivery plan, as Errors already were when the route ran asynchronously: counted, told to the
 * exception handler, and the camera streams on over its connection. Before, where the route ran to its end on the
 * reading thread or a worker, the Error left the delivery: the frame was counted nowhere (neither delivered nor
 * failed nor dropped) and the camera's connection was dropped and re-opened for every frame.
 */
class RouteErrorsTest {

    @ParameterizedTest
    @CsvSource({ "synchronization,transport=blocking", "synchronization,transport=blocking&backpressure=dropOldest",
            "synchronization,transport=async", "synchronization,transport=async&asyncConsumer=true",
            "synchronization,transport=async&routeOnIoThread=true", "stackOverflow,transport=blocking",
            "stackOverflow,transport=async&backpressure=latestOnly", "stackOverflow,transport=async&asyncConsumer=true" })
    void anErrorLeavingTheRouteIsThatFramesFailedExchange(String error, String plan) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.getShutdownStrategy().setTimeout(5); // an overflow may leave Camel's own in-flight count behind
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    var route = from("axis-mjpeg:" + camera.hostAndPort() + "?" + plan).routeId("failing");
                    if (error.equals("synchronization")) {
                        route.process(e -> e.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                            @Override
                            public void onDone(Exchange exchange) {
                                throw new OutOfMemoryError("test: a Synchronization ran out of memory");
                            }
                        }));
                    } else {
                        route.process(e -> overflow(0));
                    }
                }
            });
            context.start();
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("failing").getConsumer();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFailedExchanges() >= 20);
                assertThat(consumer.getConnections()).as("the camera's connection is kept").isEqualTo(1);
                assertThat(consumer.getLastError()).isNull();
                assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
                assertThat(consumer.getFramesDelivered()).isZero();
            } finally {
                context.stop();
            }
            assertThat(consumer.getFramesDelivered() + consumer.getFailedExchanges() + consumer.getDroppedFrames())
                    .as("every frame accounted for").isEqualTo(consumer.getFramesReceived());
        }
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }
}
