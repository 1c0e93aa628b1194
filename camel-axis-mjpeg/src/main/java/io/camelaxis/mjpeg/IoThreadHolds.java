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
