package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting frames are bounded by their bytes as well as by their number ({@code maxQueuedBytes}): a full queue by
 * bytes pauses reading (block) or drops the oldest frames until the new one fits (dropOldest), exchanges in flight on
 * the I/O thread likewise; one frame may always wait, however large; and the end that makes room wakes the reading
 * exactly once.
 */
class FrameDispatcherBytesTest {

    private static final int KB = 1024;
    private static final long MAX_BYTES = 1024 * KB;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Long> delivered = new ArrayList<>();
    private int dropped;
    private int roomCalls;

    private static Frame frame(long number, int size) {
        return new Frame(new byte[size], number, 0, 1);
    }

    private FrameDispatcher queued(int capacity, boolean dropOldest) {
        FrameDispatcher dispatcher = FrameDispatcher.queued(capacity, MAX_BYTES, dropOldest,
                f -> delivered.add(f.number()), () -> dropped++, (f, t) -> {
                    throw new AssertionError(t);
                }, tasks::add);
        dispatcher.onRoom(() -> roomCalls++);
        dispatcher.start();
        return dispatcher;
    }

    /** Runs the queued drain task, which delivers every queued frame (the executor is this test). */
    private void drainAll() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void blockPausesReadingOnceTheQueuedBytesReachTheBoundFarBelowQueueSize() {
        FrameDispatcher dispatcher = queued(100, false);
        dispatcher.dispatch(frame(1, 400 * KB));
        dispatcher.dispatch(frame(2, 400 * KB));
        assertThat(dispatcher.hasRoom()).as("800 KB of 1 MB").isTrue();
        dispatcher.dispatch(frame(3, 400 * KB));
        assertThat(dispatcher.hasRoom()).as("1200 KB: full by bytes with 3 of 100 frames").isFalse();

        drainAll();
        assertThat(delivered).containsExactly(1L, 2L, 3L);
        assertThat(dispatcher.hasRoom()).isTrue();
        assertThat(roomCalls).as("woken once, at the end that made room").isEqualTo(1);
        assertThat(dropped).isZero();
    }

    @Test
    void oneFrameLargerThanTheBoundStillWaitsAlone() {
        FrameDispatcher blocking = queued(100, false);
        blocking.dispatch(frame(1, 3 * 1024 * KB));
        assertThat(blocking.hasRoom()).isFalse();
        drainAll();
        assertThat(delivered).containsExactly(1L);
        assertThat(roomCalls).isEqualTo(1);

        delivered.clear();
        FrameDispatcher dropping = queued(100, true);
        dropping.dispatch(frame(2, 100 * KB));
        dropping.dispatch(frame(3, 3 * 1024 * KB)); // replaces the queued frame, is kept itself
        assertThat(dropped).isEqualTo(1);
        drainAll();
        assertThat(delivered).containsExactly(3L);
    }

    @Test
    void dropOldestDropsUntilTheNewFrameFitsInBytes() {
        FrameDispatcher dispatcher = queued(100, true);
        for (long n = 1; n <= 40; n++) {
            dispatcher.dispatch(frame(n, 300 * KB));
            assertThat(dispatcher.hasRoom()).as("dropOldest never pauses reading").isTrue();
        }
        drainAll();
        // 3 frames of 300 KB fit in 1 MB, a fourth does not: only the newest three were left
        assertThat(delivered).containsExactly(38L, 39L, 40L);
        assertThat(dropped).isEqualTo(37);
        assertThat(roomCalls).isZero();
    }

    @Test
    void exchangesInFlightOnTheIoThreadAreBoundedByTheirBytes() {
        List<Runnable> ends = new ArrayList<>();
        FrameDispatcher dispatcher = FrameDispatcher.inlineAsync((frame, done) -> {
            delivered.add(frame.number());
            ends.add(done);
        }, 100, MAX_BYTES);
        dispatcher.onRoom(() -> roomCalls++);
        dispatcher.dispatch(frame(1, 600 * KB));
        assertThat(dispatcher.hasRoom()).isTrue();
        dispatcher.dispatch(frame(2, 600 * KB));
        assertThat(dispatcher.hasRoom()).as("1200 KB in flight, 2 of 100 exchanges").isFalse();

        ends.get(0).run();
        assertThat(dispatcher.hasRoom()).isTrue();
        assertThat(roomCalls).isEqualTo(1);
        ends.get(1).run();
        assertThat(roomCalls).as("no second wake while there was room already").isEqualTo(1);
        assertThat(delivered).containsExactly(1L, 2L);
    }
}
