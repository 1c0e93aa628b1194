package io.camelaxis.mjpeg;

import java.util.function.Supplier;

/**
 * Finds a consumer's connection that hangs, which no socket timeout ends: an attempt without a final answer within
 * connectTimeout + stallTimeout (endless {@code 100 Continue}, a silent server), a stream of the async transport that
 * read nothing for stallTimeout although it was free to read (its connections have no socket timeout, which would
 * also fire while reading is paused for a slow route), or a stream that brings bytes but no frame for noFrameTimeout
 * (garbage, a trickle; not counted while reading is paused: the frames are there, waiting for the route, nor while
 * another camera's route holds the connection's I/O thread, and counted afresh after such a hold). It asks
 * the transport to abort that connection; the abort is then a failure like any other, and the consumer decides the
 * reconnect. Checked on each tick of the component's scheduler.
 */
final class StallWatchdog {

    private final AxisMjpegConfiguration cfg;
    private final String cameraId;
    private final ConsumerStatistics stats;
    private final DeliveryTracker deliveries;

    // the connection in progress, written by the transport's thread, read by the tick
    private volatile long connectionNumber;
    private volatile long connectingSince;
    private volatile long streamingSince;
    private volatile long bytesAtConnectionStart;
    // the bytes of the stream as the last tick saw them, and when they last grew (ticks only)
    private long bytesSeen;
    private long bytesGrewAt;
    private long heldWhenBytesGrew; // the connection's I/O thread's held total at bytesGrewAt (async)

    StallWatchdog(AxisMjpegConfiguration cfg, String cameraId, ConsumerStatistics stats, DeliveryTracker deliveries) {
        this.cfg = cfg;
        this.cameraId = cameraId;
        this.stats = stats;
        this.deliveries = deliveries;
    }

    void connecting(long number) {
        streamingSince = 0;
        connectingSince = System.currentTimeMillis();
        bytesAtConnectionStart = stats.bytesReceived();
        connectionNumber = number;
    }

    void streaming() {
        streamingSince = System.currentTimeMillis();
    }

    void ended() {
        streamingSince = 0;
        connectingSince = 0;
    }

    /**
     * Aborts the connection in progress if it hangs. {@code state} is read after the connection's figures: a state
     * newer than them only makes the abort name a connection that has ended, which the transport ignores.
     */
    void check(long now, Supplier<AxisMjpegConsumer.State> state, CameraTransport transport) {
        long bytes = stats.bytesReceived();
        long held = transport.ioThreadHeldMillis(now);
        if (bytes != bytesSeen || bytesGrewAt < connectingSince) {
            bytesSeen = bytes;
            bytesGrewAt = now; // a new connection counts from its first tick
            heldWhenBytesGrew = held;
        }
        long number = connectionNumber;
        long connecting = connectingSince;
        long streaming = streamingSince;
        AxisMjpegConsumer.State s = state.get();
        if (s == AxisMjpegConsumer.State.CONNECTING && connecting > 0
            && now - connecting > cfg.getConnectTimeout() + cfg.effectiveStallTimeout()) {
            transport.abort(number, CameraResponses.noAnswer(cfg, now - connecting));
        } else if (s == AxisMjpegConsumer.State.STREAMING
                   && transport.readIdleMillis(now) > cfg.effectiveStallTimeout()) {
            transport.abort(number, CameraResponses.stalled(cfg, cameraId, null));
        } else if (s == AxisMjpegConsumer.State.STREAMING && streaming > 0 && !transport.isReadingPaused()
                   && idleFor(now, Math.max(streaming, transport.readingResumedAt())) > cfg.effectiveNoFrameTimeout()) {
            transport.abort(number, CameraResponses.noFrame(cfg, cameraId, bytes - bytesAtConnectionStart,
                    now - bytesGrewAt, held - heldWhenBytesGrew));
        }
    }

    /**
     * True while frames stream: a frame within noFrameTimeout, or a connection that has just opened after a good one
     * ({@code failuresInRow} 0). A stream that yields no frame is not healthy, whatever its state says.
     */
    boolean isDeliveringFrames(long now, int failuresInRow) {
        long limit = cfg.effectiveNoFrameTimeout();
        long streaming = streamingSince;
        return idleFor(now, 0) <= limit || failuresInRow == 0 && streaming > 0 && now - streaming <= limit;
    }

    /**
     * How long the stream has given nothing to do: since the last frame arrived, the route last finished a frame,
     * or {@code since}. 0 while the route is busy with a frame: a slow route (a send blocked by a broker outage)
     * holds the reading on backpressure=block, and must not look like a camera without frames.
     */
    private long idleFor(long now, long since) {
        if (deliveries.busy()) {
            return 0;
        }
        return now - Math.max(since, Math.max(stats.lastFrameAt(), deliveries.lastEndedAt()));
    }
}
