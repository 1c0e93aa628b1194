package io.camelaxis.mjpeg.relay;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Never" written as the largest number a configuration takes (Long.MAX_VALUE milliseconds) must mean never. It was
 * turned into nanoseconds by a multiplication that overflowed: an idle or write timeout became negative and the first
 * sweep closed every connection, a login block time became negative and guessers were never blocked.
 */
class CarelessRelayConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose
    private RelayFixture relay;

    private static String readResponse(RawHttp client) throws Exception {
        String head = client.readHead();
        int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        client.socket.getInputStream().readNBytes(length);
        return head;
    }

    @Test
    void anIdleTimeoutOfLongMaxValueKeepsAnIdleConnectionOpen() throws Exception {
        // a short header timeout makes the sweep run every 25 ms
        relay = RelayFixture.start("&requestHeaderTimeout=100&idleTimeout=" + Long.MAX_VALUE);
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(readResponse(client)).startsWith("HTTP/1.1 200");
            // proof that sweeps ran while the first connection was idle: a silent second one was closed by one
            try (RawHttp silent = new RawHttp(relay.port)) {
                Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getRequestHeaderTimeouts() == 1);
            }
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(readResponse(client)).startsWith("HTTP/1.1 200");
        }
        assertThat(relay.endpoint.getIdleTimeouts()).isZero();
    }

    @Test
    void aLoginBlockTimeOfLongMaxValueBlocksTheGuesser() {
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, "viewer", "s3cret", 10, 10, 1000, 1000, 1000, 3,
                Long.MAX_VALUE, null, false, null, null);
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        BasicLogin login = new BasicLogin(settings, () -> 0, clock::get, BasicLogin.MAX_TRACKED_CLIENTS);
        InetAddress guesser = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(login.check(request("viewer", "guess" + i), guesser)).isEqualTo(BasicLogin.Outcome.DENIED);
        }
        clock.addAndGet(Duration.ofDays(365).toNanos());
        assertThat(login.check(request("viewer", "s3cret"), guesser)).isEqualTo(BasicLogin.Outcome.BLOCKED);
        // the rest of Long.MAX_VALUE nanoseconds, rounded up to a whole second
        assertThat(login.retryAfterSeconds(guesser)).isEqualTo(Long.MAX_VALUE / 1_000_000_000L - 365L * 24 * 3600 + 1);
    }

    /** The TLS handshake backstop is twice requestHeaderTimeout: that doubling overflowed and the relay never started. */
    @Test
    void aRequestHeaderTimeoutOfLongMaxValueStartsTheRelayAndKeepsASilentConnectionOpen() throws Exception {
        relay = RelayFixture.start("&requestHeaderTimeout=" + Long.MAX_VALUE + "&idleTimeout=100");
        try (RawHttp silent = new RawHttp(relay.port); RawHttp client = new RawHttp(relay.port)) {
            // proof that sweeps ran while the silent one waited: a kept-alive connection was closed as idle
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(readResponse(client)).startsWith("HTTP/1.1 200");
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getIdleTimeouts() == 1);
            silent.send("GET /status HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(readResponse(silent)).startsWith("HTTP/1.1 200");
        }
        assertThat(relay.endpoint.getRequestHeaderTimeouts()).isZero();
    }

    /**
     * With loginBlockTime=0 every failure was older than the block time by the next one, so the count started over
     * each time and a guesser was never refused: the throttle looked on and was off. A block of a millisecond let a
     * guesser try loginFailureLimit passwords a millisecond (5000 a second from one address). A block shorter than a
     * second is refused while the throttle is on.
     */
    @ParameterizedTest
    @ValueSource(longs = { 0, 1, 999 })
    void aLoginBlockTimeUnderASecondWithTheThrottleOnIsRefusedAtStart(long blockTime) {
        assertThatThrownBy(() -> RelayFixture.start(new DefaultCamelContext(), "gate",
                "&username=viewer&password=s3cret&loginBlockTime=" + blockTime))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mjpeg-relay: loginBlockTime must be at least 1000 ms (1 s) while loginFailureLimit (5) is"
                            + " on, was " + blockTime + ": a shorter block lets a guesser try 5 passwords per block"
                            + " from one address; loginFailureLimit=0 turns the throttle off");
    }

    @Test
    void aLoginBlockTimeOfOneSecondIsAccepted() throws Exception {
        relay = RelayFixture.start("&username=viewer&password=s3cret&loginBlockTime=1s&loginFailureLimit=2");
        assertThat(relay.endpoint.getServedPort()).isPositive();
    }

    @Test
    void aLoginBlockTimeOfZeroIsAcceptedWithTheThrottleOff() throws Exception {
        relay = RelayFixture.start("&username=viewer&password=s3cret&loginBlockTime=0&loginFailureLimit=0");
        assertThat(relay.endpoint.getServedPort()).isPositive();
    }

    @Test
    void aNegativeLingerIsRefusedAtStart() {
        assertThatThrownBy(() -> RelayFixture.start(new DefaultCamelContext(), "gate", "&onDemand=true&linger=-1"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mjpeg-relay: linger must be 0 or more milliseconds, was -1");
    }

    /**
     * Camel reads number text it cannot parse as a time pattern, and an unreadable one as 0: maxViewers=ten was refused
     * as "was 0", maxConnections=5s became 5000 connections, maxViewers=99999999999 wrapped to 1215752191.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "maxViewers=ten | mjpeg-relay: maxViewers must be a whole number, was 'ten'",
        "maxConnections=5s | mjpeg-relay: maxConnections must be a whole number, was '5s'",
        "maxViewers=99999999999 | mjpeg-relay: maxViewers must be a whole number, was '99999999999'",
        "idleTimeout=abc | mjpeg-relay: idleTimeout must be milliseconds or a duration such as 5s or 1m30s, was 'abc'",
        "writeTimeout=5S | mjpeg-relay: writeTimeout must be milliseconds or a duration such as 5s or 1m30s, was '5S'"})
    void numberOptionsGivenTextAreRefusedNamingTheOption(String option, String message) {
        assertThatThrownBy(() -> RelayFixture.start(new DefaultCamelContext(), "gate", "&" + option))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void durationsStillTakeCamelsTimePatterns() throws Exception {
        relay = RelayFixture.start("&idleTimeout=1m30s&writeTimeout=5s&requestHeaderTimeout=2000&maxViewers=7");
        assertThat(relay.endpoint.getConfiguration().getIdleTimeout()).isEqualTo(90_000);
        assertThat(relay.endpoint.getConfiguration().getWriteTimeout()).isEqualTo(5_000);
        assertThat(relay.endpoint.getConfiguration().getRequestHeaderTimeout()).isEqualTo(2_000);
        assertThat(relay.endpoint.getConfiguration().getMaxViewers()).isEqualTo(7);
    }

    private static BasicHttpRequest request(String user, String password) {
        BasicHttpRequest request = new BasicHttpRequest("GET", "/status");
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return request;
    }
}
