package io.camelaxis.mjpeg.relay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Login throttling, escaping of camera names, and what /status tells whom. */
class RelaySecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose // after each test
    private RelayFixture relay;

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongLoginsAreThrottledPerClientAddress() throws Exception {
        relay = RelayFixture.start("&username=viewer&password=s3cret&loginFailureLimit=3&loginBlockTime=60000");
        assertThat(relay.get("/status", basic("viewer", "s3cret")).status()).isEqualTo(200);
        // no credentials at all is a browser's first try: 401, not a failure
        assertThat(relay.get("/status").status()).isEqualTo(401);
        assertThat(relay.get("/status", basic("viewer", "guess1")).status()).isEqualTo(401);
        assertThat(relay.get("/status", basic("viewer", "s3cre")).status()).isEqualTo(401);
        assertThat(relay.get("/status", basic("root", "s3cret")).status()).isEqualTo(401);
        // blocked now: even the right password gets 429, so a guesser learns nothing
        RelayFixture.Response blocked = relay.get("/status", basic("viewer", "s3cret"));
        assertThat(blocked.status()).isEqualTo(429);
        // the header is there; its exact seconds on a driven clock are BasicLoginTest's
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(relay.endpoint.getFailedLogins()).isEqualTo(3);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() throws Exception {
        relay = RelayFixture.start("&username=viewer&password=s3cret&loginFailureLimit=2");
        assertThat(relay.get("/status", basic("viewer", "wrong")).status()).isEqualTo(401);
        assertThat(relay.get("/status", basic("viewer", "s3cret")).status()).isEqualTo(200);
        assertThat(relay.get("/status", basic("viewer", "wrong")).status()).isEqualTo(401);
        assertThat(relay.get("/status", basic("viewer", "s3cret")).status()).isEqualTo(200);
    }

    @Test
    void aHostileCameraNameIsInertInThePageAndTheStatus() throws Exception {
        String name = "</script><script>alert(1)</script>\"'&<img src=x onerror=alert(2)>";
        relay = RelayFixture.start(new DefaultCamelContext(), name, "");
        relay.publish(AxisJpeg.render(64, 48, 1, Instant.now(), "x", 0.8f));

        RelayFixture.Response page = relay.get("/");
        String html = page.text();
        assertThat(html).doesNotContain("alert(1)</script>").doesNotContain("<img src=x")
                .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x"
                          + " onerror=alert(2)&gt;");
        // the page's own script is the only one, and the policy lets only that one run
        assertThat(html.split("<script>", -1)).hasSize(2);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'sha256-")
                .contains("default-src 'none'");

        String status = relay.status();
        assertThat(status).contains("\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"
                                    + "\\\"\\u0027\\u0026\\u003cimg src=x onerror=alert(2)\\u003e\"");
        // the name travels percent-encoded in URLs, and the stream is found by it
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(status).contains("\"stream\":\"/cameras/" + encoded.replace("*", "%2A") + "/stream\"");
        try (Viewer viewer = new Viewer(relay.url("/cameras/" + encoded + "/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> viewer.frames.size() == 1);
        }
    }

    @Test
    void statusHasNoViewerAddressesAndNoCorsUnlessAskedFor() throws Exception {
        relay = RelayFixture.start("");
        try (Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 1);
            RelayFixture.Response status = relay.get("/status");
            assertThat(status.text()).contains("\"viewerDetails\":[{\"id\":").doesNotContain("\"remote\"")
                    .doesNotContain("127.0.0.1");
            assertThat(status.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void statusListsViewerAddressesAndAllowsTheConfiguredOriginWhenEnabled() throws Exception {
        relay = RelayFixture.start("&statusViewerAddresses=true&corsAllowOrigin=https://dashboard.example");
        try (Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getViewers() == 1);
            RelayFixture.Response status = relay.get("/status");
            assertThat(status.text()).containsPattern("\"remote\":\"/127\\.0\\.0\\.1:\\d+\"");
            assertThat(status.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example");
        }
    }
}
