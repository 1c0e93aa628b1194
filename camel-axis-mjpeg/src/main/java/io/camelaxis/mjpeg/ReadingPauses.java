package io.camelaxis.mjpeg;

/**
 * How long one camera's reading was paused because its route was behind (async transport, backpressure=block: the
 * frames waiting for the route at queueSize or maxQueuedBytes), over all its connections. One lock for the whole
 * account and {@link System#nanoTime()} for its clock, so the total never goes down, whichever threads begin and end
 * pauses and read it (JMX and Micrometer read it as a counter: a total that went down would be taken for a reset).
 */
final class ReadingPauses {

    private long closedNanos;
    /** The connection whose pause is open, or null. */
    private Object pausedBy;
    private long since;

    /** Reading of {@code connection} paused; a pause another connection left open ends now. */
    synchronized void began(Object connection) {
        if (pausedBy == connection) {
            return;
        }
        long now = System.nanoTime();
        close(now);
        pausedBy = connection;
        since = now;
    }

    /** Reading of {@code connection} resumed, or the connection ended, or is being replaced or cancelled. */
    synchronized void ended(Object connection) {
        if (connection != null && pausedBy == connection) {
            close(System.nanoTime());
        }
    }

    synchronized long totalMillis() {
        long open = pausedBy == null ? 0 : System.nanoTime() - since;
        return (closedNanos + open) / 1_000_000;
    }

    private void close(long now) {
        if (pausedBy != null) {
            closedNanos += now - since;
            pausedBy = null;
        }
    }
}
