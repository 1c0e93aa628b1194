package io.camelaxis.mjpeg.relay;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Re-serves JPEG frames from any route to many HTTP viewers as MJPEG ({@code multipart/x-mixed-replace}), with a
 * snapshot URL, a status document and a live web page. One camera connection, any number of viewers.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mjpeg-relay", title = "MJPEG Relay", syntax = "mjpeg-relay:name",
             producerOnly = true, category = { Category.HTTP, Category.IOT })
public class MjpegRelayEndpoint extends DefaultEndpoint {

    @UriPath
    @Metadata(required = true)
    private String name;
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

    public MjpegRelayEndpoint(String uri, MjpegRelayComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public MjpegRelayComponent getComponent() {
        return (MjpegRelayComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mjpeg-relay: port must be 0..65535, was " + port);
        }
        if (maxViewers < 1) {
            throw new IllegalArgumentException("mjpeg-relay: maxViewers must be at least 1, was " + maxViewers);
        }
        return new MjpegRelayProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("mjpeg-relay is a producer: to(\"mjpeg-relay:" + name + "\")");
    }

    public String getName() {
        return name;
    }

    /** The camera's name on the relay: its stream is served at /cameras/{name}/stream. */
    public void setName(String name) {
        this.name = name;
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

    /** Address the relay listens on. */
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

    /** User name viewers must give (HTTP Basic); no login when unset. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** Password viewers must give (HTTP Basic: put the relay behind TLS termination when it leaves the LAN). */
    public void setPassword(String password) {
        this.password = password;
    }
}
