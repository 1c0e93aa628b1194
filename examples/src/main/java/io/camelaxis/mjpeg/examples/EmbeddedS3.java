package io.camelaxis.mjpeg.examples;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API server in this JVM (S3Proxy over an in-memory blob store), for the S3 example when no
 * {@code --s3-endpoint} is given, and for the tests. Requests are signed and checked (AWS v2 or v4).
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "camera-archiver";
    public static final String SECRET_KEY = "camera-archiver-secret";

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static EmbeddedS3 start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return new EmbeddedS3(proxy);
    }

    /** The endpoint for {@code uriEndpointOverride}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
