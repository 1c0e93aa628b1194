package io.camelaxis.mjpeg;

/** What the consumer does when the route is slower than the camera. */
public enum Backpressure {
    /** Process every frame on the reading thread; a slow route slows the reading (TCP flow control). */
    block,
    /** Queue up to {@code queueSize} frames; when full, drop the oldest queued frame (counted). */
    dropOldest,
    /** Keep only the newest frame; every frame the route could not take is dropped (counted). */
    latestOnly
}
