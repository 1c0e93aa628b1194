package io.camelaxis.mjpeg;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of an {@code axis-mjpeg} consumer: UP while frames stream (a frame within {@code noFrameTimeout}, or a
 * connection just opened after a good one) or after a requested finite stream ended, DOWN while connecting,
 * reconnecting or after giving up, and while the route has ended no frame for {@code noFrameTimeout} with frames under
 * way in it (they wait or are dropped: a step that never ends its exchange), with the counters and the last error as
 * details. Credentials never appear.
 */
public class AxisMjpegConsumerHealthCheck extends AbstractHealthCheck {

    private final AxisMjpegConsumer consumer;
    private final String routeId;

    public AxisMjpegConsumerHealthCheck(AxisMjpegConsumer consumer, String routeId) {
        super("camel", "axis-mjpeg-consumer-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    @Override
    public boolean isLiveness() {
        return false; // a camera that is away makes the route not ready, not the JVM dead
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AxisMjpegConsumer.State state = consumer.getState();
        builder.detail("camera", consumer.getCamera());
        builder.detail("route.id", routeId);
        builder.detail("state", state.name());
        builder.detail("frames", consumer.getFramesReceived());
        builder.detail("bytes", consumer.getBytesReceived());
        builder.detail("corrupt.frames", consumer.getCorruptFrames());
        builder.detail("skipped.parts", consumer.getSkippedParts());
        builder.detail("bytes.skipped", consumer.getBytesSkipped());
        builder.detail("dropped.frames", consumer.getDroppedFrames());
        builder.detail("failed.exchanges", consumer.getFailedExchanges());
        builder.detail("reconnects", consumer.getReconnects());
        builder.detail("failures.in.row", consumer.getFailuresInRow());
        if (consumer.getLastError() != null) {
            builder.detail("last.error", consumer.getLastError());
            builder.detail("last.error.at", java.time.Instant.ofEpochMilli(consumer.getLastErrorTimestamp()).toString());
        }
        long routeHeld = consumer.getRouteHeldMillis();
        if (state == AxisMjpegConsumer.State.STREAMING && routeHeld > consumer.getNoFrameTimeout()) {
            // frames under way in a route that ends none (a callback never called) are not frames delivered
            builder.down();
            builder.message("the route of camera " + consumer.getCamera() + " has ended no frame for " + routeHeld
                            + " ms (noFrameTimeout): " + consumer.getFramesDelivered() + " delivered, "
                            + consumer.getDroppedFrames() + " dropped");
            return;
        }
        if (state == AxisMjpegConsumer.State.STREAMING && !consumer.isDeliveringFrames()) {
            // connected is not enough: a camera sending garbage or a trickle is as useless as one that is away
            builder.down();
            builder.message("camera " + consumer.getCamera() + " is connected but sends no frames"
                            + (consumer.getLastError() != null ? ": " + consumer.getLastError() : ""));
            return;
        }
        switch (state) {
            case STREAMING, FINISHED, SUSPENDED -> builder.up();
            default -> {
                builder.down();
                builder.message(consumer.getLastError() != null
                        ? "camera " + consumer.getCamera() + " is " + state + ": " + consumer.getLastError()
                        : "camera " + consumer.getCamera() + " is " + state);
            }
        }
    }
}
