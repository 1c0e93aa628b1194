package io.camelaxis.mjpeg.relay;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * One kind of warning that a hostile client can trigger thousands of times a second (refused connections, timeouts,
 * failed logins): logged at most once per interval, with how many happened since the last line, so an attack is
 * visible without flooding the log.
 */
final class RateLimitedLog {

    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} (with the count of those suppressed since the previous line) unless one was logged recently. */
    void warn(String message) {
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextLineAt.compareAndSet(next, now + INTERVAL_NANOS)) {
            suppressed.incrementAndGet();
            return;
        }
        long before = suppressed.getAndSet(0);
        log.warn(before == 0 ? message : message + " (and " + before + " more like it in the last 10 s)");
    }
}
