package io.camelaxis.mjpeg;

/** How the consumer talks to the camera. */
public enum Transport {
    /** Classic HttpClient 5 on one thread per camera: simplest, TCP flow control as backpressure. */
    blocking,
    /**
     * HttpClient 5 async I/O: all cameras of the component share a couple of I/O threads, a worker pool for the
     * routes and one scheduler, so threads do not grow with the number of cameras.
     */
    async
}
