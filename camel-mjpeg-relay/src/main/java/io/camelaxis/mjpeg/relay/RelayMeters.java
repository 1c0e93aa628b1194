package io.camelaxis.mjpeg.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;

/**
 * Micrometer meters of one relayed camera, tagged {@code camera} (the relay name), {@code port} and
 * {@code camelContext}: viewers now, frames in and out, frames slow viewers skipped, viewers refused or timed out.
 * Read from the endpoint's counters; registered when the producer starts, removed when it stops. Only loaded when
 * Micrometer is on the classpath (see {@link #register}).
 */
final class RelayMeters implements AutoCloseable {

    static final String PREFIX = "camel.mjpeg.relay.";
    /** camel-micrometer's name for the registry bean, as the camera meters use. */
    private static final String REGISTRY_NAME = "metricsRegistry";
    private static final boolean MICROMETER_PRESENT = isPresent("io.micrometer.core.instrument.MeterRegistry");

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private RelayMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The endpoint's meters, or null when Micrometer is absent or the context has no registry. */
    static AutoCloseable register(MjpegRelayEndpoint endpoint) {
        if (!MICROMETER_PRESENT) {
            return null;
        }
        MeterRegistry registry = registryOf(endpoint.getCamelContext());
        if (registry == null) {
            return null;
        }
        RelayMeters meters = new RelayMeters(registry);
        Tags tags = Tags.of("camera", endpoint.getName(), "port", Integer.toString(endpoint.getServedPort()),
                "camelContext", endpoint.getCamelContext().getName());
        meters.meters.add(Gauge.builder(PREFIX + "viewers", endpoint, MjpegRelayEndpoint::getViewers)
                .description("Viewers watching this camera now").tags(tags).register(registry));
        meters.counter("frames.in", "Frames published to this camera's viewers", endpoint,
                MjpegRelayEndpoint::getFramesIn, tags);
        meters.counter("frames.out", "Frames written to this camera's viewers, all viewers together", endpoint,
                MjpegRelayEndpoint::getFramesOut, tags);
        meters.counter("frames.dropped", "Frames slow viewers skipped (a newer frame replaced the waiting one)",
                endpoint, MjpegRelayEndpoint::getFramesDropped, tags);
        meters.counter("viewers.refused", "Viewers refused because the camera had maxViewers", endpoint,
                MjpegRelayEndpoint::getViewersRefused, tags);
        meters.counter("viewers.timedout", "Viewers dropped for accepting no byte for writeTimeout", endpoint,
                MjpegRelayEndpoint::getViewersTimedOut, tags);
        return meters;
    }

    private void counter(String name, String description, MjpegRelayEndpoint endpoint,
                         ToDoubleFunction<MjpegRelayEndpoint> value, Tags tags) {
        meters.add(FunctionCounter.builder(PREFIX + name, endpoint, value).description(description).tags(tags)
                .register(registry));
    }

    private static MeterRegistry registryOf(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            Map<String, MeterRegistry> all = context.getRegistry().findByTypeWithName(MeterRegistry.class);
            registry = all.size() == 1 ? all.values().iterator().next() : null;
        }
        return registry;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, RelayMeters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
