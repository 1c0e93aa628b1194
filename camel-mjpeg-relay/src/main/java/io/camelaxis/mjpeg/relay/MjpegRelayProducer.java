package io.camelaxis.mjpeg.relay;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each exchange's body (a JPEG) to the relay channel. With {@code onDemand}, it also suspends the route that
 * feeds it when nobody watches (so the camera connection is closed) and resumes it when a viewer arrives.
 */
public class MjpegRelayProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegRelayProducer.class);

    private final MjpegRelayEndpoint endpoint;
    private RelayServer server;
    private RelayChannel channel;
    private ScheduledExecutorService scheduler;
    private final IntConsumer viewerCountListener = this::viewerCountChanged;
    private ScheduledFuture<?> pendingSuspend;
    private volatile String sourceRouteId;
    private AutoCloseable meters;

    public MjpegRelayProducer(MjpegRelayEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RelayConfiguration config = endpoint.getConfiguration();
        server = endpoint.getComponent().acquire(endpoint.getComponent().serverSettings(config));
        channel = server.acquireChannel(endpoint.getName(), config.getMaxViewers());
        if (channel.maxViewers() != config.getMaxViewers()) {
            LOG.warn("Camera '{}' on port {} is already relayed by another route with maxViewers={}: this route's"
                     + " maxViewers={} does not apply (both routes publish to the same viewers)", endpoint.getName(),
                    server.port(), channel.maxViewers(), config.getMaxViewers());
        }
        endpoint.serving(server, channel);
        if (config.isOnDemand()) {
            scheduler = endpoint.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "MjpegRelayOnDemand[" + endpoint.getName() + "]");
            channel.onViewerCountChange(viewerCountListener);
        }
        meters = RelayMeters.register(endpoint);
        LOG.info("Relaying '{}' at {}://{}:{}{} (page: /, status: /status)", endpoint.getName(),
                server.settings().tls() ? "https" : "http", config.getBindAddress(), server.port(),
                RelayRoutes.streamPath(endpoint.getName()));
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        if (scheduler != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        if (server != null) {
            channel.removeViewerCountListener(viewerCountListener);
            endpoint.stoppedServing();
            server.releaseChannel(channel);
            endpoint.getComponent().release(server);
            server = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] jpeg = exchange.getMessage().getBody(byte[].class);
        if (jpeg == null) {
            throw new InvalidPayloadException(exchange, byte[].class);
        }
        if (endpoint.getConfiguration().isOnDemand() && sourceRouteId == null) {
            sourceRouteId = exchange.getFromRouteId();
            viewerCountChanged(channel.viewerCount());
        }
        channel.publish(jpeg);
    }

    private synchronized void viewerCountChanged(int viewers) {
        String route = sourceRouteId;
        if (route == null || scheduler == null) {
            return;
        }
        if (viewers > 0) {
            if (pendingSuspend != null) {
                pendingSuspend.cancel(false);
                pendingSuspend = null;
            }
            if (endpoint.getCamelContext().getRouteController().getRouteStatus(route) == ServiceStatus.Suspended) {
                LOG.info("Viewer arrived: resuming route {} (camera '{}')", route, endpoint.getName());
                scheduler.execute(() -> controlRoute(route, true));
            }
        } else if (pendingSuspend == null) {
            pendingSuspend = scheduler.schedule(() -> {
                synchronized (this) {
                    pendingSuspend = null;
                    if (channel.viewerCount() > 0) {
                        return;
                    }
                }
                LOG.info("No viewer for {} ms: suspending route {} (camera '{}')", endpoint.getConfiguration().getLinger(), route,
                        endpoint.getName());
                controlRoute(route, false);
            }, endpoint.getConfiguration().getLinger(), TimeUnit.MILLISECONDS);
        }
    }

    private void controlRoute(String route, boolean resume) {
        try {
            if (resume) {
                endpoint.getCamelContext().getRouteController().resumeRoute(route);
            } else {
                endpoint.getCamelContext().getRouteController().suspendRoute(route);
            }
        } catch (Exception e) {
            LOG.warn("Could not {} route {}: {}", resume ? "resume" : "suspend", route, e.toString());
        }
    }
}
