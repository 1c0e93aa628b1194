package io.camelaxis.mjpeg;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;

/** The {@code axis-mjpeg} component: {@code axis-mjpeg:host[:port]?options}. */
@Component("axis-mjpeg")
public class AxisMjpegComponent extends HealthCheckComponent {

    @Metadata(label = "consumer,advanced", defaultValue = "2")
    private int asyncIoThreads = 2;
    @Metadata(label = "consumer,advanced", defaultValue = "8")
    private int asyncWorkerThreads = 8;

    private AsyncResources asyncResources;

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
     * when routes block, for example on synchronous sends.
     */
    public void setAsyncWorkerThreads(int asyncWorkerThreads) {
        this.asyncWorkerThreads = asyncWorkerThreads;
    }

    /** The clients, worker pool and scheduler shared by async-transport consumers, created on first use. */
    synchronized AsyncResources asyncResources() {
        if (asyncResources == null) {
            asyncResources = new AsyncResources(getCamelContext(), this, asyncIoThreads, asyncWorkerThreads);
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
        AxisMjpegConfiguration configuration = new AxisMjpegConfiguration();
        setHostAndPort(configuration, remaining);
        Map<String, Object> vapix = PropertiesHelper.extractProperties(parameters, "vapix.");
        if (!vapix.isEmpty()) {
            configuration.setVapixParameters(vapix);
        }
        AxisMjpegEndpoint endpoint = new AxisMjpegEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        configuration.validate();
        return endpoint;
    }

    /** Parses {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. */
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
            host = text.substring(1, close);
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
