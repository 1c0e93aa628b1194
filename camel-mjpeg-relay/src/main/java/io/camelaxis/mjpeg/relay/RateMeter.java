package io.camelaxis.mjpeg.relay;

import java.util.concurrent.atomic.AtomicLongArray;

/** Events per second over the last few whole seconds, lock-free. */
final class RateMeter {

    private static final int SECONDS = 5;
    private final AtomicLongArray counts = new AtomicLongArray(SECONDS + 1);
    private final AtomicLongArray stamps = new AtomicLongArray(SECONDS + 1);

    void mark() {
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % counts.length());
        if (stamps.get(slot) != second) {
            stamps.set(slot, second);
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Average over the last {@value #SECONDS} complete seconds. */
    double perSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 1; i <= SECONDS; i++) {
            long second = now - i;
            int slot = (int) (second % counts.length());
            if (stamps.get(slot) == second) {
                total += counts.get(slot);
            }
        }
        return total / (double) SECONDS;
    }
}
