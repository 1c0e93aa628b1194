package io.camelaxis.mjpeg.relay;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login's throttle on a clock the test drives: exact outcomes and Retry-After seconds, no waiting. */
class BasicLoginTest {

    private static final long SECOND = 1_000_000_000L;
    private static final ServerSettings SETTINGS = new ServerSettings("127.0.0.1", 0, "viewer", "s3cret", 10, 10,
            1000, 1000, 1000, 3, 60_000, null, false, null, null); // 3 failures block for 60 s

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final BasicLogin login = new BasicLogin(SETTINGS, () -> 0, clock::get, BasicLogin.MAX_TRACKED_CLIENTS);
    private final InetAddress guesser = address("192.0.2.1");
    private final InetAddress other = address("192.0.2.2");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(String user, String password) {
        HttpRequest request = new BasicHttpRequest("GET", "/status");
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    private void failThreeTimes() {
        assertThat(login.check(request("viewer", "guess1"), guesser)).isEqualTo(BasicLogin.Outcome.DENIED);
        assertThat(login.check(request("viewer", "guess2"), guesser)).isEqualTo(BasicLogin.Outcome.DENIED);
        assertThat(login.check(request("root", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.DENIED);
    }

    @Test
    void theThirdFailureBlocksThatAddressForTheBlockTimeWhateverItSends() {
        failThreeTimes();
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.BLOCKED);
        assertThat(login.retryAfterSeconds(guesser)).isEqualTo(60);
        assertThat(login.check(request("viewer", "s3cret"), other)).isEqualTo(BasicLogin.Outcome.ALLOWED);

        clock.addAndGet(SECOND + SECOND / 2);
        assertThat(login.retryAfterSeconds(guesser)).isEqualTo(59); // 58.5 s left, rounded up
        clock.set(5 * SECOND + 60 * SECOND - 1);
        assertThat(login.retryAfterSeconds(guesser)).isEqualTo(1);
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.BLOCKED);

        clock.incrementAndGet(); // the block's last nanosecond is over
        assertThat(login.retryAfterSeconds(guesser)).isZero();
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.ALLOWED);
        assertThat(login.failedLogins()).isEqualTo(3);
        assertThat(login.blockedRequests()).isEqualTo(2);
    }

    @Test
    void failuresFurtherApartThanTheBlockTimeDoNotAddUp() {
        login.check(request("viewer", "guess1"), guesser);
        login.check(request("viewer", "guess2"), guesser);
        clock.addAndGet(61 * SECOND);
        assertThat(login.check(request("viewer", "guess3"), guesser)).isEqualTo(BasicLogin.Outcome.DENIED);
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.ALLOWED);
    }

    @Test
    void aBlockEndingAtNanoTimeZeroStillBlocks() {
        clock.set(-60 * SECOND); // the block ends at 0, a legal nanoTime value
        failThreeTimes();
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.BLOCKED);
        assertThat(login.retryAfterSeconds(guesser)).isEqualTo(60);
    }

    @Test
    void noCredentialsIsABrowsersFirstTryNotAFailure() {
        for (int i = 0; i < 5; i++) {
            assertThat(login.check(new BasicHttpRequest("GET", "/"), guesser)).isEqualTo(BasicLogin.Outcome.MISSING);
        }
        assertThat(login.failedLogins()).isZero();
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.ALLOWED);
    }

    /**
     * A guesser that fills the throttle's table (here 4 addresses, in the relay 10,000) used to guess freely from every
     * further address. Now the addresses without a place share one record: 3 failures among them block all of them,
     * the right password included, while the addresses in the table keep their own count.
     */
    @Test
    void addressesBeyondTheTableShareOneThrottle() {
        BasicLogin small = new BasicLogin(SETTINGS, () -> 0, clock::get, 4);
        for (int i = 1; i <= 4; i++) {
            assertThat(small.check(request("viewer", "guess"), address("192.0.2." + i))).isEqualTo(BasicLogin.Outcome.DENIED);
        }
        assertThat(small.sharedThrottleFailures()).isZero();
        for (int i = 10; i < 13; i++) {
            assertThat(small.check(request("viewer", "guess" + i), address("198.51.100." + i)))
                    .isEqualTo(BasicLogin.Outcome.DENIED);
        }
        assertThat(small.sharedThrottleFailures()).isEqualTo(3);
        InetAddress fresh = address("203.0.113.7");
        assertThat(small.check(request("viewer", "s3cret"), fresh)).as("no answer tells a right guess")
                .isEqualTo(BasicLogin.Outcome.BLOCKED);
        assertThat(small.retryAfterSeconds(fresh)).isEqualTo(60);
        assertThat(small.check(request("viewer", "s3cret"), address("192.0.2.1"))).as("in the table: its own count")
                .isEqualTo(BasicLogin.Outcome.ALLOWED);
        assertThat(small.failedLogins()).isEqualTo(7);
        assertThat(small.blockedRequests()).isEqualTo(1);

        clock.addAndGet(61 * SECOND); // the shared block and the table's entries have expired
        assertThat(small.check(request("viewer", "s3cret"), fresh)).isEqualTo(BasicLogin.Outcome.ALLOWED);
        assertThat(small.check(request("viewer", "guess"), fresh)).isEqualTo(BasicLogin.Outcome.DENIED);
        assertThat(small.sharedThrottleFailures()).as("a place again: its own record").isEqualTo(3);
    }

    @Test
    void anIpv6ClientIsThrottledByItsSlash64() {
        failThreeTimesFrom(address("2001:db8:1:2::a"), address("2001:db8:1:2::b"), address("2001:db8:1:2:ffff::c"));
        assertThat(login.check(request("viewer", "s3cret"), address("2001:db8:1:2::d")))
                .isEqualTo(BasicLogin.Outcome.BLOCKED);
        assertThat(login.check(request("viewer", "s3cret"), address("2001:db8:1:3::a")))
                .isEqualTo(BasicLogin.Outcome.ALLOWED);
    }

    private void failThreeTimesFrom(InetAddress... clients) {
        for (InetAddress client : clients) {
            assertThat(login.check(request("viewer", "guess"), client)).isEqualTo(BasicLogin.Outcome.DENIED);
        }
    }
}
