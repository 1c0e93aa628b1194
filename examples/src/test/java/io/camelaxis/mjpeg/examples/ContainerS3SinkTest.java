package io.camelaxis.mjpeg.examples;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against MinIO in a container, where Docker exists; skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerS3SinkTest extends S3SinkContract {

    private static final String USER = "camera-archiver";
    private static final String PASSWORD = "camera-archiver-secret";

    @Container
    static final GenericContainer<?> MINIO = new GenericContainer<>("minio/minio:RELEASE.2025-04-22T22-12-26Z")
            .withEnv("MINIO_ROOT_USER", USER)
            .withEnv("MINIO_ROOT_PASSWORD", PASSWORD)
            .withCommand("server", "/data")
            .withExposedPorts(9000)
            .waitingFor(Wait.forHttp("/minio/health/live").forPort(9000));

    @Override
    protected String endpoint() {
        return "http://" + MINIO.getHost() + ":" + MINIO.getMappedPort(9000);
    }

    @Override
    protected String accessKey() {
        return USER;
    }

    @Override
    protected String secretKey() {
        return PASSWORD;
    }
}
