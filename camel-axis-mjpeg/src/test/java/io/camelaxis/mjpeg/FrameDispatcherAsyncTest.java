package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue drained by starting exchanges that end later ({@code asyncConsumer}): the drain goes on while exchanges
 * are in flight, at most {@code capacity} of them; a frame counts against both bounds until its exchange ends; the
 * end that makes room wakes the reading once and restarts a drain that stopped at the bound; frames in flight are never
 * dropped, and a stop drops only what is still queued (counted).
 */
class FrameDispatcherAsyncTest {

    private static final int KB = 1024;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Long> started = new ArrayList<>();
    private final List<Runnable> ends = new ArrayList<>();
    private int dropped;
    private int roomCalls;

    private static Frame frame(long number, int size) {
        return new Frame(new byte[size], number, 0, 1);
    }

    /** A queue whose exchanges end only when the test runs their {@code ends}. */
    private FrameDispatcher endingLater(int capacity, long maxBytes, boolean dropOldest) {
        FrameDispatcher dispatcher = FrameDispatcher.queuedAsync(capacity, maxBytes, dropOldest, (f, done) -> {
            started.add(f.number());
            ends.add(done);
        }, () -> dropped++, (f, t) -> {
            throw new AssertionError(t);
        }, tasks::add);
        dispatcher.onRoom(() -> roomCalls++);
        dispatcher.start();
        return dispatcher;
    }

    /** Runs the drain tasks the dispatcher gave its executor (this test). */
    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void theDrainStartsExchangesWithoutWaitingForThemUpToCapacity() {
        FrameDispatcher dispatcher = endingLater(3, Long.MAX_VALUE, false);
        for (long n = 1; n <= 5; n++) {
            dispatcher.dispatch(frame(n, 10));
        }
        runTasks();
        assertThat(started).as("three in flight at once, none ended").containsExactly(1L, 2L, 3L);
        assertThat(dispatcher.hasRoom()).as("3 in flight and 2 queued of 3").isFalse();

        ends.get(0).run();
        assertThat(roomCalls).as("still 4 held of 3").isZero();
        runTasks();
        assertThat(started).as("an end restarts the drain").containsExactly(1L, 2L, 3L, 4L);
        ends.get(1).run();
        ends.get(2).run();
        assertThat(roomCalls).as("once, when the held frames fell below 3").isEqualTo(1);
        runTasks();
        assertThat(started).containsExactly(1L, 2L, 3L, 4L, 5L);
        ends.get(3).run();
        ends.get(4).run();
        assertThat(dispatcher.hasRoom()).isTrue();
        assertThat(tasks).as("nothing left to drain: no idle wake-up").isEmpty();
        assertThat(dropped).isZero();
    }

    @Test
    void aFrameInFlightHoldsItsBytesUntilItsExchangeEnds() {
        FrameDispatcher dispatcher = endingLater(100, 1024 * KB, false);
        dispatcher.dispatch(frame(1, 600 * KB));
        runTasks();
        assertThat(started).containsExactly(1L);
        assertThat(dispatcher.hasRoom()).as("600 KB in flight").isTrue();
        dispatcher.dispatch(frame(2, 600 * KB));
        runTasks();
        assertThat(dispatcher.hasRoom()).as("1200 KB queued and in flight").isFalse();
        ends.get(0).run();
        assertThat(dispatcher.hasRoom()).isTrue();
        assertThat(roomCalls).isEqualTo(1);
    }

    @Test
    void dropOldestNeverDropsAFrameInFlightAndKeepsTheNewestBesideThem() {
        FrameDispatcher dispatcher = endingLater(2, Long.MAX_VALUE, true);
        dispatcher.dispatch(frame(1, 10));
        dispatcher.dispatch(frame(2, 10));
        runTasks();
        assertThat(started).containsExactly(1L, 2L);
        for (long n = 3; n <= 9; n++) {
            dispatcher.dispatch(frame(n, 10));
            assertThat(dispatcher.hasRoom()).as("dropOldest never pauses reading").isTrue();
        }
        runTasks();
        assertThat(started).as("both slots in flight: the drain waits").containsExactly(1L, 2L);
        assertThat(dropped).as("3 to 8 replaced by the next").isEqualTo(6);
        ends.get(0).run();
        runTasks();
        assertThat(started).containsExactly(1L, 2L, 9L);
        assertThat(dropped).isEqualTo(6);
    }

    @Test
    void anExchangeEndingAtOnceLetsTheDrainGoOnAsTheQueueDoes() {
        List<Long> delivered = new ArrayList<>();
        FrameDispatcher dispatcher = FrameDispatcher.queuedAsync(2, Long.MAX_VALUE, false, (f, done) -> {
            delivered.add(f.number());
            done.run(); // a route with no asynchronous step ends before deliver returns
        }, () -> dropped++, (f, t) -> {
            throw new AssertionError(t);
        }, tasks::add);
        dispatcher.start();
        for (long n = 1; n <= 40; n++) {
            dispatcher.dispatch(frame(n, 10));
        }
        runTasks();
        assertThat(delivered).hasSize(40).isSorted();
        assertThat(dispatcher.hasRoom()).isTrue();
    }

    @Test
    void aBatchEndingWithEveryExchangeInFlightWakesNoWorkerAndTheEndAfterItDoes() {
        FrameDispatcher dispatcher = endingLater(1, Long.MAX_VALUE, false);
        dispatcher.dispatch(frame(1, 10));
        runTasks();
        dispatcher.beginBatch();
        dispatcher.dispatch(frame(2, 10));
        dispatcher.endBatch();
        assertThat(tasks).as("the one slot is in flight: a worker woken now would find nothing to start").isEmpty();
        ends.get(0).run();
        assertThat(tasks).hasSize(1);
        runTasks();
        assertThat(started).containsExactly(1L, 2L);
    }

    @Test
    void stopDropsWhatIsQueuedAndAnEndAfterItStartsNothing() {
        FrameDispatcher dispatcher = endingLater(2, Long.MAX_VALUE, false);
        for (long n = 1; n <= 4; n++) {
            dispatcher.dispatch(frame(n, 10));
        }
        runTasks();
        dispatcher.stop();
        assertThat(dropped).as("the two queued frames, counted").isEqualTo(2);
        ends.get(0).run();
        ends.get(1).run();
        assertThat(tasks).isEmpty();
        assertThat(started).containsExactly(1L, 2L);
    }
}
