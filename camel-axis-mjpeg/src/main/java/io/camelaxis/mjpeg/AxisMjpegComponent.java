package io.camelaxis.mjpeg;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.TimeUtils;

/**
 * The {@code axis-mjpeg} component: {@code axis-mjpeg:host[:port]?options}. Every endpoint option except the camera
 * address can also be set here (camel.component.axis-mjpeg.*), as defaults for all endpoints; an option on the
 * endpoint URI overrides it.
 */
@Component("axis-mjpeg")
public class AxisMjpegComponent extends HealthCheckComponent implements SSLContextParametersAware {

    /** Enum-typed endpoint options by lower-case name, found from the setters so a new one is covered at once. */
    private static final Map<String, Class<?>> ENUM_OPTIONS = enumOptions();
    private static final Set<String> INT_OPTIONS = optionsOfType(int.class, Integer.class);
    /** The long options are all durations in milliseconds. */
    private static final Set<String> DURATION_OPTIONS = optionsOfType(long.class, Long.class);

    @Metadata
    private AxisMjpegConfiguration configuration = new AxisMjpegConfiguration();
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "advanced", defaultValue = "true")
    private boolean metricsEnabled = true;

    @Metadata(label = "consumer,advanced", defaultValue = "2")
    private int asyncIoThreads = 2;
    @Metadata(label = "consumer,advanced", defaultValue = "8")
    private int asyncWorkerThreads = 8;

    private AsyncResources asyncResources;
    private HostLookups.Lookup hostLookup = HostLookups.SYSTEM;
    private volatile NumberCheckingConfigurer checkingConfigurer;

    public AxisMjpegConfiguration getConfiguration() {
        return configuration;
    }

    /** Options shared by every endpoint of this component; each endpoint works on its own copy. */
    public void setConfiguration(AxisMjpegConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /**
     * Use the CamelContext's global SSL context parameters for endpoints that have no sslContextParameters of their
     * own. Off by default: a camera is not trusted because some other part of the application configured TLS.
     */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    /**
     * Publish per-camera Micrometer meters (frames, bytes, corrupt, skipped, dropped, failed, reconnects, state,
     * capture latency) when micrometer-core is on the classpath and the registry holds a MeterRegistry (the bean named
     * metricsRegistry, or the only one).
     */
    public void setMetricsEnabled(boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public int getAsyncIoThreads() {
        return asyncIoThreads;
    }

    /** I/O threads of the shared async HTTP client (transport=async), serving every camera's connection. */
    public void setAsyncIoThreads(int asyncIoThreads) {
        this.asyncIoThreads = asyncIoThreads;
    }

    public int getAsyncWorkerThreads() {
        return asyncWorkerThreads;
    }

    /**
     * Threads that run the routes of all async-transport consumers (frames of one camera stay in order); raise it
     * when routes block, for example on synchronous sends. Each worker carries one exchange at a time, to its end
     * (unless the endpoint sets asyncConsumer): a route whose Kafka send waits 15 ms for its acknowledgement lets 8
     * workers carry at most about 530 frames/s in all (size it to frames per second x that wait, or use asyncConsumer
     * or routeOnIoThread, which do not hold a thread meanwhile).
     */
    public void setAsyncWorkerThreads(int asyncWorkerThreads) {
        this.asyncWorkerThreads = asyncWorkerThreads;
    }

    /** Tests: looks camera hosts up with this instead of the system resolver (before the first consumer starts). */
    synchronized void useHostLookup(HostLookups.Lookup lookup) {
        this.hostLookup = lookup;
    }

    /** The clients, worker pool and scheduler shared by async-transport consumers, created on first use. */
    synchronized AsyncResources asyncResources() {
        if (asyncResources == null) {
            // checked here, when the first consumer starts: 0 I/O threads failed every connection later with an
            // ArrayIndexOutOfBoundsException taken for a network error, negative ones with HttpCore's own words
            if (asyncIoThreads < 1 || asyncWorkerThreads < 1) {
                throw new IllegalArgumentException("axis-mjpeg: asyncIoThreads and asyncWorkerThreads must be at least"
                        + " 1, were " + asyncIoThreads + " and " + asyncWorkerThreads);
            }
            asyncResources = new AsyncResources(getCamelContext(), this, asyncIoThreads, asyncWorkerThreads,
                    hostLookup);
        }
        return asyncResources;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (asyncResources != null) {
                asyncResources.close();
                asyncResources = null;
            }
        }
        super.doStop();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AxisMjpegConfiguration configuration = endpointConfiguration();
        setHostAndPort(configuration, remaining);
        Map<String, Object> vapix = PropertiesHelper.extractProperties(parameters, "vapix.");
        if (!vapix.isEmpty()) {
            // the endpoint's vapix.* add to (and override) the component's, they do not replace them all
            Map<String, Object> merged = configuration.getVapixParameters() == null
                    ? new LinkedHashMap<>() : configuration.getVapixParameters();
            merged.putAll(vapix);
            configuration.setVapixParameters(merged);
        }
        AxisMjpegEndpoint endpoint = new AxisMjpegEndpoint(uri, this, configuration);
        checkEnumValues(parameters);
        checkNumbers(parameters);
        setProperties(endpoint, parameters);
        if (configuration.getSslContextParameters() == null && useGlobalSslContextParameters) {
            configuration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        configuration.validate();
        return endpoint;
    }

    /**
     * Rejects a value that is no constant of an enum option, naming the valid ones: Camel's converter would only say
     * that the enum has no such constant. Case is ignored, as Camel's converter does; placeholders and references
     * are left to Camel.
     */
    static void checkEnumValues(Map<String, Object> parameters) {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            Class<?> type = ENUM_OPTIONS.get(parameter.getKey().toLowerCase(Locale.ROOT));
            if (type == null || !(parameter.getValue() instanceof String text) || text.startsWith("#")
                || text.contains("{{")) {
                continue;
            }
            Object[] constants = type.getEnumConstants();
            if (Arrays.stream(constants).noneMatch(c -> ((Enum<?>) c).name().equalsIgnoreCase(text.trim()))) {
                throw new IllegalArgumentException("axis-mjpeg: " + parameter.getKey() + " must be one of "
                        + Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "))
                        + ", was '" + text + "'");
            }
        }
    }

    /**
     * Rejects text that is no number for a number option: Camel's converter reads such text as a time pattern and
     * makes 0 of what it cannot read, so fps=ten became 0 (the camera's highest rate), connectTimeout=abc 0 (no
     * timeout at all), and a number beyond int wrapped around. Durations (the long options) keep Camel's patterns
     * such as 5s or 1m30s. Placeholders and references are left to Camel.
     */
    static void checkNumbers(Map<String, Object> parameters) {
        parameters.forEach(AxisMjpegComponent::checkNumber);
    }

    /** One option's value, as {@link #checkNumbers}; the name in any case, with or without dashes. */
    static void checkNumber(String name, Object value) {
        String option = name.replace("-", "").toLowerCase(Locale.ROOT);
        if (!(value instanceof String text) || text.startsWith("#") || text.contains("{{")) {
            return;
        }
        if (INT_OPTIONS.contains(option) && !isInt(text)) {
            throw new IllegalArgumentException("axis-mjpeg: " + name + " must be a whole number, was '" + text + "'");
        }
        if (DURATION_OPTIONS.contains(option) && !isDuration(text)) {
            throw new IllegalArgumentException("axis-mjpeg: " + name + " must be milliseconds or a duration such as 5s"
                    + " or 1m30s, was '" + text + "'");
        }
    }

    /**
     * The generated configurer, checking number text first: component options set through properties
     * (camel-main, Spring Boot) are bound with it, never through {@link #createEndpoint}.
     */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        PropertyConfigurer generated = super.getComponentPropertyConfigurer();
        NumberCheckingConfigurer checked = checkingConfigurer;
        if (generated == null || generated instanceof NumberCheckingConfigurer) {
            return generated;
        }
        if (checked == null || checked.generated() != generated) {
            checked = new NumberCheckingConfigurer(generated, AxisMjpegComponent::checkNumber);
            checkingConfigurer = checked;
        }
        return checked;
    }

    private static boolean isInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A long, or a time pattern Camel reads as more than 0 ms (it reads what it cannot parse as 0), or 0s. */
    private static boolean isDuration(String text) {
        if (text.matches("-?\\d{1,19}")) {
            return true; // the range is checked with the value, naming the option
        }
        try {
            return TimeUtils.toMilliSeconds(text) > 0 || text.matches("0+[a-z]{1,2}");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The lower-case names of the endpoint and component options whose setter takes one of these types. */
    private static Set<String> optionsOfType(Class<?>... types) {
        Set<String> options = new HashSet<>();
        // the endpoint options, and the component's own (asyncIoThreads...), not those Camel's base classes have
        List<Method> setters = new ArrayList<>(Arrays.asList(AxisMjpegConfiguration.class.getMethods()));
        setters.addAll(Arrays.asList(AxisMjpegComponent.class.getDeclaredMethods()));
        for (Method setter : setters) {
            if (setter.getName().startsWith("set") && setter.getParameterCount() == 1
                && Arrays.asList(types).contains(setter.getParameterTypes()[0])) {
                options.add(setter.getName().substring(3).toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(options);
    }

    private static Map<String, Class<?>> enumOptions() {
        Map<String, Class<?>> options = new HashMap<>();
        for (Method setter : AxisMjpegConfiguration.class.getMethods()) {
            if (setter.getName().startsWith("set") && setter.getParameterCount() == 1
                && setter.getParameterTypes()[0].isEnum()) {
                options.put(setter.getName().substring(3).toLowerCase(Locale.ROOT), setter.getParameterTypes()[0]);
            }
        }
        return Map.copyOf(options);
    }

    /**
     * The component's options as this endpoint's starting point: a copy, so that endpoint options never leak into
     * other endpoints (the vapix.* map is copied too, the clone alone would share it).
     */
    private AxisMjpegConfiguration endpointConfiguration() {
        if (configuration == null) {
            configuration = new AxisMjpegConfiguration(); // setConfiguration(null) means no shared options
        }
        AxisMjpegConfiguration copy = configuration.copy();
        copy.setHost(null);
        copy.setPort(0);
        if (configuration.getVapixParameters() != null) {
            copy.setVapixParameters(new LinkedHashMap<>(configuration.getVapixParameters()));
        }
        return copy;
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}; an IPv6 host keeps its brackets.
     */
    static void setHostAndPort(AxisMjpegConfiguration configuration, String remaining) {
        String text = remaining == null ? "" : remaining.trim();
        while (text.startsWith("/")) {
            text = text.substring(1);
        }
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("axis-mjpeg: unclosed IPv6 address in '" + remaining + "'");
            }
            // the brackets stay: host:port built back from the options (Camel's URI factory) must stay unambiguous,
            // and Java's resolver and HttpClient take a bracketed IPv6 literal as it is
            host = text.substring(0, close + 1);
            if (text.length() > close + 1 && text.charAt(close + 1) == ':') {
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("axis-mjpeg: the camera host is required, as in axis-mjpeg:192.168.0.90:80");
        }
        configuration.setHost(host);
        if (port != null && !port.isEmpty()) {
            try {
                configuration.setPort(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("axis-mjpeg: the port must be a number, was '" + port + "'", e);
            }
        }
    }
}
