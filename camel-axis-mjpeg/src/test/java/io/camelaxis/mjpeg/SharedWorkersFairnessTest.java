package io.camelaxis.mjpeg;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cameras whose routes are always a little behind share the async transport's workers fairly. Before, a worker
 * draining a camera's queue kept it until the queue was empty, which a camera always behind never reaches (reading
 * resumes and refills it): with more such cameras than workers, the others got no frame at all, and their connection
 * ends, run on the same workers, waited behind them too.
 */
class SharedWorkersFairnessTest {

    private static AxisCameraSimulator camera() throws Exception {
        return AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start();
    }

    @Test
    void twoCamerasBehindOnOneWorkerBothGetFrames() throws Exception {
        try (AxisCameraSimulator a = camera(); AxisCameraSimulator b = camera()) {
            CamelContext context = new DefaultCamelContext();
            context.getComponent("axis-mjpeg", AxisMjpegComponent.class).setAsyncWorkerThreads(1);
            context.getShutdownStrategy().setTimeout(2); // the frames still queued at the end need not be waited for
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // 60 ms a frame: one worker carries about 16 frames/s, the two cameras send 50
                    from("axis-mjpeg:" + a.hostAndPort() + "?transport=async&queueSize=2").routeId("a")
                            .process(e -> Thread.sleep(60));
                    from("axis-mjpeg:" + b.hostAndPort() + "?transport=async&queueSize=2").routeId("b")
                            .process(e -> Thread.sleep(60));
                }
            });
            context.start();
            try {
                AxisMjpegConsumer ca = (AxisMjpegConsumer) context.getRoute("a").getConsumer();
                AxisMjpegConsumer cb = (AxisMjpegConsumer) context.getRoute("b").getConsumer();
                Thread.sleep(8000);
                long first = ca.getFramesDelivered();
                long second = cb.getFramesDelivered();
                // about 130 frames in 8 s between them; before the fix one of them had 0
                assertThat(Math.min(first, second)).as("a %d, b %d frames delivered", first, second)
                        .isGreaterThan(30);
                assertThat(ca.getDroppedFrames() + cb.getDroppedFrames()).isZero();
            } finally {
                context.stop();
            }
        }
    }
}
