package io.camelaxis.mjpeg.relay;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of a relay endpoint, also settable once on the component ({@code camel.component.mjpeg-relay.*}): the
 * component's configuration is copied into each new endpoint, whose URI options then override it.
 *
 * <p>
 * Options marked "per port" belong to the HTTP server that every endpoint on the same port shares: endpoints on one
 * port must agree on them.
 */
@UriParams
public class RelayConfiguration implements Cloneable {

    @UriParam(defaultValue = "8090")
    private int port = 8090;
    @UriParam(defaultValue = "0.0.0.0")
    private String bindAddress = "0.0.0.0";
    @UriParam(defaultValue = "100")
    private int maxViewers = 100;
    @UriParam(defaultValue = "false")
    private boolean onDemand;
    @UriParam(defaultValue = "10000", javaType = "java.time.Duration")
    private long linger = 10_000;

    @UriParam(label = "security", secret = true)
    @Metadata(security = "secret")
    private String username;
    @UriParam(label = "security", secret = true)
    @Metadata(security = "secret")
    private String password;
    @UriParam(label = "security", defaultValue = "5")
    private int loginFailureLimit = 5;
    @UriParam(label = "security", defaultValue = "60000", javaType = "java.time.Duration")
    private long loginBlockTime = 60_000;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security")
    private String corsAllowOrigin;
    @UriParam(label = "security", defaultValue = "false")
    private boolean statusViewerAddresses;

    @UriParam(label = "advanced", defaultValue = "1000")
    private int maxConnections = 1000;
    @UriParam(label = "advanced", defaultValue = "100")
    private int maxConnectionsPerClient = 100;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long requestHeaderTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "15000", javaType = "java.time.Duration")
    private long idleTimeout = 15_000;
    @UriParam(label = "advanced", defaultValue = "20000", javaType = "java.time.Duration")
    private long writeTimeout = 20_000;

    /** A copy for one endpoint, so that its URI options do not change the component's configuration. */
    public RelayConfiguration copy() {
        try {
            return (RelayConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public int getPort() {
        return port;
    }

    /** TCP port of the relay's HTTP server (shared by every relay endpoint on that port); 0 picks a free one. */
    public void setPort(int port) {
        this.port = port;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    /** Address the relay listens on (per port). */
    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getMaxViewers() {
        return maxViewers;
    }

    /** Most viewers of this camera at once; more get 503. */
    public void setMaxViewers(int maxViewers) {
        this.maxViewers = maxViewers;
    }

    public boolean isOnDemand() {
        return onDemand;
    }

    /**
     * Keep the upstream camera connected only while somebody watches: the route feeding this relay is suspended when
     * the last viewer has been gone for linger, and resumed when a viewer arrives.
     */
    public void setOnDemand(boolean onDemand) {
        this.onDemand = onDemand;
    }

    public long getLinger() {
        return linger;
    }

    /** With onDemand, how long the camera stays connected after the last viewer left, in milliseconds. */
    public void setLinger(long linger) {
        this.linger = linger;
    }

    public String getUsername() {
        return username;
    }

    /** User name viewers must give (HTTP Basic, per port); no login when unset. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** Password viewers must give (HTTP Basic, per port): serve over TLS (sslContextParameters) off the LAN. */
    public void setPassword(String password) {
        this.password = password;
    }

    public int getLoginFailureLimit() {
        return loginFailureLimit;
    }

    /**
     * Failed logins from one client address after which that address gets 429 for loginBlockTime (per port); 0 turns
     * the throttle off.
     */
    public void setLoginFailureLimit(int loginFailureLimit) {
        this.loginFailureLimit = loginFailureLimit;
    }

    public long getLoginBlockTime() {
        return loginBlockTime;
    }

    /**
     * How long a client address that reached loginFailureLimit is refused (429), in milliseconds (per port); also how
     * close together its failures must come to add up. At least 1000 (1 s) while loginFailureLimit is on.
     */
    public void setLoginBlockTime(long loginBlockTime) {
        this.loginBlockTime = loginBlockTime;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** Serve HTTPS with this TLS configuration (key store with the relay's certificate) instead of HTTP (per port). */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getCorsAllowOrigin() {
        return corsAllowOrigin;
    }

    /**
     * Origin allowed to read the status, streams and snapshots from scripts of other web sites (the
     * Access-Control-Allow-Origin header, for example https://dashboard.example, or a star for any site); none when
     * unset (per port).
     */
    public void setCorsAllowOrigin(String corsAllowOrigin) {
        this.corsAllowOrigin = corsAllowOrigin;
    }

    public boolean isStatusViewerAddresses() {
        return statusViewerAddresses;
    }

    /** List each viewer's network address in /status (per port); off by default, the addresses are personal data. */
    public void setStatusViewerAddresses(boolean statusViewerAddresses) {
        this.statusViewerAddresses = statusViewerAddresses;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Most open connections on the relay's port; more are closed at once when accepted (per port). */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getMaxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    /** Most open connections from one client address; more are closed at once when accepted (per port). */
    public void setMaxConnectionsPerClient(int maxConnectionsPerClient) {
        this.maxConnectionsPerClient = maxConnectionsPerClient;
    }

    public long getRequestHeaderTimeout() {
        return requestHeaderTimeout;
    }

    /**
     * Time from accepting a connection (TLS handshake included) until its whole request head has arrived, in
     * milliseconds; a slower client is disconnected (per port).
     */
    public void setRequestHeaderTimeout(long requestHeaderTimeout) {
        this.requestHeaderTimeout = requestHeaderTimeout;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Time a kept-alive connection may wait after a response for its next whole request head, in milliseconds (per
     * port); also how long a stream whose viewer closed its side may go without a byte sent before it is ended (a
     * viewer gone while its camera is silent). Other streams are not idle: they are bounded by writeTimeout.
     */
    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public long getWriteTimeout() {
        return writeTimeout;
    }

    /**
     * A response (a viewer's stream, a snapshot) whose client has accepted no byte for this long, in milliseconds, is
     * dropped and its viewer slot freed (per port).
     */
    public void setWriteTimeout(long writeTimeout) {
        this.writeTimeout = writeTimeout;
    }
}
