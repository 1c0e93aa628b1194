package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The {@code mjpeg-relay} component: {@code mjpeg-relay:name?port=8090}. One HTTP server per port. Every endpoint
 * option can also be set on the component ({@code camel.component.mjpeg-relay.port=8091}); an endpoint's own URI
 * options override it.
 */
@Component("mjpeg-relay")
public class MjpegRelayComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata(description = "Options every endpoint of this component starts from (its URI options override them).")
    private RelayConfiguration configuration = new RelayConfiguration();
    private static final int MAX_IO_THREADS = 1024;

    @Metadata(label = "advanced", defaultValue = "2")
    private int ioThreads = 2;
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    private final PropertyConfigurer checkedConfigurer = new CheckedComponentConfigurer();
    private final Map<String, RelayServer> servers = new HashMap<>();
    private final Map<RelayServer, Integer> users = new HashMap<>();
    private final Map<RelayServer, Runnable> cleanups = new HashMap<>();
    private int freePortServers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MjpegRelayEndpoint endpoint = new MjpegRelayEndpoint(uri, this, remaining, configuration.copy());
        NumberOptionText.check(parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public RelayConfiguration getConfiguration() {
        return configuration;
    }

    /** Options every endpoint of this component starts from (its URI options override them). */
    public void setConfiguration(RelayConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    /**
     * Number of I/O threads of each relay HTTP server (they serve every viewer without blocking), 1 to 1024 (checked
     * when a server starts).
     */
    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /**
     * The generated configurer, checking number text first: component options set through properties (camel-main,
     * Spring Boot) are bound with it, never through {@link #createEndpoint}.
     */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return checkedConfigurer;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Serve HTTPS with the CamelContext's global SSLContextParameters when an endpoint sets none of its own. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    /** The server settings an endpoint asks for, with its TLS context made from its (or the global) parameters. */
    ServerSettings serverSettings(RelayConfiguration config) throws Exception {
        SSLContextParameters tls = config.getSslContextParameters();
        if (tls == null && useGlobalSslContextParameters) {
            tls = retrieveGlobalSslContextParameters();
        }
        SSLContext sslContext = tls == null ? null : tls.createSSLContext(getCamelContext());
        return ServerSettings.of(config, tls, sslContext);
    }

    /** The server for the settings' address and port, started on first use; endpoints on one port share it. */
    synchronized RelayServer acquire(ServerSettings settings) throws IOException {
        // port 0 asks for a free port: such an endpoint gets a server of its own
        String key = settings.bindAddress() + ":" + (settings.port() == 0 ? "0#" + ++freePortServers : settings.port());
        RelayServer server = servers.get(key);
        if (server == null) {
            if (ioThreads < 1 || ioThreads > MAX_IO_THREADS) {
                // 0 started a server whose listener failed on every connection (an index out of bounds)
                throw new IllegalArgumentException("mjpeg-relay: ioThreads must be 1.." + MAX_IO_THREADS + ", was "
                                                   + ioThreads);
            }
            server = new RelayServer(settings, ioThreads);
            ScheduledExecutorService housekeeping = getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "MjpegRelayHousekeeping[" + key + "]");
            try {
                server.start(housekeeping);
            } catch (IOException | RuntimeException e) {
                getCamelContext().getExecutorServiceManager().shutdownNow(housekeeping);
                throw e;
            }
            MjpegRelayHealthCheck check = new MjpegRelayHealthCheck(server);
            HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
            if (registry != null) {
                registry.register(check);
            }
            cleanups.put(server, () -> {
                if (registry != null) {
                    registry.unregister(check);
                }
                getCamelContext().getExecutorServiceManager().shutdownNow(housekeeping);
            });
            servers.put(key, server);
        } else if (!server.settings().sameServerAs(settings)) {
            throw new IllegalArgumentException("mjpeg-relay: endpoints on port " + settings.port()
                                               + " must use the same server options (login, TLS, timeouts, limits,"
                                               + " CORS, status addresses)");
        }
        users.merge(server, 1, Integer::sum);
        return server;
    }

    synchronized void release(RelayServer server) {
        int left = users.merge(server, -1, Integer::sum);
        if (left <= 0) {
            users.remove(server);
            servers.values().remove(server);
            shutdown(server);
        }
    }

    private void shutdown(RelayServer server) {
        server.stop();
        Runnable cleanup = cleanups.remove(server);
        if (cleanup != null) {
            cleanup.run();
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            servers.values().forEach(this::shutdown);
            servers.clear();
            users.clear();
        }
        super.doStop();
    }
}
