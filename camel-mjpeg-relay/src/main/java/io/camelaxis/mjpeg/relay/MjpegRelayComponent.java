package io.camelaxis.mjpeg.relay;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code mjpeg-relay} component: {@code mjpeg-relay:name?port=8090}. One HTTP server per port. */
@Component("mjpeg-relay")
public class MjpegRelayComponent extends DefaultComponent {

    @Metadata(label = "advanced", defaultValue = "2")
    private int ioThreads = 2;

    private final Map<String, RelayServer> servers = new HashMap<>();
    private final Map<RelayServer, Integer> users = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || !remaining.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("mjpeg-relay: the name must be letters, digits, '.', '_' or '-'"
                                               + " (it becomes the URL path), was '" + remaining + "'");
        }
        MjpegRelayEndpoint endpoint = new MjpegRelayEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    /** Number of I/O threads of each relay HTTP server (they serve every viewer without blocking). */
    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /** The server for {@code bindAddress:port}, started on first use; endpoints on one port share it. */
    synchronized RelayServer acquire(String bindAddress, int port, String username, String password)
            throws java.io.IOException {
        String key = bindAddress + ":" + port;
        RelayServer server = servers.get(key);
        if (server == null) {
            server = new RelayServer(bindAddress, port, username, password);
            server.start(ioThreads);
            servers.put(key, server);
        } else if (!server.credentialsMatch(username, password)) {
            throw new IllegalArgumentException("mjpeg-relay: endpoints on port " + port
                                               + " must use the same username and password");
        }
        users.merge(server, 1, Integer::sum);
        return server;
    }

    synchronized void release(RelayServer server) {
        int left = users.merge(server, -1, Integer::sum);
        if (left <= 0) {
            users.remove(server);
            servers.values().remove(server);
            server.stop();
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            servers.values().forEach(RelayServer::stop);
            servers.clear();
            users.clear();
        }
        super.doStop();
    }
}
