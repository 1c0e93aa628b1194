package io.camelaxis.mjpeg;

import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.utils.DateUtils;

/**
 * A camera's {@code Retry-After} (RFC 9110: delay-seconds or an HTTP-date), as the milliseconds to wait. The
 * reconnect policy honours it up to {@code maxReconnectDelay}, so a camera cannot silence the consumer for good.
 */
final class RetryAfter {

    /** Longer waits are read as this: far above any reconnect delay, far from overflowing. */
    static final long MAX_MILLIS = Duration.ofDays(1).toMillis();

    private RetryAfter() {
    }

    /** 0 when absent, unreadable or already past. */
    static long millis(String value, Instant now) {
        if (value == null) {
            return 0;
        }
        String v = value.trim();
        if (!v.isEmpty() && v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Math.min(Long.parseLong(v) * 1000, MAX_MILLIS); // at most 9 digits: no overflow
        }
        Instant at = v.length() <= 64 ? DateUtils.parseStandardDate(v) : null;
        if (at == null || !at.isAfter(now)) {
            return 0;
        }
        return Math.min(Duration.between(now, at).toMillis(), MAX_MILLIS);
    }
}
