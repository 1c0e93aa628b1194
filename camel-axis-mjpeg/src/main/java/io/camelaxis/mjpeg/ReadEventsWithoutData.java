package io.camelaxis.mjpeg;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.hc.core5.http.HttpConnectionMetrics;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/**
 * Finds an async connection whose socket keeps its I/O thread busy while none of its bytes reach the stream. HttpCore's
 * asynchronous chunk decoder takes a negative chunk size ({@code -100000000}) as a size, then consumes nothing: the
 * bytes after it stay unread in the socket, the selector reports it readable at once, and the I/O thread, which
 * serves many cameras, spins on that connection at a full core. Over TLS the decrypted bytes are taken in instead and
 * pile up in HttpCore's buffer, which grows without a limit. Nothing reaches the stream, so only the stall watchdog
 * ended either ({@code stallTimeout}, 10 s by default), and after the reconnect the camera could do it again.
 *
 * <p>
 * A connection read normally takes in bytes at every read event, and body bytes at least every 800 KB: between two,
 * only a chunk-size line (at most HttpCore's line limit, 8 KB), TLS record framing, or a trailer section at the end
 * (at most 100 lines of 8 KB) come. {@value #EVENT_LIMIT} read events in a row that take in nothing (the spin: a
 * fraction of a second of it), or {@value #BYTE_LIMIT} bytes taken in without a body byte (the pile), happen only
 * with such a peer; the connection is then ended as a broken stream, counted and reconnected like any other. Events
 * that take in bytes are not counted: a trailer section sent a byte at a time took more than 10,000 of them.
 *
 * <p>
 * Installed as the async clients' session listener: {@link #inputReady} runs on the I/O thread before the connection's
 * read event is handled, which is where a stream's head and body reach {@link AsyncCameraTransport}. A stream
 * {@linkplain #watch watches} its connection from its head on; everything about one watch happens on that connection's
 * I/O thread, except its release.
 */
final class ReadEventsWithoutData implements IOSessionListener {

    /** Read events in a row that take in no byte, no body byte among them, that end the connection. */
    static final int EVENT_LIMIT = 10_000;
    /** Bytes the connection takes in without a byte of the body that end it. */
    static final long BYTE_LIMIT = 1 << 20;

    private final ConcurrentHashMap<IOSession, Watch> watches = new ConcurrentHashMap<>();
    /** The connection whose read event the calling I/O thread is handling. */
    private final ThreadLocal<IOSession> reading = new ThreadLocal<>();

    /**
     * On the I/O thread, while it handles a read event (a stream's head arrived): watches that event's connection,
     * whose byte counts are {@code metrics} (null: read events only). {@code atLimit} runs once, on that thread, with
     * what was reached, if either limit is. Null when called elsewhere.
     */
    Watch watch(HttpConnectionMetrics metrics, Consumer<String> atLimit) {
        IOSession session = reading.get();
        if (session == null) {
            return null;
        }
        Watch watch = new Watch(session, metrics, atLimit);
        watches.put(session, watch); // replaces the watch of an earlier exchange on a reused connection
        return watch;
    }

    /** Connections watched now (tests: none is left behind). */
    int watched() {
        return watches.size();
    }

    /** One connection's read events and bytes taken in since it last handed on body bytes. */
    final class Watch {
        private final IOSession session;
        private final HttpConnectionMetrics metrics;
        private final Consumer<String> atLimit;
        // the connection's I/O thread only
        private int events;
        private long receivedAtEvent;
        private long receivedAtBody;
        private boolean reached;

        private Watch(IOSession session, HttpConnectionMetrics metrics, Consumer<String> atLimit) {
            this.session = session;
            this.metrics = metrics;
            this.atLimit = atLimit;
            this.receivedAtBody = received();
            this.receivedAtEvent = receivedAtBody;
        }

        /** On the I/O thread: body bytes reached the stream. */
        void bodyRead() {
            events = 0;
            receivedAtBody = received();
        }

        /** The stream has ended: its connection is no longer watched (any thread). */
        void release() {
            watches.remove(session, this);
        }

        private void readEvent() {
            if (reached) {
                return;
            }
            long received = received();
            if (metrics != null && received != receivedAtEvent) {
                events = 0; // the last event took bytes in: no spin (the byte limit watches those)
            }
            receivedAtEvent = received;
            if (++events >= EVENT_LIMIT) {
                reached = true;
                atLimit.accept(EVENT_LIMIT + " read events of the connection in a row took in nothing and brought"
                               + " no byte of the body");
            } else if (received - receivedAtBody >= BYTE_LIMIT) {
                reached = true;
                atLimit.accept("the connection took in " + (received - receivedAtBody)
                               + " bytes without a byte of the body");
            }
        }

        private long received() {
            return metrics == null ? 0 : metrics.getReceivedBytesCount();
        }
    }

    @Override
    public void inputReady(IOSession session) {
        reading.set(session);
        Watch watch = watches.get(session);
        if (watch != null) {
            watch.readEvent();
        }
    }

    /** On the I/O thread, between read events: a closed connection is not kept reachable by the thread. */
    @Override
    public void disconnected(IOSession session) {
        watches.remove(session);
        reading.remove();
    }

    @Override
    public void connected(IOSession session) {
    }

    @Override
    public void startTls(IOSession session) {
    }

    @Override
    public void outputReady(IOSession session) {
    }

    @Override
    public void timeout(IOSession session) {
    }

    @Override
    public void exception(IOSession session, Exception ex) {
    }
}
