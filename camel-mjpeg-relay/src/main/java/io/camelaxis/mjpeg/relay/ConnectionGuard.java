package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOEventHandlerFactory;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits, tracks and ends the connections of one relay port, so that no client can hold the relay's memory or slots by
 * connecting and then doing nothing, or too little.
 *
 * <ul>
 * <li>At accept: beyond {@code maxConnections} on the port or {@code maxConnectionsPerClient} from one address, the
 * connection is closed before HttpCore builds its protocol handler and buffers (counted, logged rate-limited).</li>
 * <li>{@link #sweep()} (run periodically) ends connections whose request head is not complete within
 * {@code requestHeaderTimeout} (slowloris, silent clients, stalled TLS handshakes), kept-alive connections idle for
 * {@code idleTimeout}, responses whose client accepted no byte for {@code writeTimeout}, and responses whose client
 * closed its side and was sent nothing for {@code idleTimeout} (a viewer gone while its camera is silent).</li>
 * </ul>
 *
 * Time is measured from the phase's start, never from the last byte received: a byte per second does not extend it.
 */
final class ConnectionGuard implements Http1StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final int MAX_OUTSTANDING_REQUESTS = 4;

    private final ServerSettings settings;
    private final IntSupplier port;
    private final Map<SocketAddress, TrackedConnection> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong headerTimeouts = new AtomicLong();
    private final AtomicLong idleTimeouts = new AtomicLong();
    private final AtomicLong writeTimeouts = new AtomicLong();
    private final AtomicLong pipelineOverflows = new AtomicLong();
    private final AtomicLong abandonedResponses = new AtomicLong();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG);
    private final RateLimitedLog headerTimeoutLog = new RateLimitedLog(LOG);
    private final RateLimitedLog writeTimeoutLog = new RateLimitedLog(LOG);
    private final RateLimitedLog pipelineLog = new RateLimitedLog(LOG);

    /** {@code port}: the bound port, for log lines (the configured one may be 0). */
    ConnectionGuard(ServerSettings settings, IntSupplier port) {
        this.settings = settings;
        this.port = port;
    }

    /** Wraps HttpCore's protocol handler factory of one server generation with the admission check. */
    IOEventHandlerFactory admitting(IOEventHandlerFactory protocol, int generation) {
        return (ProtocolIOSession session, Object attachment) -> {
            SocketAddress remote = session.getRemoteAddress();
            InetAddress client = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
            String cap = admit(client);
            if (cap != null) {
                refused.incrementAndGet();
                refusedLog.warn("mjpeg-relay port " + port.getAsInt() + ": refused a connection from " + client
                                + " (" + cap + ")");
                return REFUSE;
            }
            TrackedConnection connection = new TrackedConnection(session, remote, client, generation);
            open.put(remote, connection);
            try {
                return new Tracking(protocol.createHandler(session, attachment), connection);
            } catch (RuntimeException e) {
                release(connection);
                throw e;
            }
        };
    }

    /** Null when admitted (and counted), else which cap refused it. */
    private String admit(InetAddress client) {
        if (total.incrementAndGet() > settings.maxConnections()) {
            total.decrementAndGet();
            return "maxConnections " + settings.maxConnections() + " reached";
        }
        synchronized (perClient) {
            int fromClient = perClient.getOrDefault(client, 0);
            if (fromClient >= settings.maxConnectionsPerClient()) {
                total.decrementAndGet();
                return "maxConnectionsPerClient " + settings.maxConnectionsPerClient() + " reached";
            }
            perClient.put(client, fromClient + 1);
        }
        return null;
    }

    private void release(TrackedConnection connection) {
        if (!connection.markReleased()) {
            return;
        }
        open.remove(connection.remote(), connection);
        total.decrementAndGet();
        synchronized (perClient) {
            perClient.computeIfPresent(connection.client(), (client, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The connection a request arrived on (so its handler can report output progress). */
    TrackedConnection connectionOf(HttpContext context) {
        var details = HttpCoreContext.cast(context).getEndpointDetails();
        TrackedConnection connection = details == null ? null : open.get(details.getRemoteAddress());
        return connection != null ? connection : TrackedConnection.untracked();
    }

    /**
     * A request head is complete. HTTP/1.1 lets a client send requests before the previous response ended
     * (pipelining): each would hold a handler and its response in memory until its turn, which behind an endless stream
     * never comes. More than {@value #MAX_OUTSTANDING_REQUESTS} at once closes the connection.
     */
    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
        TrackedConnection tracked = open.get(connection.getRemoteAddress());
        if (tracked != null && tracked.requestHeadArrived(connection) > MAX_OUTSTANDING_REQUESTS) {
            pipelineOverflows.incrementAndGet();
            pipelineLog.warn("mjpeg-relay port " + port.getAsInt() + ": closed a connection from " + tracked.client()
                             + " that sent more than " + MAX_OUTSTANDING_REQUESTS + " requests ahead of their answers");
            tracked.close();
        }
    }

    @Override
    public void onResponseHead(HttpConnection connection, HttpResponse response) {
    }

    @Override
    public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
        TrackedConnection tracked = open.get(connection.getRemoteAddress());
        if (tracked != null) {
            tracked.exchangeComplete();
        }
    }

    /** Ends every connection past its deadline; also forgets connections closed without a disconnect callback. */
    void sweep() {
        long now = System.nanoTime();
        for (TrackedConnection c : open.values()) {
            if (c.isClosed()) {
                release(c);
            } else if (c.phase() == TrackedConnection.Phase.AWAITING_HEAD
                       && now - c.phaseSinceNanos() > millisToNanos(settings.requestHeaderTimeout())) {
                headerTimeouts.incrementAndGet();
                headerTimeoutLog.warn("mjpeg-relay port " + port.getAsInt() + ": closed a connection from "
                                      + c.client() + " that sent no complete request head within "
                                      + settings.requestHeaderTimeout() + " ms");
                c.close();
            } else if (c.phase() == TrackedConnection.Phase.IDLE
                       && now - c.phaseSinceNanos() > millisToNanos(settings.idleTimeout())) {
                idleTimeouts.incrementAndGet(); // normal end of a kept-alive connection: counted, not logged
                c.close();
            } else if (c.outputWaitingSinceNanos() != 0
                       && now - c.outputWaitingSinceNanos() > millisToNanos(settings.writeTimeout())) {
                writeTimeouts.incrementAndGet();
                writeTimeoutLog.warn("mjpeg-relay port " + port.getAsInt() + ": dropped a client at " + c.client()
                                     + " that accepted no byte for " + settings.writeTimeout() + " ms");
                c.writeTimedOut();
                c.close();
            } else if (c.phase() == TrackedConnection.Phase.ACTIVE && c.outputWaitingSinceNanos() == 0
                       && now - c.lastOutputNanos() > millisToNanos(settings.idleTimeout()) && c.noLongerOpenForRequests()) {
                // a viewer that left while its camera sent nothing: only a write would find the socket gone, and
                // without frames none comes, so its slot and connection would be held until the camera returns
                abandonedResponses.incrementAndGet(); // a normal way for a viewer to leave: counted, not logged
                c.close();
            }
        }
    }

    /** Saturating: Long.MAX_VALUE milliseconds ("never") must not overflow into a negative, always-passed deadline. */
    private static long millisToNanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Open connections accepted by the server generation {@code generation}. */
    int openConnections(int generation) {
        int n = 0;
        for (TrackedConnection c : open.values()) {
            if (c.generation() == generation) {
                n++;
            }
        }
        return n;
    }

    int openConnections() {
        return total.get();
    }

    long refusedConnections() {
        return refused.get();
    }

    long requestHeaderTimeouts() {
        return headerTimeouts.get();
    }

    long idleTimeouts() {
        return idleTimeouts.get();
    }

    long abandonedResponses() {
        return abandonedResponses.get();
    }

    long writeTimeouts() {
        return writeTimeouts.get();
    }

    long pipelineOverflows() {
        return pipelineOverflows.get();
    }

    /** Closes a refused connection as soon as the reactor reports it: no protocol handler, no buffers. */
    private static final IOEventHandler REFUSE = new IOEventHandler() {
        @Override
        public void connected(IOSession session) {
            session.close();
        }

        @Override
        public void inputReady(IOSession session, ByteBuffer src) {
            session.close();
        }

        @Override
        public void outputReady(IOSession session) {
            session.close();
        }

        @Override
        public void timeout(IOSession session, Timeout timeout) {
            session.close();
        }

        @Override
        public void exception(IOSession session, Exception cause) {
            session.close();
        }

        @Override
        public void disconnected(IOSession session) {
        }
    };

    /** HttpCore's handler for an admitted connection, which gives the connection's place back when it closes. */
    private final class Tracking implements IOEventHandler {
        private final IOEventHandler protocol;
        private final TrackedConnection connection;

        Tracking(IOEventHandler protocol, TrackedConnection connection) {
            this.protocol = protocol;
            this.connection = connection;
        }

        @Override
        public void connected(IOSession session) throws IOException {
            protocol.connected(session);
        }

        @Override
        public void inputReady(IOSession session, ByteBuffer src) throws IOException {
            protocol.inputReady(session, src);
        }

        @Override
        public void outputReady(IOSession session) throws IOException {
            protocol.outputReady(session);
        }

        @Override
        public void timeout(IOSession session, Timeout timeout) throws IOException {
            protocol.timeout(session, timeout);
        }

        @Override
        public void exception(IOSession session, Exception cause) {
            protocol.exception(session, cause);
        }

        @Override
        public void disconnected(IOSession session) {
            release(connection);
            protocol.disconnected(session);
        }
    }
}
