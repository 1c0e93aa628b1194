package io.camelaxis.mjpeg.relay;

import javax.net.ssl.SSLContext;

/**
 * What the HTTP server of one relay port is built from; every endpoint on that port must ask for the same (compared
 * with {@link #sameServerAs}). The password never appears in {@link #toString()}.
 */
record ServerSettings(String bindAddress, int port, String username, String password, int maxConnections,
                      int maxConnectionsPerClient, long requestHeaderTimeout, long idleTimeout, long writeTimeout,
                      int loginFailureLimit, long loginBlockTime, String corsAllowOrigin, boolean statusViewerAddresses,
                      Object tlsSource, SSLContext sslContext) {

    /** The shortest loginBlockTime, in milliseconds, while the login throttle is on. */
    static final long MIN_LOGIN_BLOCK_TIME = 1000;

    static ServerSettings of(RelayConfiguration c, Object tlsSource, SSLContext sslContext) {
        requirePositive("maxConnections", c.getMaxConnections());
        requirePositive("maxConnectionsPerClient", c.getMaxConnectionsPerClient());
        requirePositive("requestHeaderTimeout", c.getRequestHeaderTimeout());
        requirePositive("idleTimeout", c.getIdleTimeout());
        requirePositive("writeTimeout", c.getWriteTimeout());
        if (c.getLoginFailureLimit() < 0 || c.getLoginBlockTime() < 0) {
            throw new IllegalArgumentException("mjpeg-relay: loginFailureLimit and loginBlockTime must not be negative");
        }
        if (c.getLoginFailureLimit() > 0 && c.getLoginBlockTime() < MIN_LOGIN_BLOCK_TIME) {
            // at 0 each failure was older than the block time by the next one (the count never reached the limit); at
            // 1 ms a guesser tried loginFailureLimit passwords a millisecond: the throttle looked on and was not
            throw new IllegalArgumentException("mjpeg-relay: loginBlockTime must be at least " + MIN_LOGIN_BLOCK_TIME
                                               + " ms (1 s) while loginFailureLimit (" + c.getLoginFailureLimit()
                                               + ") is on, was " + c.getLoginBlockTime() + ": a shorter block lets a"
                                               + " guesser try " + c.getLoginFailureLimit() + " passwords per block"
                                               + " from one address; loginFailureLimit=0 turns the throttle off");
        }
        if ((c.getUsername() == null) != (c.getPassword() == null)) {
            throw new IllegalArgumentException("mjpeg-relay: set both username and password, or neither");
        }
        return new ServerSettings(c.getBindAddress(), c.getPort(), c.getUsername(), c.getPassword(),
                c.getMaxConnections(), c.getMaxConnectionsPerClient(), c.getRequestHeaderTimeout(), c.getIdleTimeout(),
                c.getWriteTimeout(), c.getLoginFailureLimit(), c.getLoginBlockTime(), c.getCorsAllowOrigin(),
                c.isStatusViewerAddresses(), tlsSource, sslContext);
    }

    private static void requirePositive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("mjpeg-relay: " + option + " must be at least 1, was " + value);
        }
    }

    boolean loginRequired() {
        return username != null;
    }

    boolean tls() {
        return sslContext != null;
    }

    /** Same server options, judged by the configured TLS parameters rather than the SSLContext made from them. */
    boolean sameServerAs(ServerSettings other) {
        return withoutContext().equals(other.withoutContext());
    }

    private ServerSettings withoutContext() {
        return new ServerSettings(bindAddress, port, username, password, maxConnections, maxConnectionsPerClient,
                requestHeaderTimeout, idleTimeout, writeTimeout, loginFailureLimit, loginBlockTime, corsAllowOrigin,
                statusViewerAddresses, tlsSource, null);
    }

    @Override
    public String toString() {
        return "port " + port + " on " + bindAddress + (tls() ? " (HTTPS)" : "") + (loginRequired() ? " with login" : "");
    }
}
