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
}
