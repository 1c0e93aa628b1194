package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseWriterFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1IOEventHandlerFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1StreamDuplexerFactory;
import org.apache.hc.core5.http.nio.command.ShutdownCommand;
import org.apache.hc.core5.http.nio.ssl.BasicServerTlsStrategy;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.DefaultListeningIOReactor;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's non-blocking HTTP server on one port (Apache HttpCore 5 async, a couple of I/O threads for any number of
 * viewers), shared by every {@code mjpeg-relay} endpoint on that port: its lifecycle, its cameras, and a housekeeping
 * task that runs the {@link ConnectionGuard} sweep and keeps the port listening.
 *
 * <p>
 * HttpCore's listener thread ends for good on an accept error (too many open files, say). The housekeeping task then
 * starts a new server generation on the same port as soon as it can (logged, counted); the old generation keeps
 * serving the viewers it has and is closed when they are gone.
 */
final class RelayServer {

    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    /** Bytes of each of a connection's two HttpCore session buffers. */
    static final int SESSION_BUFFER_SIZE = 8192;
    /**
     * TCP keepalive on every accepted connection: after this many seconds without a packet from the client the kernel
     * probes it, every {@link #KEEPALIVE_INTERVAL_SECONDS}, and gives up after {@link #KEEPALIVE_PROBES} unanswered
     * probes. A viewer that vanished without closing (network loss, a sleeping laptop) while its camera sends nothing
     * is otherwise found only by the next frame's write; so its connection ends, and its viewer slot is free, about
     * a minute after the last packet.
     */
    static final int KEEPALIVE_IDLE_SECONDS = 30;
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    static final int KEEPALIVE_PROBES = 3;

    /** One HttpCore reactor: replaced when its listener dies, retired until its last connection ends. */
    private record Generation(int number, DefaultListeningIOReactor server, ListenerThreads threads) {

        /** HttpCore's listener ends for good on an accept error without closing its endpoint: its thread tells. */
        boolean listening() {
            return server.getStatus() == IOReactorStatus.ACTIVE && threads.listenerAlive();
        }
    }

    private final ServerSettings settings;
    private final int ioThreads;
    private final Map<String, RelayChannel> channels = new ConcurrentHashMap<>();
    /** producers publishing to each camera; guarded by this */
    private final Map<RelayChannel, Integer> channelProducers = new HashMap<>();
    private final ConnectionGuard guard;
    private final RelayRoutes routes;
    private final RefusedRequestHeads refused;
    private final HttpProcessor httpProcessor;
    private final AtomicLong listenerRestarts = new AtomicLong();
    private final RateLimitedLog listenerLog = new RateLimitedLog(LOG);
    private final List<Generation> retired = new ArrayList<>();
    private ScheduledExecutorService housekeeping;
    private Generation current;
    private volatile int port;
    private volatile boolean listening;
    private volatile String lastIoError;
    private long nextListenAttemptNanos = System.nanoTime();
    private long listenAttemptDelayMillis;

    RelayServer(ServerSettings settings, int ioThreads) {
        this.settings = settings;
        this.ioThreads = ioThreads;
        this.guard = new ConnectionGuard(settings, this::port);
        this.routes = new RelayRoutes(this, settings);
        this.refused = new RefusedRequestHeads(routes::countBadRequest);
        this.httpProcessor = RelayHeaders.processor(settings, refused.hosts());
    }

    /** Listens on the configured port; {@code housekeeping} runs the sweep and the listener watch until stop. */
    synchronized void start(ScheduledExecutorService housekeeping) throws IOException {
        if (current != null) {
            return;
        }
        try {
            current = open(0, settings.port());
        } catch (IOException e) {
            throw new IOException("mjpeg-relay cannot listen on " + settings.bindAddress() + ":" + settings.port()
                                  + ": " + e.getMessage(), e);
        }
        listening = true;
        this.housekeeping = housekeeping;
        long period = Math.max(20, Math.min(1000, Math.min(settings.requestHeaderTimeout(),
                Math.min(settings.idleTimeout(), settings.writeTimeout())) / 4));
        housekeeping.scheduleWithFixedDelay(this::housekeep, period, period, TimeUnit.MILLISECONDS);
    }

    private Generation open(int number, int requestedPort) throws IOException {
        ListenerThreads threads = new ListenerThreads(requestedPort, number);
        DefaultListeningIOReactor reactor = new DefaultListeningIOReactor(guard.admitting(protocolHandlers(), number),
                IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads)
                        .setSoReuseAddress(true)
                        .setTcpNoDelay(true)
                        .setSoKeepAlive(true)
                        .setTcpKeepIdle(KEEPALIVE_IDLE_SECONDS)
                        .setTcpKeepInterval(KEEPALIVE_INTERVAL_SECONDS)
                        .setTcpKeepCount(KEEPALIVE_PROBES)
                        // the guard bounds every phase of a connection; HttpCore's own inactivity timeout would also
                        // cut a viewer of a camera that sends nothing for a while
                        .setSoTimeout(Timeout.DISABLED)
                        .setSelectInterval(TimeValue.ofMilliseconds(200))
                        .build(),
                threads.dispatch(), threads.listener(), null, this::ioError, null,
                ShutdownCommand.GRACEFUL_NORMAL_CALLBACK);
        reactor.start();
        try {
            ListenerEndpoint endpoint = reactor.listen(new InetSocketAddress(settings.bindAddress(), requestedPort))
                    .get(10, TimeUnit.SECONDS);
            port = ((InetSocketAddress) endpoint.getAddress()).getPort();
            return new Generation(number, reactor, threads);
        } catch (Exception e) {
            reactor.close(CloseMode.IMMEDIATE);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new IOException(cause.toString(), cause);
        }
    }

    /** HTTP/1.1 over the connection (TLS first when configured), with limits on what a request head may hold. */
    private ServerHttp1IOEventHandlerFactory protocolHandlers() {
        Http1Config http1 = Http1Config.custom()
                // HttpCore allocates an input and an output buffer of this size per connection (32 KB each by
                // default, 64 MB of heap for 1000 viewers). A stream's frames go from the shared frame buffer to the
                // socket without passing through them (unchunked, RelayHeaders.EndlessBody), so they only ever hold a
                // request or response head and the small answers; a longer line still fits (maxLineLength)
                .setBufferSize(SESSION_BUFFER_SIZE)
                .setMaxLineLength(8192)
                .setMaxHeaderCount(100)
                .setMaxEmptyLineCount(10)
                .build();
        ServerHttp1StreamDuplexerFactory duplexers = new ServerHttp1StreamDuplexerFactory(httpProcessor, routes, http1,
                CharCodingConfig.DEFAULT, DefaultConnectionReuseStrategy.INSTANCE,
                refused.parsers(http1), new DefaultHttpResponseWriterFactory(http1),
                refused.requestBodies(), DefaultContentLengthStrategy.INSTANCE, guard, this::ioError);
        return new ServerHttp1IOEventHandlerFactory(duplexers,
                settings.tls() ? new BasicServerTlsStrategy(settings.sslContext()) : null,
                // a backstop only: the guard ends a stalled handshake at requestHeaderTimeout and counts it
                handshakeBackstop(settings.requestHeaderTimeout()));
    }

    /** Twice the header timeout; none for one so large that twice it overflows (Long.MAX_VALUE is "never"). */
    private static Timeout handshakeBackstop(long requestHeaderTimeout) {
        return requestHeaderTimeout > Long.MAX_VALUE / 2 ? Timeout.DISABLED
                : Timeout.ofMilliseconds(requestHeaderTimeout * 2);
    }

    /** HttpCore's errors: per connection (debug), or the one that ends a listener (kept for the warning). */
    private void ioError(Exception e) {
        lastIoError = e.toString();
        LOG.debug("mjpeg-relay port {}: {}", port, lastIoError);
    }

    private void housekeep() {
        try {
            guard.sweep();
            keepListening();
        } catch (RuntimeException | Error e) {
            // whatever happens, the next run must still come: the task is what keeps the port served
            listenerLog.warn("mjpeg-relay port " + port + ": housekeeping failed: " + e);
        }
    }

    /** Starts a new generation when the current one stopped listening; closes retired ones without connections. */
    private synchronized void keepListening() {
        if (current == null) {
            return; // stopped
        }
        if (!current.listening()) {
            if (listening) {
                listening = false;
                LOG.warn("mjpeg-relay port {}: the listener stopped (last I/O error: {}); listening again as soon"
                         + " as the port can be opened", port, lastIoError);
            }
            if (System.nanoTime() - nextListenAttemptNanos >= 0) {
                try {
                    Generation next = open(current.number() + 1, port);
                    retired.add(current);
                    current = next;
                    listening = true;
                    listenAttemptDelayMillis = 0;
                    listenerRestarts.incrementAndGet();
                    LOG.info("mjpeg-relay port {}: listening again", port);
                } catch (IOException | RuntimeException e) {
                    // HttpCore may leave a selector behind when its constructor fails: try less and less often
                    listenAttemptDelayMillis = Math.min(30_000, Math.max(500, listenAttemptDelayMillis * 2));
                    nextListenAttemptNanos = System.nanoTime() + listenAttemptDelayMillis * 1_000_000L;
                    listenerLog.warn("mjpeg-relay port " + port + ": cannot listen yet (next try in "
                                     + listenAttemptDelayMillis + " ms): " + e.getMessage());
                }
            }
        }
        for (Iterator<Generation> it = retired.iterator(); it.hasNext(); ) {
            Generation old = it.next();
            if (guard.openConnections(old.number()) == 0) {
                old.server().close(CloseMode.IMMEDIATE);
                it.remove();
            }
        }
    }

    synchronized void stop() {
        if (current == null) {
            return;
        }
        retired.add(current);
        current = null;
        listening = false;
        for (Generation generation : retired) {
            generation.server().close(CloseMode.IMMEDIATE);
            try {
                generation.server().awaitShutdown(TimeValue.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        retired.clear();
    }

    int port() {
        return port;
    }

    ServerSettings settings() {
        return settings;
    }

    ConnectionGuard guard() {
        return guard;
    }

    RelayRoutes routes() {
        return routes;
    }

    boolean isListening() {
        return listening;
    }

    long listenerRestarts() {
        return listenerRestarts.get();
    }

    /**
     * The camera named {@code name} for one more producer (two routes may publish to one camera): created by the first
     * with its viewer limit, kept until the last one {@linkplain #releaseChannel releases} it. Before, the first
     * producer to stop removed the camera under the others, which then published to a channel no viewer could reach.
     */
    synchronized RelayChannel acquireChannel(String name, int maxViewers) {
        RelayChannel channel = channels.computeIfAbsent(name, n -> new RelayChannel(n, maxViewers));
        channelProducers.merge(channel, 1, Integer::sum);
        return channel;
    }

    /** One producer of {@code channel} stopped; the last one takes the camera off this port. */
    synchronized void releaseChannel(RelayChannel channel) {
        if (channelProducers.computeIfPresent(channel, (c, count) -> count > 1 ? count - 1 : null) == null) {
            channels.remove(channel.name(), channel);
        }
    }

    RelayChannel channel(String name) {
        return channels.get(name);
    }

    Collection<RelayChannel> channels() {
        return channels.values();
    }

    Collection<String> channelNames() {
        return channels.keySet();
    }
}
