package io.camelaxis.mjpeg;

import org.apache.camel.Processor;

/**
 * Entry point of the optional Micrometer meters: Micrometer is an optional dependency, so nothing here touches its
 * classes unless it is on the classpath. When it is and the registry holds a {@code MeterRegistry} (camel-micrometer's
 * convention: the bean named {@code metricsRegistry}, else the only one of its type), each consumer gets its
 * {@link CameraMeters}.
 */
final class CameraMetrics {

    private static final boolean MICROMETER_PRESENT = isPresent("io.micrometer.core.instrument.MeterRegistry");

    private CameraMetrics() {
    }

    /** The route's processor, wrapped to time frames when there is a registry to report to. */
    static Processor instrument(AxisMjpegEndpoint endpoint, Processor processor) {
        if (!MICROMETER_PRESENT || !endpoint.getComponent().isMetricsEnabled()) {
            return processor;
        }
        return CameraMeters.forRegistryOf(endpoint.getCamelContext(), processor);
    }

    /** Tells the meters (if any) which consumer to read its counters and state from. */
    static void observe(Processor instrumented, AxisMjpegConsumer consumer) {
        if (MICROMETER_PRESENT && instrumented instanceof CameraMeters meters) {
            meters.observe(consumer);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, CameraMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
