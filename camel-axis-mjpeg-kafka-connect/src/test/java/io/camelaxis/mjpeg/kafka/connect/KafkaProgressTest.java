package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelaxis.mjpeg.LogCapture;
import org.junit.jupiter.api.Test;

/** When a camera counts as waiting for Kafka: frames on their way and no acknowledgement for the set time. */
class KafkaProgressTest {

    private final KafkaProgress gate = new KafkaProgress("gate", 2000);

    @Test
    void aFrameUnacknowledgedForTheSetTimeMeansWaitingWhateverTheQueueDoes() {
        assertThat(gate.waiting(1_000_000)).as("nothing on its way").isFalse();
        gate.setOut(1000);
        gate.setOut(1500);
        assertThat(gate.waiting(2999)).isFalse();
        // counted from the first frame that set out, not the last: a queue that never fills is no excuse
        assertThat(gate.waiting(3000)).isTrue();

        gate.acknowledged(3100);
        assertThat(gate.waiting(3100 + 1999)).isFalse();
        assertThat(gate.waiting(3100 + 2000)).as("the second frame still waits").isTrue();
        gate.acknowledged(5200);
        assertThat(gate.waiting(100_000)).as("all acknowledged: an idle camera is not waiting").isFalse();
    }

    @Test
    void aCameraFoundWaitingIsSaidOnceAndItsRecoveryOnce() {
        try (LogCapture log = LogCapture.of(KafkaProgress.class)) {
            gate.setOut(1000);
            gate.setOut(1100);
            gate.warnIfWaiting(2999);
            assertThat(log.lines()).isEmpty();
            gate.warnIfWaiting(3000);
            gate.warnIfWaiting(9000);
            gate.acknowledged(11_000);
            gate.acknowledged(11_100);

            assertThat(log.lines()).satisfiesExactly(
                    line -> assertThat(line).startsWith("WARN Camera gate: Kafka has taken no frame of this camera"
                            + " for 2 s (2 on their way); the camera is reported WAITING_FOR_KAFKA"),
                    line -> assertThat(line).isEqualTo("INFO Camera gate: Kafka takes frames again after 10 s"));
        }
    }

    @Test
    void framesTheQueueDroppedAreNoLongerOnTheirWay() {
        gate.setOut(1000);
        gate.setOut(1100);
        gate.dropped();
        assertThat(gate.waiting(4000)).isTrue();
        gate.dropped();
        assertThat(gate.waiting(4000)).as("none on its way").isFalse();
    }

    /**
     * latestOnly replaces a camera's queued frame with its next one (dropOldest may drop a camera's only queued frame):
     * with poll() held up, each new frame came after a drop that had left none on its way, restarted the clock, and
     * the camera was never found waiting, though Kafka took none of its frames.
     */
    @Test
    void aFrameThatReplacesADroppedOneWaitsSinceTheFirstUnanswered() {
        gate.setOut(1000);
        for (long t = 1100; t <= 5000; t += 100) {
            gate.dropped(); // the camera's queued frame, replaced by the next
            gate.setOut(t);
            assertThat(gate.waiting(t)).as("at %d", t).isEqualTo(t >= 3000);
        }
    }

    @Test
    void anAcknowledgementEndsTheWaitOfDroppedFrames() {
        gate.setOut(1000);
        gate.dropped();
        gate.setOut(4000);
        assertThat(gate.waiting(4000)).isTrue();
        gate.acknowledged(4100);
        assertThat(gate.waiting(100_000)).as("all acknowledged").isFalse();
        // an idle camera's next frame starts the clock again
        gate.setOut(10_000);
        assertThat(gate.waiting(11_999)).isFalse();
        assertThat(gate.waiting(12_000)).isTrue();
    }
}
