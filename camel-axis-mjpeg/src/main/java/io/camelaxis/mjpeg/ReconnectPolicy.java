package io.camelaxis.mjpeg;

/**
 * What to do after a camera connection ended, for both transports: retry after a backoff (long after an
 * authentication failure), stop because a requested finite stream is done, or give up after
 * {@code maxReconnectAttempts} failures in a row. Any frame received resets the count.
 */
final class ReconnectPolicy {

    /** The outcome. */
    record Decision(Action action, long delayMillis) {
        enum Action {
            RETRY,
            FINISHED,
            GIVE_UP
        }
    }

    private final AxisMjpegConfiguration cfg;
    private final ReconnectBackoff backoff;
    private volatile int failuresInRow;
    /** When the attempt the last retry decision planned may start (epoch ms); a resume waits for it too. */
    private volatile long nextAttemptAt;

    ReconnectPolicy(AxisMjpegConfiguration cfg) {
        this.cfg = cfg;
        this.backoff = new ReconnectBackoff(cfg.getReconnectDelay(), cfg.getMaxReconnectDelay());
    }

    /**
     * @param failure       why the connection ended, or null when the camera ended the stream normally
     * @param framesArrived whether that connection delivered at least one frame
     */
    Decision next(CameraException failure, boolean framesArrived) {
        if (framesArrived) {
            failuresInRow = 0;
        }
        if (failure == null && isFiniteStream()) {
            return new Decision(Decision.Action.FINISHED, 0);
        }
        failuresInRow++;
        int max = cfg.getMaxReconnectAttempts();
        if (max >= 0 && failuresInRow > max) {
            return new Decision(Decision.Action.GIVE_UP, 0);
        }
        long delay = backoff.delay(failuresInRow);
        if (failure != null && failure.getKind() == CameraException.Kind.AUTHENTICATION) {
            // never faster than the backoff: authFailureDelay=0 must not hammer a camera with a wrong password
            delay = Math.max(delay, cfg.getAuthFailureDelay());
        }
        if (failure != null && failure.getRetryAfterMillis() > 0) {
            // the camera's Retry-After (503, 429), honoured up to maxReconnectDelay: a camera cannot silence us for good
            delay = Math.max(delay, Math.min(failure.getRetryAfterMillis(), cfg.getMaxReconnectDelay()));
        }
        nextAttemptAt = System.currentTimeMillis() + delay;
        return new Decision(Decision.Action.RETRY, delay);
    }

    /** Milliseconds until the attempt the last retry decision planned, 0 when it is due. */
    long millisUntilNextAttempt(long now) {
        return Math.max(0, nextAttemptAt - now);
    }

    int failuresInRow() {
        return failuresInRow;
    }

    boolean isFiniteStream() {
        return cfg.getNbrOfFrames() != null && cfg.getNbrOfFrames() > 0
               || cfg.getDuration() != null && cfg.getDuration() > 0;
    }
}
