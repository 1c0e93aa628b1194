package io.camelaxis.mjpeg;

import io.camelaxis.mjpeg.parser.FrameHandler;

/** One camera connection's life, as a transport runs it; the consumer owns everything else. */
interface CameraTransport {

    void start() throws Exception;

    /** Closes the connection and stops reconnecting; no callback follows once this returns. */
    void stop();

    /** Closes the connection (freeing the camera's viewer slot) until {@link #resume()}. */
    void suspend();

    void resume();

    /**
     * Ends connection {@code connectionNumber} with {@code failure}, if it is still the open one (a watchdog or a
     * failed delivery may ask late). Its end is then reported through {@link ConnectionEvents#ended} as any other
     * failure, so the consumer reconnects with backoff.
     */
    void abort(long connectionNumber, CameraException failure);

    /**
     * How long the open stream has read nothing although it was free to read, for a transport whose connections have
     * no read timeout of their own (async: a socket timeout would also fire while reading is paused for a full frame
     * queue, blaming the camera for a slow route). 0 when the transport's own read timeout finds stalls (blocking),
     * while reading is paused, and when no stream is open.
     */
    default long readIdleMillis(long now) {
        return 0;
    }

    /**
     * True while reading is paused because the frame queue is full (backpressure=block on the async transport), or
     * while a route holds the connection's async I/O thread (routeOnIoThread).
     */
    default boolean isReadingPaused() {
        return false;
    }

    /**
     * How long, in all, reading has been paused because the route was behind (the frames waiting for it at queueSize
     * or maxQueuedBytes; the async transport), the pause in progress included: time the camera's frames waited in its
     * connection instead. Never goes down. 0 for the blocking transport, whose route runs on the reading thread.
     */
    default long readingPausedMillis() {
        return 0;
    }

    /**
     * How long, in all, routes running on the connection's async I/O thread (routeOnIoThread) have held it, the hold
     * under way included (a total of the thread, for differences between two moments of one stream). 0 when the
     * transport has no such thread, or before the stream's first read.
     */
    default long ioThreadHeldMillis(long now) {
        return 0;
    }

    /**
     * When reading last became possible again after a route held the connection's I/O thread for a second or more
     * (epoch ms; 0 when never): a camera kept waiting that long has not been without frames meanwhile.
     */
    default long readingResumedAt() {
        return 0;
    }
}
