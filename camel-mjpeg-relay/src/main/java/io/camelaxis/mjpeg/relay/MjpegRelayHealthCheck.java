package io.camelaxis.mjpeg.relay;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one relay port: UP while it listens, DOWN while its listener is being restarted after an error; the
 * connection and viewer counters as details. Credentials never appear.
 */
public class MjpegRelayHealthCheck extends AbstractHealthCheck {

    private final RelayServer server;

    MjpegRelayHealthCheck(RelayServer server) {
        super("camel", "mjpeg-relay-" + server.port());
        this.server = server;
    }

    @Override
    public boolean isLiveness() {
        return false; // a port that cannot listen for a while makes the relay not ready; it recovers by itself
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RelayStatistics stats = new RelayStatistics(server);
        builder.detail("port", server.port());
        builder.detail("https", server.settings().tls());
        builder.detail("cameras", server.channels().size());
        builder.detail("viewers", stats.viewers());
        builder.detail("open.connections", stats.openConnections());
        builder.detail("refused.connections", stats.refusedConnections());
        builder.detail("request.header.timeouts", stats.requestHeaderTimeouts());
        builder.detail("write.timeouts", stats.writeTimeouts());
        builder.detail("failed.logins", stats.failedLogins());
        builder.detail("blocked.login.requests", stats.blockedLoginRequests());
        builder.detail("shared.throttle.failures", stats.sharedThrottleFailures());
        builder.detail("bad.requests", stats.badRequests());
        builder.detail("listener.restarts", server.listenerRestarts());
        if (server.isListening()) {
            builder.up();
        } else {
            builder.down();
            builder.message("mjpeg-relay port " + server.port() + " is not listening (restarting its listener)");
        }
    }
}
