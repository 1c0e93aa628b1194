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
     * failed delivery may ask late). Its end is then reported through {@link Callbacks#ended} as any other failure,
     * so the consumer reconnects with backoff.
     */
    void abort(long connectionNumber, CameraException failure);

    /** What a transport tells the consumer. */
    interface Callbacks {

        /** A connection attempt starts; returns its number. */
        long connecting();

        /** The camera answered with a stream. */
        void streaming();

        /** Where the parser of connection {@code connectionNumber} sends frames and discards. */
        FrameHandler frames(long connectionNumber);

        void bytes(int n);

        /** The connection ended; the answer says whether and when to reconnect. */
        ReconnectPolicy.Decision ended(CameraException failure, boolean framesArrived);

        /** A reconnect attempt is about to start. */
        void reconnecting();

        /** Frames received so far (to tell whether a connection delivered any). */
        long framesReceived();
    }
}
