package io.camelaxis.mjpeg.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator as a camera client sees it, over real HTTP. */
class AxisCameraSimulatorTest {

    private static HttpURLConnection get(AxisCameraSimulator camera, String pathAndQuery) throws IOException {
        return (HttpURLConnection) URI.create("http://" + camera.hostAndPort() + pathAndQuery).toURL()
                .openConnection();
    }

    @Test
    void snapshotIsARealJpegOfTheRequestedSizeWithTheAxisCaptureTime() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().build().start()) {
            HttpURLConnection c = get(camera, AxisCameraSimulator.SNAPSHOT_PATH + "?resolution=320x180");
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getContentType()).isEqualTo("image/jpeg");
            byte[] jpeg = c.getInputStream().readAllBytes();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(180);
            // FF FE 00 0F 0A 01 right after the JFIF header
            assertThat(jpeg[20] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[21] & 0xFF).isEqualTo(0xFE);
            assertThat(jpeg[24]).isEqualTo((byte) 0x0A);
            assertThat(jpeg[25]).isEqualTo((byte) 0x01);
            long seconds = ((jpeg[26] & 0xFFL) << 24) | ((jpeg[27] & 0xFF) << 16) | ((jpeg[28] & 0xFF) << 8)
                           | (jpeg[29] & 0xFF);
            assertThat(seconds).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        }
    }

    @Test
    void videoStreamIsAxisLayoutAndEndsAfterNbrOfFrames() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).build().start()) {
            HttpURLConnection c = get(camera, AxisCameraSimulator.VIDEO_PATH + "?resolution=64x48&nbrofframes=3");
            assertThat(c.getContentType()).isEqualTo("multipart/x-mixed-replace; boundary=myboundary");
            String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(body.split("--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: ", -1)).hasSize(4);
            assertThat(camera.framesServed()).isEqualTo(3);
        }
    }

    @Test
    void replayServesTheCaptureByteForByte() throws Exception {
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        assertThat(capture).hasSize(10);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().replay(capture).build().start()) {
            byte[] snapshot = get(camera, AxisCameraSimulator.SNAPSHOT_PATH).getInputStream().readAllBytes();
            assertThat(snapshot).isEqualTo(capture.get(0));
        }
    }

    @Test
    void basicAuthViewerLimitAndErrors() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().basicAuth("root", "pass").maxViewers(0)
                .build().start()) {
            HttpURLConnection anonymous = get(camera, AxisCameraSimulator.VIDEO_PATH);
            assertThat(anonymous.getResponseCode()).isEqualTo(401);
            assertThat(anonymous.getHeaderField("WWW-Authenticate")).isEqualTo("Basic realm=\"AXIS_ACCC8E000001\"");
            HttpURLConnection viewer = get(camera, AxisCameraSimulator.VIDEO_PATH);
            viewer.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("root:pass".getBytes(StandardCharsets.UTF_8)));
            assertThat(viewer.getResponseCode()).isEqualTo(503);
            assertThat(camera.authFailures()).isZero();
            HttpURLConnection wrong = get(camera, AxisCameraSimulator.VIDEO_PATH);
            wrong.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("root:nope".getBytes(StandardCharsets.UTF_8)));
            assertThat(wrong.getResponseCode()).isEqualTo(401);
            assertThat(camera.authFailures()).isEqualTo(1);
        }
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().build().start()) {
            assertThat(get(camera, "/nothing/here").getResponseCode()).isEqualTo(404);
            HttpURLConnection bad = get(camera, AxisCameraSimulator.VIDEO_PATH + "?resolution=huge");
            assertThat(bad.getResponseCode()).isEqualTo(400);
            assertThat(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("Error: resolution 'huge'");
        }
    }

    @Test
    void digestChallengeNamesTheAxisRealmAndAlgorithm() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().digestAuth("root", "pass", "SHA-256", true)
                .build().start()) {
            HttpURLConnection c = get(camera, AxisCameraSimulator.VIDEO_PATH);
            assertThat(c.getResponseCode()).isEqualTo(401);
            assertThat(c.getHeaderField("WWW-Authenticate")).startsWith("Digest realm=\"AXIS_ACCC8E000001\"")
                    .contains("algorithm=SHA-256").contains("qop=\"auth\"");
        }
    }
}
