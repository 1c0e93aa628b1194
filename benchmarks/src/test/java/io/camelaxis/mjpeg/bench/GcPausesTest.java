package io.camelaxis.mjpeg.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcPausesTest {

    @Test
    void aCollectionIsFoundInTheIntervalThatHeldItOnTheNanoTimeClock() throws Exception {
        try (GcPauses pauses = new GcPauses()) {
            long accuracy = pauses.accuracyNanos();
            assertThat(accuracy).isBetween(1_000_000L, 100_000_000L); // milliseconds, not the clocks' tens apart
            long from = System.nanoTime();
            System.gc();
            long to = System.nanoTime();
            long deadline = System.nanoTime() + 5_000_000_000L;
            long since = from - accuracy;
            while (pauses.summary(since, Long.MAX_VALUE).startsWith("0 ") && System.nanoTime() < deadline) {
                Thread.sleep(10); // the JVM reports collections on its notification thread
            }

            assertThat(pauses.summary(since, Long.MAX_VALUE))
                    .matches("[1-9]\\d* collections, median \\d+ ms, max \\d+ ms");
            assertThat(pauses.overlaps(from, to)).isTrue();
            // placed on nanoTime within its accuracy: not seen a little before the call or after it
            long margin = 2 * accuracy + 1_000_000L;
            assertThat(pauses.summary(to + margin, Long.MAX_VALUE)).isEqualTo("0 collections");
            assertThat(pauses.overlaps(to + margin, to + margin + 20_000_000L)).isFalse();
            assertThat(pauses.overlaps(from - margin - 20_000_000L, from - margin)).isFalse();
        }
    }
}
