package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Hands frames from the reading thread to the route according to the {@link Backpressure} setting: inline (block),
 * or through a bounded queue drained by a worker thread, dropping the oldest frames when the route falls behind.
 */
abstract class FrameDispatcher {

    abstract void dispatch(Frame frame);

    void start() {
    }

    void stop() {
    }

    static FrameDispatcher create(Backpressure mode, int queueSize, Consumer<Frame> route, Runnable onDrop,
                                  ExecutorService worker) {
        return switch (mode) {
            case block -> new Inline(route);
            case dropOldest -> new Queued(queueSize, route, onDrop, worker);
            case latestOnly -> new Queued(1, route, onDrop, worker);
        };
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
        private final Consumer<Frame> route;
        private final Runnable onDrop;
        private final ExecutorService worker;
        private final ArrayDeque<Frame> queue;
        private boolean running;

        Queued(int capacity, Consumer<Frame> route, Runnable onDrop, ExecutorService worker) {
            this.capacity = capacity;
            this.route = route;
            this.onDrop = onDrop;
            this.worker = worker;
            this.queue = new ArrayDeque<>(capacity);
        }

        @Override
        void start() {
            synchronized (queue) {
                running = true;
            }
            worker.submit(this::drain);
        }

        @Override
        void stop() {
            synchronized (queue) {
                running = false;
                for (int left = queue.size(); left > 0; left--) {
                    onDrop.run(); // frames still queued at stop are counted as dropped, not lost silently
                }
                queue.clear();
                queue.notifyAll();
            }
        }

        @Override
        void dispatch(Frame frame) {
            synchronized (queue) {
                if (queue.size() == capacity) {
                    queue.pollFirst();
                    onDrop.run();
                }
                queue.addLast(frame);
                queue.notifyAll();
            }
        }

        private void drain() {
            while (true) {
                Frame next;
                synchronized (queue) {
                    while (running && queue.isEmpty()) {
                        try {
                            queue.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    if (!running) {
                        return;
                    }
                    next = queue.pollFirst();
                }
                route.accept(next);
            }
        }
    }
}
