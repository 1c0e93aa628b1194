package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands frames from the transport to the route according to the {@link Backpressure} setting: inline on the reading
 * thread, or through a bounded per-camera queue drained in order by an executor (a dedicated thread, or the shared
 * worker pool of the async transport). Drops are counted, never silent.
 */
abstract class FrameDispatcher {

    abstract void dispatch(Frame frame);

    void start() {
    }

    void stop() {
    }

    /** False while the queue is full and frames are not dropped: the transport should stop reading. */
    boolean hasRoom() {
        return true;
    }

    /** Called (from the draining thread) when a full queue has room again. */
    void onRoom(Runnable listener) {
    }

    /** Every frame on the caller's thread. */
    static FrameDispatcher inline(Consumer<Frame> route) {
        return new Inline(route);
    }

    /**
     * A queue of {@code capacity} frames drained in order on {@code executor}.
     *
     * @param dropOldestWhenFull true for dropOldest/latestOnly; false to keep every frame and report
     *                           {@link #hasRoom()} false instead (async transport with block)
     */
    static FrameDispatcher queued(int capacity, boolean dropOldestWhenFull, Consumer<Frame> route, Runnable onDrop,
                                  Executor executor) {
        return new Queued(capacity, dropOldestWhenFull, route, onDrop, executor);
    }

    private static final class Inline extends FrameDispatcher {
        private final Consumer<Frame> route;

        Inline(Consumer<Frame> route) {
            this.route = route;
        }

        @Override
        void dispatch(Frame frame) {
            route.accept(frame);
        }
    }

    private static final class Queued extends FrameDispatcher {
        private final int capacity;
        private final boolean dropOldestWhenFull;
        private final Consumer<Frame> route;
        private final Runnable onDrop;
        private final Executor executor;
        private final ArrayDeque<Frame> queue;
        private volatile Runnable roomListener;
        private boolean running;
        private boolean draining;

        Queued(int capacity, boolean dropOldestWhenFull, Consumer<Frame> route, Runnable onDrop, Executor executor) {
            this.capacity = capacity;
            this.dropOldestWhenFull = dropOldestWhenFull;
            this.route = route;
            this.onDrop = onDrop;
            this.executor = executor;
            this.queue = new ArrayDeque<>(capacity);
        }

        @Override
        void start() {
            synchronized (queue) {
                running = true;
            }
        }

        @Override
        void stop() {
            synchronized (queue) {
                running = false;
                for (int left = queue.size(); left > 0; left--) {
                    onDrop.run(); // frames still queued at stop are counted as dropped, not lost silently
                }
                queue.clear();
            }
        }

        @Override
        boolean hasRoom() {
            if (dropOldestWhenFull) {
                return true; // a full queue drops its oldest frame: reading never has to wait
            }
            synchronized (queue) {
                return queue.size() < capacity;
            }
        }

        @Override
        void onRoom(Runnable listener) {
            this.roomListener = listener;
        }

        @Override
        void dispatch(Frame frame) {
            synchronized (queue) {
                if (!running) {
                    onDrop.run();
                    return;
                }
                if (dropOldestWhenFull && queue.size() >= capacity) {
                    queue.pollFirst();
                    onDrop.run();
                }
                queue.addLast(frame);
                if (draining) {
                    return;
                }
                draining = true;
            }
            executor.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Frame next;
                boolean roomAgain;
                synchronized (queue) {
                    next = running ? queue.pollFirst() : null;
                    if (next == null) {
                        draining = false;
                        return;
                    }
                    roomAgain = !dropOldestWhenFull && queue.size() == capacity - 1;
                }
                if (roomAgain && roomListener != null) {
                    roomListener.run();
                }
                route.accept(next);
            }
        }
    }
}
