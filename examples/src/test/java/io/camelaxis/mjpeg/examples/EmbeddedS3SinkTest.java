package io.camelaxis.mjpeg.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 examples against S3Proxy in this JVM: always runs, no Docker needed. */
class EmbeddedS3SinkTest extends S3SinkContract {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected String endpoint() {
        return s3.endpoint();
    }

    @Override
    protected String accessKey() {
        return EmbeddedS3.ACCESS_KEY;
    }

    @Override
    protected String secretKey() {
        return EmbeddedS3.SECRET_KEY;
    }
}
