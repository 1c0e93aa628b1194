package io.camelaxis.mjpeg;

import io.camelaxis.mjpeg.parser.FrameHandler;

/**
 * What a {@link CameraTransport} reports about its connections, and the one question it asks (reconnect or not). The
 * consumer implements it; the transports only call it.
 */
interface ConnectionEvents {

    /** A connection attempt starts; returns its number. */
    long connecting();

    /** The camera answered with a stream. */
    void streaming();

    /** Where the parser of connection {@code connectionNumber} sends frames and discards. */
    FrameHandler frames(long connectionNumber);

    void bytes(int n);

    /**
     * The connection ended, having delivered {@code frames} frames (counted by the transport from before the attempt);
     * the answer says whether and when to reconnect.
     */
    ReconnectPolicy.Decision ended(CameraException failure, long frames);

    /**
     * Milliseconds left of the wait the last {@link #ended} decided, 0 when none: a resume must not skip it (a wrong
     * password's authFailureDelay, a camera's Retry-After).
     */
    long backoffLeft();

    /** A reconnect attempt is about to start. */
    void reconnecting();

    /**
     * The route ran for {@code millis} (a second or more) on the async I/O thread that reads this camera
     * (routeOnIoThread): every camera of that thread waited as long.
     */
    void ioThreadHeld(long millis);

    /**
     * The async I/O thread that reads this camera was held by routes (routeOnIoThread) for {@code percent} % of the
     * last few seconds: its cameras are read late. Called at most once a minute per I/O thread.
     */
    void ioThreadBusy(int percent);

    /** Frames received so far (to tell whether a connection delivered any). */
    long framesReceived();
}
