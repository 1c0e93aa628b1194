package io.camelaxis.mjpeg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code ./run.sh --example connect}, run as a user runs it, shortened. */
class ConnectClusterExampleTest {

    @Test
    void camerasOfTheStoppedWorkerMoveAndGoOnCounting() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CameraOptions options = CameraOptions.parse("--example", "connect", "--seconds", "24", "--resolution",
                "320x240");

        ConnectClusterExample.Failover failover;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            failover = new ConnectClusterExample(options, out).run();
        }

        assertThat(failover.movedCameras()).isNotEmpty();
        assertThat(failover.feeds()).hasSize(ConnectClusterExample.CAMERAS);
        for (String camera : failover.movedCameras()) {
            ConnectClusterExample.CameraFeed feed = failover.feeds().get(camera);
            assertThat(feed.numbersContinuous).as(camera).isTrue();
            assertThat(feed.resumedAt).as(camera).isPositive();
            assertThat(feed.longestGapMs).as(camera).isPositive();
            assertThat(feed.lastFrameNumber).as(camera).isEqualTo(feed.frames);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(">>> Stopping worker " + failover.stoppedWorker())
                .contains("frame numbers went on without a gap or a repeat");
    }
}
