package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that try to hold the relay's memory, sockets or viewer slots: each ends in a bounded, counted outcome,
 * checked over real loopback sockets.
 */
class HostileClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose // after each test
    private RelayFixture relay;

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheRequestHeaderTimeout() throws Exception {
        relay = RelayFixture.start("&requestHeaderTimeout=300");
        try (RawHttp silent = new RawHttp(relay.port)) {
            assertThat(silent.closedWithoutAnswer()).isTrue();
        }
        assertThat(relay.endpoint.getRequestHeaderTimeouts()).isEqualTo(1);
        Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getOpenConnections() == 0);
    }

    @Test
    void slowlorisIsClosedAtTheHeaderDeadlineThoughItKeepsSending() throws Exception {
        relay = RelayFixture.start("&requestHeaderTimeout=500");
        try (RawHttp slow = new RawHttp(relay.port)) {
            AtomicBoolean closed = new AtomicBoolean();
            Thread trickle = new Thread(() -> {
                // a header byte every 50 ms, forever: each byte would reset an inactivity timeout
                String head = "GET /status HTTP/1.1\r\nX-Slow: " + "a".repeat(10_000);
                try {
                    for (int i = 0; i < head.length(); i++) {
                        slow.send(head.substring(i, i + 1));
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    closed.set(true);
                }
            });
            trickle.start();
            assertThat(slow.closedWithoutAnswer()).isTrue();
            trickle.interrupt();
            trickle.join();
        }
        assertThat(relay.endpoint.getRequestHeaderTimeouts()).isEqualTo(1);
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        relay = RelayFixture.start("&idleTimeout=300");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\n\r\n");
            String head = client.readHead();
            assertThat(head).startsWith("HTTP/1.1 200");
            int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            assertThat(client.socket.getInputStream().readNBytes(length)).hasSize(length);
            assertThat(client.closedWithoutAnswer()).isTrue();
        }
        assertThat(relay.endpoint.getIdleTimeouts()).isEqualTo(1);
        assertThat(relay.endpoint.getRequestHeaderTimeouts()).isZero();
    }

    @Test
    void connectionsBeyondThePerClientCapAreClosedAtAccept() throws Exception {
        relay = RelayFixture.start("&maxConnectionsPerClient=3");
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(new RawHttp(relay.port));
            }
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getOpenConnections() == 3);
            try (RawHttp fourth = new RawHttp(relay.port)) {
                assertThat(fourth.closedWithoutAnswer()).isTrue();
            }
            assertThat(relay.endpoint.getRefusedConnections()).isEqualTo(1);
            assertThat(relay.endpoint.getOpenConnections()).isEqualTo(3);
            held.remove(0).close();
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getOpenConnections() == 2);
            assertThat(relay.get("/status").status()).isEqualTo(200);
        } finally {
            for (RawHttp c : held) {
                c.close();
            }
        }
    }

    @Test
    void connectionsBeyondThePortCapAreClosedAtAccept() throws Exception {
        relay = RelayFixture.start("&maxConnections=2");
        try (RawHttp a = new RawHttp(relay.port); RawHttp b = new RawHttp(relay.port)) {
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getOpenConnections() == 2);
            try (RawHttp third = new RawHttp(relay.port)) {
                assertThat(third.closedWithoutAnswer()).isTrue();
            }
            assertThat(relay.endpoint.getRefusedConnections()).isEqualTo(1);
        }
    }

    @Test
    void aViewerThatNeverReadsIsDroppedAfterTheWriteTimeoutAndFreesItsSlot() throws Exception {
        relay = RelayFixture.start("&maxViewers=1&writeTimeout=500");
        byte[] big = AxisJpeg.render(1280, 720, 1, Instant.now(), "big frame", 1.0f);
        try (RawHttp stalled = new RawHttp(relay.port, 4096)) {
            stalled.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(stalled.readStatus()).isEqualTo(200);
            // the viewer reads nothing more: frames pile up in its socket until the relay stops writing
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread camera = new Thread(() -> {
                while (publishing.get()) {
                    relay.publish(big);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            camera.start();
            try {
                Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewersTimedOut() == 1);
                Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 0);
                try (Viewer next = new Viewer(relay.url("/cameras/gate/stream"))) {
                    Awaitility.await().atMost(WAIT).until(() -> next.frames.size() >= 3);
                    assertThat(next.corrupt()).isZero();
                }
            } finally {
                publishing.set(false);
                camera.join();
            }
        }
        assertThat(relay.endpoint.getWriteTimeouts()).isEqualTo(1);
        assertThat(relay.status()).contains("\"viewersTimedOut\":1");
    }

    @Test
    void simultaneousViewersNeverExceedMaxViewers() throws Exception {
        int maxViewers = 5;
        int clients = 40;
        relay = RelayFixture.start("&maxViewers=" + maxViewers);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<RawHttp> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                sockets.add(new RawHttp(relay.port));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (RawHttp socket : sockets) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    socket.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
                    return socket.readStatus();
                }));
            }
            go.countDown();
            int admitted = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get(30, TimeUnit.SECONDS);
                if (code == 200) {
                    admitted++;
                } else if (code == 503) {
                    refused++;
                }
            }
            assertThat(admitted).isEqualTo(maxViewers);
            assertThat(refused).isEqualTo(clients - maxViewers);
            assertThat(relay.endpoint.getViewers()).isEqualTo(maxViewers);
            assertThat(relay.endpoint.getViewersRefused()).isEqualTo(clients - maxViewers);
        } finally {
            pool.shutdownNow();
            for (RawHttp socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void requestsPipelinedBehindAStreamCloseTheConnectionAndFreeTheSlot() throws Exception {
        relay = RelayFixture.start("");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n"
                        + "GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n"
                        + "GET /status HTTP/1.1\r\nHost: relay\r\n\r\n".repeat(10));
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getPipelineOverflows() == 1);
        }
        Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 0);
        assertThat(relay.endpoint.getViewersRefused()).isZero();
    }

    @Test
    void aSecondStreamOnOneConnectionTakesNoViewerSlot() throws Exception {
        relay = RelayFixture.start("&maxViewers=2");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send(("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n").repeat(2));
            assertThat(client.readStatus()).isEqualTo(200);
            try (Viewer other = new Viewer(relay.url("/cameras/gate/stream"))) {
                assertThat(relay.endpoint.getViewers()).isEqualTo(2);
                assertThat(relay.endpoint.getViewersRefused()).isZero();
            }
        }
    }

    @Test
    void aTrickledRequestBodyDoesNotHoldTheConnection() throws Exception {
        relay = RelayFixture.start("&idleTimeout=300");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("POST /status HTTP/1.1\r\nHost: relay\r\nContent-Length: 100000\r\n\r\nx");
            assertThat(client.readHead()).startsWith("HTTP/1.1 405").contains("Connection: close\r\n");
            int length = "method not allowed: the relay is read-only\n".length();
            assertThat(client.socket.getInputStream().readNBytes(length)).hasSize(length);
            assertThat(client.closedWithoutAnswer()).isTrue();
        }
        assertThat(relay.endpoint.getIdleTimeouts()).isEqualTo(1);
    }

    @Test
    void aGetWithABodyIsAnswered400AndClosed() throws Exception {
        relay = RelayFixture.start("");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\nContent-Length: 100000\r\n\r\nx");
            assertThat(client.readHead()).startsWith("HTTP/1.1 400").contains("Connection: close\r\n");
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(1);
    }

    @Test
    void aBodyWhoseLengthCannotBeKnownEndsTheConnectionAndIsCounted() throws Exception {
        relay = RelayFixture.start("");
        // HttpCore refuses to frame these bodies before the relay sees the request; where the body would end is
        // unknown, so it closes without an answer (a request read on from the wrong place could be smuggled)
        List<String> framings = List.of("Transfer-Encoding: identity", "Transfer-Encoding: gzip, chunked",
                "Content-Length: 5\r\nContent-Length: 6");
        for (String framing : framings) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET /status HTTP/1.1\r\nHost: relay\r\n" + framing + "\r\n\r\nhello!");
                assertThat(client.closedWithoutAnswer()).as(framing).isTrue();
            }
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(framings.size());
        assertThat(relay.get("/status").status()).isEqualTo(200);
    }

    @Test
    void everyMethodButGetIsAnswered405WithAllow() throws Exception {
        relay = RelayFixture.start("");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send(method + " /status HTTP/1.1\r\nHost: relay\r\nContent-Length: 0\r\n\r\n");
                String head = client.readHead();
                assertThat(head).as(method).startsWith("HTTP/1.1 405").contains("Allow: GET\r\n")
                        .contains("X-Content-Type-Options: nosniff\r\n");
            }
        }
    }

    @Test
    void aBadPercentEscapeIsAnswered400() throws Exception {
        relay = RelayFixture.start("");
        for (String target : List.of("/status?fps=%zz", "/cameras/gate/stream?fps=%4", "/cameras/%g1/stream")) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET " + target + " HTTP/1.1\r\nHost: relay\r\n\r\n");
                assertThat(client.readHead()).as(target).startsWith("HTTP/1.1 400")
                        .contains("X-Content-Type-Options: nosniff\r\n");
            }
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(3);
    }

    @Test
    void everyResponseSaysNosniff() throws Exception {
        relay = RelayFixture.start("");
        relay.publish(AxisJpeg.render(64, 48, 1, Instant.now(), "x", 0.8f));
        for (String path : List.of("/", "/status", "/cameras/gate/snapshot.jpg", "/nothing")) {
            assertThat(relay.get(path).header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
            assertThat(client.readHead()).contains("X-Content-Type-Options: nosniff\r\n");
        }
    }

    @Test
    void aHeaderLineJustUnderTheLimitIsServedThoughLongerThanTheSessionBuffer() throws Exception {
        relay = RelayFixture.start("");
        relay.publish(AxisJpeg.render(64, 48, 1, Instant.now(), "x", 0.8f));
        String line = "X-Big: " + "a".repeat(8180 - "X-Big: ".length());
        assertThat(line.length()).isGreaterThan(RelayServer.SESSION_BUFFER_SIZE - 100).isLessThan(8192);
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n" + line + "\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    @Test
    void anOverlongHeaderLineIsRefusedNotBuffered() throws Exception {
        relay = RelayFixture.start("");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /status HTTP/1.1\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 431 Request Header Fields Too Large")
                    .contains("Connection: close\r\n").contains("X-Content-Type-Options: nosniff\r\n");
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(1); // answered by HttpCore itself, counted all the same
        assertThat(relay.get("/status").status()).isEqualTo(200);
        assertThat(new String(relay.get("/status").body(), StandardCharsets.UTF_8)).contains("\"gate\"");
    }

    /**
     * An HTTP/1.1 request without a Host, with two, or with one HttpCore cannot read: 400, counted with the other bad
     * requests. Before, HttpCore's 400 for a missing or doubled Host went uncounted, and a port beyond 65535 got no
     * answer at all (the connection simply closed).
     */
    @Test
    void aMissingDoubledOrUnreadableHostIsAnswered400AndCounted() throws Exception {
        relay = RelayFixture.start("");
        List<String> hosts = List.of("", "Host: relay\r\nHost: other\r\n", "Host: relay:99999\r\n",
                "Host: relay:-1\r\n", "Host: re lay\r\n", "Host: relay:80x\r\n", "Host: a/b\r\n");
        for (String host : hosts) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET /status HTTP/1.1\r\n" + host + "\r\n");
                assertThat(client.readHead()).as(host).startsWith("HTTP/1.1 400")
                        .contains("X-Content-Type-Options: nosniff\r\n");
            }
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(hosts.size());
        try (RawHttp client = new RawHttp(relay.port)) { // HTTP/1.0 needs none; a port of the URI's range is fine
            client.send("GET /status HTTP/1.0\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        }
        for (String host : List.of("[::1]:8090", "relay:", "relay:65535", "192.0.2.1")) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET /status HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertThat(client.readHead()).as(host).startsWith("HTTP/1.1 200");
            }
        }
        try (RawHttp client = new RawHttp(relay.port)) { // empty: a target without authority (RFC 9112 3.2)
            client.send("GET /status HTTP/1.1\r\nHost:\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(hosts.size());
    }

    /** A viewer's fps that is no whole number was read as no limit at all: fps=0.5 got every frame. */
    @Test
    void anFpsThatIsNoWholeNumberIsAnswered400() throws Exception {
        relay = RelayFixture.start("");
        List<String> values = List.of("0.5", "abc", "-1", "99999999999", "5%20");
        for (String fps : values) {
            try (RawHttp client = new RawHttp(relay.port)) {
                client.send("GET /cameras/gate/stream?fps=" + fps + " HTTP/1.1\r\nHost: relay\r\n\r\n");
                assertThat(client.readHead()).as(fps).startsWith("HTTP/1.1 400");
            }
        }
        assertThat(relay.endpoint.getBadRequests()).isEqualTo(values.size());
        assertThat(relay.endpoint.getViewers()).isZero();
        relay.publish(CaptureFile.readFrames(CaptureFile.sharedAxisCapture()).get(0));
        try (Viewer limited = new Viewer(relay.url("/cameras/gate/stream?fps=5"));
             Viewer unlimited = new Viewer(relay.url("/cameras/gate/stream?fps="))) {
            Awaitility.await().atMost(WAIT).until(() -> limited.frames.size() == 1 && unlimited.frames.size() == 1);
        }
    }

    /** A GET announcing a body of zero length written with more than one zero has no body (was refused as one). */
    @Test
    void aZeroContentLengthWrittenWithSeveralZerosIsNoBody() throws Exception {
        relay = RelayFixture.start("");
        try (RawHttp client = new RawHttp(relay.port)) {
            client.send("GET /status HTTP/1.1\r\nHost: relay\r\nContent-Length: 00\r\n\r\n");
            assertThat(client.readHead()).startsWith("HTTP/1.1 200");
        }
        assertThat(relay.endpoint.getBadRequests()).isZero();
    }
}
