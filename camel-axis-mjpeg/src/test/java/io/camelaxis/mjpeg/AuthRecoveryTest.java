package io.camelaxis.mjpeg;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One refused login must not be the last try. The consumer keeps its HttpClient context across reconnects (to reuse
 * the Digest session), and HttpClient remembers a failed authentication in it: every later attempt got the
 * challenge and sent no credentials at all, so a camera whose password was put right (or which refused it once
 * while booting) was never logged in to again, with the error "a challenge this consumer cannot answer" and no
 * recovery short of restarting the route. Here the camera on the port first knows another password, then the right
 * one.
 */
class AuthRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"blocking,digest", "async,digest", "blocking,basic", "async,basic"})
    void aFailedLoginIsTriedAgainWithCredentials(Transport transport, String scheme) throws Exception {
        AxisCameraSimulator first = camera(0, scheme, "old").build().start();
        int port = first.port();
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + first.hostAndPort() + "?transport=" + transport
                + "&reconnectDelay=10&authFailureDelay=100&authMethod=" + scheme + "&allowBasicOverHttp=true"
                + "&username=viewer&password=right")) {
            Awaitility.await().atMost(WAIT).until(() -> first.authFailures() == 1);
            first.close();
            try (AxisCameraSimulator fixed = startOnPort(port, scheme)) {
                List<FrameCollector.Received> frames = route.frames().await(3, WAIT);
                assertThat(frames).allSatisfy(f -> assertThat(f.body()).isNotEmpty());
                assertThat(fixed.authFailures()).isZero();
                assertThat(route.consumer().getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
            }
        }
    }

    private static AxisCameraSimulator.Builder camera(int port, String scheme, String password) {
        AxisCameraSimulator.Builder builder = AxisCameraSimulator.builder().port(port).fps(25).resolution(64, 48);
        return scheme.equals("basic") ? builder.basicAuth("viewer", password)
                : builder.digestAuth("viewer", password, "MD5", true);
    }

    /** The port was just closed by the first camera: retried while the system has not released it. */
    private static AxisCameraSimulator startOnPort(int port, String scheme) throws Exception {
        return startReplacing(() -> camera(port, scheme, "right"));
    }

    /** Starts a camera on the port another one just closed, retrying while the system has not released it. */
    static AxisCameraSimulator startReplacing(Supplier<AxisCameraSimulator.Builder> camera) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return camera.get().build().start();
            } catch (IOException e) {
                boolean inUse = e instanceof BindException || e.getCause() instanceof BindException;
                if (!inUse || attempt == 100) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
