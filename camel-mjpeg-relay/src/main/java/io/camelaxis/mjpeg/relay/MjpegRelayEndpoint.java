package io.camelaxis.mjpeg.relay;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Re-serves JPEG frames from any route to many HTTP viewers as MJPEG (multipart/x-mixed-replace), with a snapshot URL,
 * a status document and a live web page. One camera connection, any number of viewers.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mjpeg-relay", title = "MJPEG Relay", syntax = "mjpeg-relay:name",
             producerOnly = true, category = { Category.HTTP, Category.IOT })
@ManagedResource(description = "MJPEG relay: one camera re-served to many viewers")
public class MjpegRelayEndpoint extends DefaultEndpoint {

    @UriPath
    @Metadata(required = true)
    private String name;
    @UriParam
    private RelayConfiguration configuration;

    private volatile RelayServer server;
    private volatile RelayChannel channel;
    private int producers; // guarded by this

    public MjpegRelayEndpoint(String uri, MjpegRelayComponent component, String name,
                              RelayConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public MjpegRelayComponent getComponent() {
        return (MjpegRelayComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("mjpeg-relay: the name must be non-empty text without control characters");
        }
        if (configuration.getPort() < 0 || configuration.getPort() > 65535) {
            throw new IllegalArgumentException("mjpeg-relay: port must be 0..65535, was " + configuration.getPort());
        }
        if (configuration.getMaxViewers() < 1) {
            throw new IllegalArgumentException("mjpeg-relay: maxViewers must be at least 1, was "
                                               + configuration.getMaxViewers());
        }
        if (configuration.getLinger() < 0) {
            throw new IllegalArgumentException("mjpeg-relay: linger must be 0 or more milliseconds, was "
                                               + configuration.getLinger());
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

    /**
     * The camera's name on the relay: its stream is served at /cameras/{name}/stream (percent-encoded in the URL,
     * escaped in the page).
     */
    public void setName(String name) {
        this.name = name;
    }

    public RelayConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options (a copy of the component's, overridden by the URI). */
    public void setConfiguration(RelayConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Called by each producer of this endpoint once it serves the camera (a route, a producer template...). */
    synchronized void serving(RelayServer server, RelayChannel channel) {
        this.server = server;
        this.channel = channel;
        producers++;
    }

    /** Called by each producer once it stops: the last one takes the endpoint's numbers off the camera. */
    synchronized void stoppedServing() {
        if (--producers == 0) {
            this.server = null;
            this.channel = null;
        }
    }

    /** The camera's channel while the producer serves it, else null. */
    RelayChannel channel() {
        return channel;
    }

    @ManagedAttribute(description = "Port the relay serves this camera on (the bound one when port=0)")
    public int getServedPort() {
        RelayServer s = server;
        return s == null ? -1 : s.port();
    }

    @ManagedAttribute(description = "Viewers watching this camera now")
    public int getViewers() {
        RelayChannel c = channel;
        return c == null ? 0 : c.viewerCount();
    }

    @ManagedAttribute(description = "Viewers of this camera refused because it had maxViewers")
    public long getViewersRefused() {
        RelayChannel c = channel;
        return c == null ? 0 : c.viewersRefused();
    }

    @ManagedAttribute(description = "Viewers of this camera dropped because they accepted no byte for writeTimeout")
    public long getViewersTimedOut() {
        RelayChannel c = channel;
        return c == null ? 0 : c.viewersTimedOut();
    }

    @ManagedAttribute(description = "Frames published to this camera's viewers")
    public long getFramesIn() {
        RelayChannel c = channel;
        return c == null ? 0 : c.framesIn();
    }

    @ManagedAttribute(description = "Frames a slow viewer of this camera skipped: a newer frame replaced the one waiting")
    public long getFramesDropped() {
        RelayChannel c = channel;
        return c == null ? 0 : c.framesDropped();
    }

    @ManagedAttribute(description = "Frames written to viewers of this camera (all viewers together)")
    public long getFramesOut() {
        RelayChannel c = channel;
        return c == null ? 0 : c.framesOut();
    }

    @ManagedAttribute(description = "Connections refused on this port (maxConnections or maxConnectionsPerClient)")
    public long getRefusedConnections() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().refusedConnections();
    }

    @ManagedAttribute(description = "Connections on this port closed for not sending a request head in time")
    public long getRequestHeaderTimeouts() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().requestHeaderTimeouts();
    }

    @ManagedAttribute(description = "Responses on this port dropped for accepting no byte for writeTimeout")
    public long getWriteTimeouts() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().writeTimeouts();
    }

    @ManagedAttribute(description = "Kept-alive connections on this port closed after idleTimeout")
    public long getIdleTimeouts() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().idleTimeouts();
    }

    @ManagedAttribute(description = "Responses on this port ended because their client closed its side and nothing was"
                                    + " sent to it for idleTimeout (a viewer gone while its camera was silent)")
    public long getAbandonedResponses() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().abandonedResponses();
    }

    @ManagedAttribute(description = "Connections on this port closed for sending too many requests ahead of answers")
    public long getPipelineOverflows() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().pipelineOverflows();
    }

    @ManagedAttribute(description = "Requests on this port refused as malformed: a head HttpCore cannot parse or that"
                                    + " breaks a limit, a body it cannot frame, a bad percent escape, a GET with a body,"
                                    + " a second stream on one connection")
    public long getBadRequests() {
        RelayServer s = server;
        return s == null ? 0 : s.routes().badRequests();
    }

    @ManagedAttribute(description = "Failed logins on this port")
    public long getFailedLogins() {
        RelayServer s = server;
        return s == null ? 0 : s.routes().failedLogins();
    }

    @ManagedAttribute(description = "Requests on this port refused with 429 while their address (or, beyond the"
                                    + " addresses the throttle remembers, all the others together) was blocked for"
                                    + " failed logins")
    public long getBlockedLoginRequests() {
        RelayServer s = server;
        return s == null ? 0 : s.routes().blockedLoginRequests();
    }

    @ManagedAttribute(description = "Failed logins counted together for the addresses beyond the 10,000 the login"
                                    + " throttle remembers one by one (a guesser spread over many addresses)")
    public long getSharedThrottleFailures() {
        RelayServer s = server;
        return s == null ? 0 : s.routes().sharedThrottleFailures();
    }

    @ManagedAttribute(description = "Open connections on this port")
    public int getOpenConnections() {
        RelayServer s = server;
        return s == null ? 0 : s.guard().openConnections();
    }

    @ManagedAttribute(description = "Times this port's listener ended on an error and was opened again")
    public long getListenerRestarts() {
        RelayServer s = server;
        return s == null ? 0 : s.listenerRestarts();
    }

    @ManagedAttribute(description = "Whether this port is listening (false while its listener restarts)")
    public boolean isListening() {
        RelayServer s = server;
        return s != null && s.isListening();
    }
}
