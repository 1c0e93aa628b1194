package io.camelaxis.mjpeg.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate like the one an Axis camera ships with, made with the JDK's own {@code keytool} into a
 * PKCS12 key store, for serving the simulator over HTTPS.
 */
public final class SelfSignedCertificate {

    public static final String PASSWORD = "simulator";

    private final Path keyStore;

    private SelfSignedCertificate(Path keyStore) {
        this.keyStore = keyStore;
    }

    /** Generates a fresh RSA key and certificate for {@code CN=localhost} (SAN 127.0.0.1 and localhost). */
    public static SelfSignedCertificate generate() throws IOException {
        Path dir = Files.createTempDirectory("axis-simulator-tls");
        Path store = dir.resolve("camera.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "camera", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3650", "-dname", "CN=localhost, O=Axis simulator",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating a certificate", e);
        }
        store.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new SelfSignedCertificate(store);
    }

    /** The PKCS12 key store file (password {@link #PASSWORD}); also usable as a trust store by clients. */
    public Path keyStore() {
        return keyStore;
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the generated key store", e);
        }
    }
}
