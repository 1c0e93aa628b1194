package io.camelaxis.mjpeg;

import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.utils.DateUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A camera's Retry-After, read and honoured within the consumer's bounds. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void delaySecondsAndHttpDatesAreRead() {
        assertThat(RetryAfter.millis("7", NOW)).isEqualTo(7000);
        assertThat(RetryAfter.millis(" 120 ", NOW)).isEqualTo(120_000);
        assertThat(RetryAfter.millis(DateUtils.formatStandardDate(NOW.plusSeconds(30)), NOW)).isEqualTo(30_000);
    }

    @Test
    void hostileOrBrokenValuesAreBoundedOrIgnored() {
        assertThat(RetryAfter.millis("999999999", NOW)).isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("99999999999999999999999", NOW)).isZero(); // too many digits: not a delay
        assertThat(RetryAfter.millis(DateUtils.formatStandardDate(NOW.plus(Duration.ofDays(4000))), NOW))
                .isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis(DateUtils.formatStandardDate(NOW.minusSeconds(5)), NOW)).isZero();
        assertThat(RetryAfter.millis("-5", NOW)).isZero();
        assertThat(RetryAfter.millis("soon", NOW)).isZero();
        assertThat(RetryAfter.millis("", NOW)).isZero();
        assertThat(RetryAfter.millis(null, NOW)).isZero();
        assertThat(RetryAfter.millis("x".repeat(100_000), NOW)).isZero();
    }

    @Test
    void theReconnectWaitsForItUpToMaxReconnectDelay() {
        AxisMjpegConfiguration cfg = new AxisMjpegConfiguration();
        cfg.setReconnectDelay(10);
        cfg.setMaxReconnectDelay(30_000);
        ReconnectPolicy policy = new ReconnectPolicy(cfg);
        assertThat(policy.next(busy(7000), false).delayMillis()).isEqualTo(7000);
        assertThat(policy.next(busy(RetryAfter.MAX_MILLIS), false).delayMillis()).isEqualTo(30_000);
        assertThat(policy.next(busy(0), false).delayMillis()).as("no Retry-After: the backoff alone")
                .isLessThanOrEqualTo(40); // the third failure in a row: at most 10 ms x 2^2
    }

    private static CameraException busy(long retryAfterMillis) {
        return new CameraException(CameraException.Kind.BAD_RESPONSE, 503, "busy", null, retryAfterMillis);
    }
}
