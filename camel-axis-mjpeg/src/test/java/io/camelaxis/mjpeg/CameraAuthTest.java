package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Basic and Digest as Axis cameras do them, over real HTTP. */
class CameraAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "pa:ss w0rd";

    @ParameterizedTest(name = "Digest {0}, qop={1}")
    @CsvSource({ "MD5, true", "MD5, false", "SHA-256, true", "SHA-256, false" })
    void digestVariantsStream(String algorithm, boolean qop) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, algorithm, qop).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?resolution=64x48&username=viewer&password=RAW(" + PASSWORD + ")")) {
            route.frames().await(3, WAIT);
            assertThat(camera.basicCredentialsSeen()).isZero();
        }
    }

    @Test
    void staleNonceOnReconnectIsAnsweredWithoutCountingAsFailure() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, "MD5", true).nonceMaxUses(1)
                .fault(StreamFault.CUT_MID_FRAME, 3).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?resolution=64x48&reconnectDelay=20&username=viewer&password=RAW(" + PASSWORD + ")")) {
            Awaitility.await().atMost(WAIT).until(() -> route.frames().frames().stream().anyMatch(f -> f.connection() == 2));
            assertThat(route.consumer().getReconnects()).isEqualTo(1);
            assertThat(camera.authFailures()).isZero();
            assertThat(camera.staleNonceChallenges()).as("the reconnect reused the nonce, the camera said stale")
                    .isPositive();
        }
    }

    @Test
    void wrongPasswordFailsClearlyWithoutRetryStormAndWithoutLeakingIt() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, "MD5", true).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class);
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?reconnectDelay=10&username=viewer&password=wrong-Secret")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            String error = route.consumer().getLastError();
            assertThat(error).contains("authentication failed at camera " + camera.hostAndPort())
                    .contains("check username and password")
                    .contains("Digest realm=\"AXIS_ACCC8E000001\"").doesNotContain("wrong-Secret")
                    .doesNotContain("viewer"); // the user name is a credential too
            assertThat(camera.requests()).isEqualTo(2); // the challenge, then one answer with the wrong password
            // no retry storm: the next attempt is planned after authFailureDelay (60 s), not reconnectDelay (10 ms)
            Awaitility.await().atMost(WAIT).until(() -> log.lines().contains("INFO Reconnecting to camera "
                    + camera.hostAndPort() + " in 60000 ms (failure 1 in a row)"));
            assertThat(camera.authFailures()).isEqualTo(1);
            assertThat(route.consumer().getState()).isEqualTo(AxisMjpegConsumer.State.WAITING_TO_RECONNECT);
        }
    }

    @Test
    void basicIsNotSentInClearOverHttpUnlessAskedFor() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).basicAuth("viewer", PASSWORD).build()
                .start()) {
            try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                    + "?username=viewer&password=RAW(" + PASSWORD + ")")) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                assertThat(route.consumer().getLastError()).contains("offers only Basic")
                        .contains("in clear over http").contains("authMethod=basic");
                assertThat(camera.basicCredentialsSeen()).isZero();
            }
            try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                    + "?resolution=64x48&authMethod=basic&username=viewer&password=RAW(" + PASSWORD + ")")) {
                route.frames().await(3, WAIT);
                assertThat(camera.basicCredentialsSeen()).isPositive();
            }
        }
    }

    @Test
    void autoPrefersDigestWhenTheCameraOffersBoth() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAndBasicAuth("viewer", PASSWORD).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?resolution=64x48&allowBasicOverHttp=true&username=viewer&password=RAW(" + PASSWORD + ")")) {
            route.frames().await(3, WAIT);
            assertThat(camera.basicCredentialsSeen()).isZero();
        }
    }

    @Test
    void missingCredentialsAreNamed() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().digestAuth("viewer", PASSWORD, "MD5", true)
                .build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort())) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            assertThat(route.consumer().getLastError()).contains("requires a login").contains("set username");
        }
    }

    @Test
    void thePasswordIsMaskedInTheEndpointUri() throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:127.0.0.1:1?username=viewer&password=TopSecret1"
                                                   + "&maxReconnectAttempts=0")) {
            String uri = route.context().getRoute(CameraRoute.ROUTE_ID).getEndpoint().toString();
            assertThat(uri).doesNotContain("TopSecret1").contains("password=xxxxxx");
        }
    }
}
