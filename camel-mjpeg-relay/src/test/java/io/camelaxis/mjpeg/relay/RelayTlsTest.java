package io.camelaxis.mjpeg.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay over HTTPS with a certificate made by keytool at test time, read by the JDK's HTTPS client. */
class RelayTlsTest {

    private static SelfSignedCertificate certificate;
    @AutoClose // after each test
    private RelayFixture relay;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = SelfSignedCertificate.generate();
    }

    private static KeyStoreParameters store() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + certificate.keyStore());
        store.setPassword(SelfSignedCertificate.PASSWORD);
        store.setType("PKCS12");
        return store;
    }

    private static SSLContextParameters serverTls() {
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store());
        keys.setKeyPassword(SelfSignedCertificate.PASSWORD);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        return tls;
    }

    private static HttpClient clientTrusting(CamelContext context) throws Exception {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store());
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        return HttpClient.newBuilder().sslContext(tls.createSSLContext(context)).build();
    }

    private HttpResponse<byte[]> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + relay.port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheSnapshotAndTheLoginOverHttps() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("relayTls", serverTls());
        relay = RelayFixture.start(context, "gate", "&sslContextParameters=#relayTls&username=viewer&password=s3cret");
        byte[] jpeg = AxisJpeg.render(64, 48, 1, Instant.now(), "tls", 0.8f);
        relay.publish(jpeg);
        HttpClient client = clientTrusting(context);
        assertThat(get(client, "/cameras/gate/snapshot.jpg").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> snapshot = get(client, "/cameras/gate/snapshot.jpg", "Authorization", "Basic "
                + Base64.getEncoder().encodeToString("viewer:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.body()).isEqualTo(jpeg);
        assertThat(snapshot.sslSession()).isPresent();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("relayTls", serverTls());
        relay = RelayFixture.start(context, "gate", "&sslContextParameters=#relayTls");
        HttpClient untrusting = HttpClient.newBuilder().sslContext(SSLContext.getDefault()).build();
        assertThatThrownBy(() -> get(untrusting, "/status")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aStalledHandshakeIsClosedAtTheRequestHeaderTimeout() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("relayTls", serverTls());
        relay = RelayFixture.start(context, "gate", "&sslContextParameters=#relayTls&requestHeaderTimeout=300");
        try (RawHttp stalled = new RawHttp(relay.port)) {
            stalled.send("\u0016\u0003\u0001"); // the first bytes of a TLS record, then nothing
            assertThat(stalled.closedWithoutAnswer()).isTrue();
        }
        assertThat(relay.endpoint.getRequestHeaderTimeouts()).isEqualTo(1);
    }

    @Test
    void theGlobalSslContextParametersAreUsedOnlyWhenAskedFor() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.setSSLContextParameters(serverTls());
        context.getComponent("mjpeg-relay", MjpegRelayComponent.class).setUseGlobalSslContextParameters(true);
        relay = RelayFixture.start(context, "gate", "");
        assertThat(get(clientTrusting(context), "/status").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutTheOptionTheGlobalParametersAreNotUsed() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.setSSLContextParameters(serverTls());
        relay = RelayFixture.start(context, "gate", "");
        assertThat(relay.get("/status").status()).isEqualTo(200); // plain HTTP
    }
}
