package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera that answers every Digest try with {@code stale=true} and a fresh nonce: HttpClient alone would ask again
 * forever (thousands of requests per second). One attempt is cut at {@link AuthChallengeLimit#MAX_CHALLENGES}
 * challenges and counted as an authentication failure, which waits {@code authFailureDelay}.
 */
class StaleNonceLoopTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void endlessStaleNoncesEndTheAttemptAsAnAuthenticationFailure(Transport transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", "pw", "MD5", true).staleNonceForever().build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + "&reconnectDelay=10&authFailureDelay=60000&username=viewer&password=pw")) {
            AxisMjpegConsumer consumer = route.consumer();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> consumer.getLastError() != null);
            // the first request draws the challenge, two answers draw stale=true: then the attempt ends
            assertThat(camera.requests()).isEqualTo(AuthChallengeLimit.MAX_CHALLENGES);
            assertThat(camera.staleNonceChallenges()).isEqualTo(2);
            assertThat(consumer.getLastError()).isEqualTo("authentication failed: camera " + camera.hostAndPort()
                    + " answered 3 challenges in a row to one request (Digest stale=true with a fresh nonce each"
                    + " time?); giving up this attempt, next try in 60000 ms");
            assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.WAITING_TO_RECONNECT);
            assertThat(consumer.getFailuresInRow()).isEqualTo(1);
            assertThat(consumer.getConnections()).isEqualTo(1);
            assertThat(route.frames().count()).isZero();
        }
    }
}
