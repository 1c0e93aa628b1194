package io.camelaxis.mjpeg.relay;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;

/**
 * What the relay knows about one accepted connection, so that a periodic sweep can end the ones that overstay: which
 * phase it is in since when, and since when its response has had bytes to deliver that the client did not take.
 */
final class TrackedConnection {

    /** Where a connection stands between requests. */
    enum Phase {
        /** accepted (or TLS handshaking), its first request head not complete yet: bounded by requestHeaderTimeout */
        AWAITING_HEAD,
        /**
         * a request is being answered (a stream may last forever): bounded by writeTimeout, and by idleTimeout once
         * the client closed its side and nothing was written to it
         */
        ACTIVE,
        /** kept alive after a response, waiting for the next request head: bounded by idleTimeout */
        IDLE
    }

    /** Stands in when a request cannot be matched to its connection: reports go nowhere. */
    static TrackedConnection untracked() {
        return new TrackedConnection(null, null, null, -1);
    }

    private final IOSession session;
    private final SocketAddress remote;
    private final InetAddress client;
    private final int generation;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean streaming = new AtomicBoolean();
    /** requests whose head arrived and whose response is not complete (more than one: pipelined) */
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile Phase phase = Phase.AWAITING_HEAD;
    private volatile long phaseSinceNanos;
    /** 0 while the response has nothing waiting for the client, else since when the client took nothing */
    private volatile long outputWaitingSinceNanos;
    private volatile Runnable onWriteTimeout = () -> { };
    /** HttpCore's view of the connection, known from the first request head on */
    private volatile HttpConnection http;
    /** when the response last wrote, or tried to write, to the client (or when the connection was accepted) */
    private volatile long lastOutputNanos;

    TrackedConnection(IOSession session, SocketAddress remote, InetAddress client, int generation) {
        this.session = session;
        this.remote = remote;
        this.client = client;
        this.phaseSinceNanos = System.nanoTime();
        this.lastOutputNanos = phaseSinceNanos;
        this.generation = generation;
    }

    SocketAddress remote() {
        return remote;
    }

    InetAddress client() {
        return client;
    }

    int generation() {
        return generation;
    }

    Phase phase() {
        return phase;
    }

    long phaseSinceNanos() {
        return phaseSinceNanos;
    }

    long outputWaitingSinceNanos() {
        return outputWaitingSinceNanos;
    }

    /** Returns how many requests on this connection now wait for (or get) their response. */
    int requestHeadArrived(HttpConnection connection) {
        this.http = connection;
        if (phase != Phase.ACTIVE) {
            phase = Phase.ACTIVE;
            phaseSinceNanos = System.nanoTime();
        }
        return outstanding.incrementAndGet();
    }

    void exchangeComplete() {
        if (outstanding.decrementAndGet() <= 0) {
            outstanding.set(0);
            phase = Phase.IDLE;
            phaseSinceNanos = System.nanoTime();
            outputWaitingSinceNanos = 0;
        }
    }

    /** True for the first stream of this connection: a stream never ends, so a second could never be answered. */
    boolean claimStream() {
        return streaming.compareAndSet(false, true);
    }

    /** The response has bytes for the client: start the write clock unless it already runs. */
    void outputWaiting() {
        if (outputWaitingSinceNanos == 0) {
            outputWaitingSinceNanos = System.nanoTime();
        }
    }

    /** The client took bytes: restart the write clock if more are waiting, stop it otherwise. */
    void outputProgress(boolean moreWaiting) {
        long now = System.nanoTime();
        lastOutputNanos = now;
        outputWaitingSinceNanos = moreWaiting ? now : 0;
    }

    long lastOutputNanos() {
        return lastOutputNanos;
    }

    /**
     * True when HttpCore no longer takes requests on the connection while its response goes on. The usual cause is a
     * client that closed its side (HttpCore reads the end of input, marks the connection as shutting down and waits
     * for the response to end, which a stream never does; only a write would find the socket gone, and without frames
     * nothing is written); rarely HttpCore's own graceful shutdown of the connection, which a stream would never
     * finish either.
     */
    boolean noLongerOpenForRequests() {
        HttpConnection connection = http;
        return connection != null && !connection.isOpen() && !isClosed();
    }

    /** What else to do when this connection is dropped for not reading (a viewer counts its drop). */
    void onWriteTimeout(Runnable action) {
        this.onWriteTimeout = action;
    }

    void writeTimedOut() {
        onWriteTimeout.run();
    }

    boolean isClosed() {
        return session.getStatus() == IOSession.Status.CLOSED;
    }

    void close() {
        session.close(CloseMode.IMMEDIATE);
    }

    /** True the first time only: the connection's place under the caps is given back exactly once. */
    boolean markReleased() {
        return released.compareAndSet(false, true);
    }
}
