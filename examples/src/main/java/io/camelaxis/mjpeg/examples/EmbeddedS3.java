package io.camelaxis.mjpeg.examples;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API server in this JVM (S3Proxy over an in-memory blob store), for the S3 example when no
 * {@code --s3-endpoint} is given, and for the tests. Requests are signed and checked (AWS v2 or v4).
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "camera-archiver";
    public static final String SECRET_KEY = "camera-archiver-secret";

    private final BlobStore objects = new TransientNio2BlobStore();
    private final int port;
    private S3Proxy proxy;

    private EmbeddedS3() throws Exception {
        proxy = startProxy(0);
        port = proxy.getPort();
    }

    public static EmbeddedS3 start() throws Exception {
        return new EmbeddedS3();
    }

    private S3Proxy startProxy(int listenPort) throws Exception {
        S3Proxy started = S3Proxy.builder()
                .blobStore(objects)
                .endpoint(URI.create("http://127.0.0.1:" + listenPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(started.getState()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (!"STARTED".equals(started.getState())) {
            throw new IllegalStateException("S3Proxy did not start on port " + listenPort + ": " + started.getState());
        }
        return started;
    }

    /** The endpoint for {@code uriEndpointOverride}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server, as an outage its clients see: connections to its port are refused. Objects are kept. */
    public synchronized void stopServer() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    /**
     * Serves again on the same port with the same objects. (S3Proxy's Jetty listens on the port it was configured
     * with, 0 at first, so a new server is started on the port the first one got.)
     */
    public synchronized void restartServer() throws Exception {
        if (proxy == null) {
            proxy = startProxy(port);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        stopServer();
    }
}
