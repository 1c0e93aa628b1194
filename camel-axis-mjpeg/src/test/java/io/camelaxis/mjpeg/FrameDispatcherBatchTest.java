package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The async transport hands the frames of one socket read to the route with one wake of a worker: frames dispatched
 * inside a batch wait for its end, which starts draining once; outside a batch every idle queue wakes a worker.
 */
class FrameDispatcherBatchTest {

    /** An executor that keeps the tasks it is given, so a test can count the wakes and run them when it likes. */
    private static final class RecordingExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        int executed;

        @Override
        public void execute(Runnable task) {
            executed++;
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    private final RecordingExecutor executor = new RecordingExecutor();
    private final List<Long> delivered = new ArrayList<>();
    private final int[] dropped = new int[1];
    private final FrameDispatcher dispatcher = FrameDispatcher.queued(10, Long.MAX_VALUE, false,
            f -> delivered.add(f.number()), () -> dropped[0]++, (f, t) -> {
                throw new AssertionError(t);
            }, executor);

    private static Frame frame(long number) {
        return new Frame(new byte[] { (byte) number }, number, 0, 1);
    }

    @Test
    void framesOfOneBatchWakeTheWorkerOnceAtItsEnd() {
        dispatcher.start();
        dispatcher.beginBatch();
        dispatcher.dispatch(frame(1));
        dispatcher.dispatch(frame(2));
        dispatcher.dispatch(frame(3));
        assertEquals(0, executor.executed, "no wake inside the batch");
        dispatcher.endBatch();
        assertEquals(1, executor.executed);
        executor.runAll();
        assertEquals(List.of(1L, 2L, 3L), delivered);
        assertEquals(0, dropped[0]);
    }

    @Test
    void withoutABatchEachFrameThatFindsTheQueueIdleWakesTheWorker() {
        dispatcher.start();
        dispatcher.dispatch(frame(1));
        executor.runAll();
        dispatcher.dispatch(frame(2));
        executor.runAll();
        assertEquals(2, executor.executed);
        assertEquals(List.of(1L, 2L), delivered);
    }

    @Test
    void anEmptyBatchWakesNobodyAndABatchWhileDrainingAddsNoSecondDrainer() {
        dispatcher.start();
        dispatcher.beginBatch();
        dispatcher.endBatch();
        assertEquals(0, executor.executed);

        dispatcher.dispatch(frame(1)); // the worker is woken but has not run yet: the queue is draining
        dispatcher.beginBatch();
        dispatcher.dispatch(frame(2));
        dispatcher.endBatch();
        assertEquals(1, executor.executed, "the worker already on its way takes frame 2 too");
        executor.runAll();
        assertEquals(List.of(1L, 2L), delivered);
    }

    @Test
    void framesStillQueuedWhenABatchEndsAfterStopAreCountedAsDropped() {
        dispatcher.start();
        dispatcher.beginBatch();
        dispatcher.dispatch(frame(1));
        dispatcher.dispatch(frame(2));
        dispatcher.stop();
        dispatcher.endBatch();
        executor.runAll();
        assertEquals(List.of(), delivered);
        assertEquals(2, dropped[0]);
        assertEquals(0, executor.executed, "nothing left to drain after the stop");
    }
}
