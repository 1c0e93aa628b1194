package io.camelaxis.mjpeg;

import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** Camel TLS settings for tests against a simulator with a self-signed certificate. */
final class TestTls {

    private TestTls() {
    }

    /** Trusts exactly {@code certificate} (its PKCS12 key store as the trust store). */
    static SSLContextParameters trusting(SelfSignedCertificate certificate) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + certificate.keyStore());
        trustStore.setPassword(SelfSignedCertificate.PASSWORD);
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
