package io.camelaxis.mjpeg.relay;

/** The counters of one relay port, read together for the health check and JMX. */
record RelayStatistics(RelayServer server) {

    int viewers() {
        return server.channels().stream().mapToInt(RelayChannel::viewerCount).sum();
    }

    int openConnections() {
        return server.guard().openConnections();
    }

    long refusedConnections() {
        return server.guard().refusedConnections();
    }

    long requestHeaderTimeouts() {
        return server.guard().requestHeaderTimeouts();
    }

    long idleTimeouts() {
        return server.guard().idleTimeouts();
    }

    long writeTimeouts() {
        return server.guard().writeTimeouts();
    }

    long failedLogins() {
        return server.routes().failedLogins();
    }

    long blockedLoginRequests() {
        return server.routes().blockedLoginRequests();
    }

    long sharedThrottleFailures() {
        return server.routes().sharedThrottleFailures();
    }

    long badRequests() {
        return server.routes().badRequests();
    }
}
