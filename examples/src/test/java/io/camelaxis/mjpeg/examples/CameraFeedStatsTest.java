package io.camelaxis.mjpeg.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The analytics figures from fixed capture and read times: exact values, no clock. */
class CameraFeedStatsTest {

    @Test
    void fpsComesFromTheCaptureTimesAndGapsInTheNumbersAreMissingFrames() {
        CameraFeedStats stats = new CameraFeedStats();
        // frames 1-10 and 13-22 captured 50 ms apart (20 fps); 11 and 12 never arrive
        for (long n = 1; n <= 22; n++) {
            if (n == 11 || n == 12) {
                continue;
            }
            long captured = 1_000_000 + (n - 1) * 50;
            stats.record("lobby", n, captured, captured + n); // read n ms after capture: latencies 1..22 ms
        }
        CameraFeedStats.Report lobby = stats.reports().get("lobby");
        assertThat(lobby.frames()).isEqualTo(20);
        assertThat(lobby.missingFrames()).isEqualTo(2);
        // 20 frames over 21 intervals of 50 ms: the two missing frames still took their time at the camera
        assertThat(lobby.fps()).isEqualTo(19 / 1.05);
        assertThat(lobby.latencyP50Millis()).isEqualTo(10); // the 10th of 1..10,13..22
        assertThat(lobby.latencyP99Millis()).isEqualTo(22);
    }

    @Test
    void aFrameReadBackBeforeItsCaptureTimeCountsAsNoLatencyAndOneFrameHasNoRate() {
        CameraFeedStats stats = new CameraFeedStats();
        stats.record("dock", 1, 5_000, 4_990); // the camera's clock ahead of the reader's
        CameraFeedStats.Report dock = stats.reports().get("dock");
        assertThat(dock.fps()).isZero();
        assertThat(dock.latencyP50Millis()).isZero();
        assertThat(dock.missingFrames()).isZero();
    }
}
