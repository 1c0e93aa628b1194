package io.camelaxis.mjpeg;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th failure in a row waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so many consumers of a rebooted camera do not reconnect in lockstep.
 */
final class ReconnectBackoff {

    private final long initial;
    private final long max;

    ReconnectBackoff(long initialMillis, long maxMillis) {
        this.initial = Math.max(1, initialMillis);
        this.max = Math.max(this.initial, maxMillis);
    }

    /** Delay before the attempt that follows the {@code failuresInRow}-th failure (from 1). */
    long delay(int failuresInRow) {
        int exponent = Math.min(Math.max(failuresInRow, 1) - 1, 30);
        long ceiling = Math.min(max, initial << exponent);
        if (ceiling <= 0 || ceiling > max) {
            ceiling = max;
        }
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
