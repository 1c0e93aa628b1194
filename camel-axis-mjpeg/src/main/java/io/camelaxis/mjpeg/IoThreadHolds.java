package io.camelaxis.mjpeg;

/**
 * How long each async I/O thread has been kept from reading by the work it did for one camera: parsing a read and,
 * with {@code routeOnIoThread}, running the route on the frames it completed. While one camera's route holds the
 * thread, no other camera it reads is read; their silence is the route's, not theirs, and the watchdog must not take
 * them for stalled. Each connection notes the thread's held total when it last read; its silence is the time since,
 * less what the thread was held meanwhile.
 */
final class IoThreadHolds {

    /** A hold this long is worth a warning: every camera of the thread waited that long for its next read. */
    static final long LONG_HOLD_MILLIS = 1000;
    /** How often each I/O thread's share of time held by routes is taken. */
    static final long BUSY_WINDOW_MILLIS = 5000;
    /**
     * A thread held by routes for more than this share of a window is worth a warning: short holds that add up (a
     * route blocking 10 ms per frame on a synchronous call) make its cameras fall behind as surely as long ones,
     * without any single hold reaching {@link #LONG_HOLD_MILLIS}.
     */
    static final int BUSY_PERCENT_WARNING = 50;
    /** At most one busy warning a minute per I/O thread, whichever of its cameras ends the window. */
    static final long BUSY_WARNING_INTERVAL_MILLIS = 60_000;

    private final ThreadLocal<Hold> holds = ThreadLocal.withInitial(Hold::new);

    /** The calling I/O thread's hold clock. */
    Hold current() {
        return holds.get();
    }

    /** One I/O thread's clock: written by that thread only, read by the watchdog's. */
    static final class Hold {
        private volatile long busySince;
        private volatile long heldBefore;
        private volatile long lastLongHoldEndedAt;
        private long windowStart;
        private long heldAtWindowStart;
        private long lastBusyWarningAt = -BUSY_WARNING_INTERVAL_MILLIS;

        void begin(long now) {
            busySince = now;
        }

        /** Ends the hold begun at {@link #begin}; returns its length in milliseconds. */
        long end(long now) {
            long held = Math.max(0, now - busySince);
            heldBefore += held; // one writer: this thread
            if (held >= LONG_HOLD_MILLIS) {
                lastLongHoldEndedAt = now;
            }
            busySince = 0;
            return held;
        }

        /**
         * On the thread, after {@link #end}: the share of the window (in %) the thread was held, when a window of
         * {@link #BUSY_WINDOW_MILLIS} has ended (a new one begins), else -1.
         */
        int busyPercentOfEndedWindow(long now) {
            if (windowStart == 0) {
                windowStart = now;
                heldAtWindowStart = heldBefore;
                return -1;
            }
            long window = now - windowStart;
            if (window < BUSY_WINDOW_MILLIS) {
                return -1;
            }
            long held = heldBefore - heldAtWindowStart;
            windowStart = now;
            heldAtWindowStart = heldBefore;
            return (int) Math.min(100, 100 * held / window);
        }

        /**
         * On the thread: whether a window's share of {@code percent} is to be said now, at most once per
         * {@link #BUSY_WARNING_INTERVAL_MILLIS}.
         */
        boolean busyWarningDue(int percent, long now) {
            if (percent < BUSY_PERCENT_WARNING || now - lastBusyWarningAt < BUSY_WARNING_INTERVAL_MILLIS) {
                return false;
            }
            lastBusyWarningAt = now;
            return true;
        }

        boolean isHeld() {
            return busySince != 0;
        }

        /**
         * Milliseconds the thread has been held in all, the hold under way included. Reads the hold under way first:
         * racing with its end, a hold may count twice for a moment (a silence looks shorter), never not at all.
         */
        long heldTotal(long now) {
            long since = busySince;
            long total = heldBefore;
            return since == 0 ? total : total + Math.max(0, now - since);
        }

        /** When the last hold of {@link #LONG_HOLD_MILLIS} or more ended (epoch ms), 0 when none did. */
        long lastLongHoldEndedAt() {
            return lastLongHoldEndedAt;
        }
    }
}
