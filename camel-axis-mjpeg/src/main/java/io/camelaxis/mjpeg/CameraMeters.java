package io.camelaxis.mjpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Micrometer meters of one camera consumer, tagged {@code camera} and {@code routeId} (and {@code camelContext}, as
 * camel-micrometer tags its own): counters read from the consumer's statistics, a gauge per consumer state (1 for
 * the current one), and the capture-to-received latency timer, recorded as each frame enters the route. Registered
 * when the consumer starts, removed when it stops, so a stopped route leaves no stale series.
 */
final class CameraMeters extends DelegateAsyncProcessor {

    static final String PREFIX = "camel.axis.mjpeg.";
    /** camel-micrometer's name for the registry bean. */
    static final String REGISTRY_NAME = "metricsRegistry";

    private final MeterRegistry registry;
    private final CamelContext camelContext;
    private final List<Meter> meters = new ArrayList<>();
    private volatile AxisMjpegConsumer consumer;
    private volatile Timer latency;

    private CameraMeters(MeterRegistry registry, CamelContext camelContext, Processor processor) {
        super(processor);
        this.registry = registry;
        this.camelContext = camelContext;
    }

    /** The processor wrapped with meters, or as it is when the context has no meter registry. */
    static Processor forRegistryOf(CamelContext context, Processor processor) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            Map<String, MeterRegistry> all = context.getRegistry().findByTypeWithName(MeterRegistry.class);
            registry = all.size() == 1 ? all.values().iterator().next() : null;
        }
        return registry == null ? processor : new CameraMeters(registry, context, processor);
    }

    void observe(AxisMjpegConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AxisMjpegConsumer observed = consumer;
        if (observed == null) {
            return;
        }
        Tags tags = Tags.of("camera", observed.getCamera(), "routeId", String.valueOf(observed.getRouteId()),
                "camelContext", camelContext.getName());
        counter("frames", "JPEG frames received from the camera", observed, AxisMjpegConsumer::getFramesReceived,
                null, tags);
        counter("bytes", "Bytes received from the camera", observed, AxisMjpegConsumer::getBytesReceived, "bytes",
                tags);
        counter("frames.corrupt", "Frames dropped as corrupt, truncated or oversize", observed,
                AxisMjpegConsumer::getCorruptFrames, null, tags);
        counter("parts.skipped", "Non-JPEG parts skipped", observed, AxisMjpegConsumer::getSkippedParts, null, tags);
        counter("bytes.skipped", "Bytes passed over between parts: a preamble, garbage before a delimiter", observed,
                AxisMjpegConsumer::getBytesSkipped, "bytes", tags);
        counter("frames.dropped", "Frames dropped by backpressure because the route was too slow", observed,
                AxisMjpegConsumer::getDroppedFrames, null, tags);
        counter("exchanges.failed", "Frames whose exchange failed: the route threw, or its error handler gave up",
                observed, AxisMjpegConsumer::getFailedExchanges, null, tags);
        counter("reconnects", "Reconnects to the camera", observed, AxisMjpegConsumer::getReconnects, null, tags);
        counter("io.thread.long.holds", "Reads whose route held the async I/O thread a second or more"
                + " (routeOnIoThread)", observed, AxisMjpegConsumer::getLongIoThreadHolds, null, tags);
        counter("reading.paused", "Time reading was paused because the route was behind (async transport)", observed,
                AxisMjpegConsumer::getReadingPausedMillis, "milliseconds", tags);
        for (AxisMjpegConsumer.State state : AxisMjpegConsumer.State.values()) {
            meters.add(Gauge.builder(PREFIX + "state", observed, c -> c.getState() == state ? 1 : 0)
                    .description("1 for the consumer's current state, 0 for the others")
                    .tags(tags).tag("state", state.name()).register(registry));
        }
        latency = Timer.builder(PREFIX + "latency")
                .description("From the camera's capture time (Axis JPEG comment) to the frame's arrival; frames without"
                             + " a capture time, or captured 'after' their arrival by a clock ahead, are not recorded")
                .tags(tags).publishPercentileHistogram(false).register(registry);
        meters.add(latency);
    }

    private void counter(String name, String description, AxisMjpegConsumer observed,
                         java.util.function.ToDoubleFunction<AxisMjpegConsumer> value, String unit, Tags tags) {
        meters.add(FunctionCounter.builder(PREFIX + name, observed, value).description(description).baseUnit(unit)
                .tags(tags).register(registry));
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Timer timer = latency;
        if (timer != null) {
            Message in = exchange.getIn();
            Long captured = in.getHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, Long.class);
            Long received = in.getHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, Long.class);
            if (captured != null && received != null && received >= captured) {
                timer.record(received - captured, TimeUnit.MILLISECONDS);
            }
        }
        return super.process(exchange, callback);
    }

    @Override
    protected void doStop() throws Exception {
        latency = null;
        meters.forEach(registry::remove);
        meters.clear();
        super.doStop();
    }
}
