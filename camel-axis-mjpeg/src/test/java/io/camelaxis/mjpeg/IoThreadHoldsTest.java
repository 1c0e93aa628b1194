package io.camelaxis.mjpeg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One I/O thread's hold clock, driven with given times. */
class IoThreadHoldsTest {

    @Test
    void theHeldTotalCountsTheHoldUnderWay() {
        IoThreadHolds.Hold hold = new IoThreadHolds.Hold();
        hold.begin(1000);
        assertThat(hold.isHeld()).isTrue();
        assertThat(hold.heldTotal(1300)).isEqualTo(300);
        assertThat(hold.end(1400)).isEqualTo(400);
        assertThat(hold.isHeld()).isFalse();
        assertThat(hold.heldTotal(9000)).isEqualTo(400);
        assertThat(hold.lastLongHoldEndedAt()).isZero(); // 400 ms: not long
        hold.begin(10_000);
        hold.end(11_500);
        assertThat(hold.lastLongHoldEndedAt()).isEqualTo(11_500);
        assertThat(hold.heldTotal(20_000)).isEqualTo(1900);
    }

    /** Short holds that add up: 40 ms of every 50 ms is 80 % of the window, though no hold reaches a second. */
    @Test
    void shortHoldsAddUpToTheWindowsBusyShare() {
        IoThreadHolds.Hold hold = new IoThreadHolds.Hold();
        long t = 100_000;
        int reported = -1;
        int reports = 0;
        for (int i = 0; i < 250; i++) { // 12.5 s of reads every 50 ms, each holding the thread 40 ms
            hold.begin(t);
            hold.end(t + 40);
            int busy = hold.busyPercentOfEndedWindow(t + 40);
            if (busy >= 0) {
                reported = busy;
                reports++;
            }
            t += 50;
        }
        assertThat(reports).isEqualTo(2); // one per 5 s window after the first read
        assertThat(reported).isBetween(79, 80);
    }

    @Test
    void aBusyThreadIsSaidAtMostOnceAMinute() {
        IoThreadHolds.Hold hold = new IoThreadHolds.Hold();
        assertThat(hold.busyWarningDue(49, 1000)).isFalse();
        assertThat(hold.busyWarningDue(80, 1000)).isTrue();
        assertThat(hold.busyWarningDue(90, 30_000)).isFalse();
        assertThat(hold.busyWarningDue(90, 61_000)).isTrue();
    }

    @Test
    void anIdleThreadIsNotBusy() {
        IoThreadHolds.Hold hold = new IoThreadHolds.Hold();
        hold.begin(0 + 1);
        hold.end(2);
        assertThat(hold.busyPercentOfEndedWindow(2)).isEqualTo(-1);
        hold.begin(6000);
        hold.end(6001);
        assertThat(hold.busyPercentOfEndedWindow(6001)).isZero();
    }
}
