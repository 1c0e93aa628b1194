package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands frames from the transport to the route according to the {@link Backpressure} setting: inline on the reading
 * thread, or through a bounded per-camera queue drained in order by an executor (a dedicated thread, or the shared
 * worker pool of the async transport). Drops are counted, never silent. {@link Plan#of} is the one place that maps
 * transport x backpressure to inline or queued and to the queue's capacity.
 */
abstract class FrameDispatcher {

    /**
     * How frames reach the route for one transport and backpressure setting.
     *
     * @param inline     deliver on the reading thread (block on the blocking transport, or on the async one with
     *                   routeOnIoThread: the TCP window is the backpressure)
     * @param capacity   frames the queue holds (queued), or exchanges in flight (inline on the async I/O thread,
     *                   where the route runs asynchronously); 0 when the route runs to its end on the reading thread
     * @param dropOldest a full queue drops its oldest frame; false keeps every frame and pauses reading instead
     * @param ownThread  the queue is drained by a thread of this camera (blocking) instead of the shared workers
     */
    record Plan(boolean inline, int capacity, boolean dropOldest, boolean ownThread) {

        static Plan of(Transport transport, Backpressure backpressure, int queueSize, boolean routeOnIoThread) {
            boolean async = transport == Transport.async;
            return switch (backpressure) {
                case block -> !async ? new Plan(true, 0, false, false)
                        : routeOnIoThread ? new Plan(true, queueSize, false, false)
                        : new Plan(false, queueSize, false, false);
                case dropOldest -> new Plan(false, queueSize, true, !async);
                case latestOnly -> new Plan(false, 1, true, !async); // one slot: only the newest frame waits
            };
        }
    }

    abstract void dispatch(Frame frame);

    void start() {
    }

    void stop() {
    }

    /** How many frames may wait for the route; 0 when frames are delivered inline. */
    int capacity() {
        return 0;
    }

    /** False while the queue is full and frames are not dropped: the transport should stop reading. */
    boolean hasRoom() {
        return true;
    }

    /** Called (from the draining thread) when a full queue has room again. */
    void onRoom(Runnable listener) {
    }

    /**
     * Frames dispatched from now until {@link #endBatch()} are queued without waking the draining thread; the end of
     * the batch wakes it once. The async transport batches what one read of the socket completes: waking a parked
     * worker is a system call and a context switch, once per batch instead of once per frame. Always paired, in a
     * {@code finally}.
     */
    void beginBatch() {
    }

    /** Ends a {@link #beginBatch()} batch, waking the draining thread if frames were queued during it. */
    void endBatch() {
    }

    /** Every frame on the caller's thread; whatever the route throws reaches the caller (the reading thread). */
    static FrameDispatcher inline(Consumer<Frame> route) {
        return new Inline(route);
    }

    /** A route started on the caller's thread that ends later, maybe on another thread: {@code done} runs once then. */
    interface AsyncRoute {
        void deliver(Frame frame, Runnable done);
    }

    /**
     * Every frame started on the caller's thread (the async I/O thread), the route left to end when it will (a Kafka
     * send's acknowledgement): the thread goes back to reading at once. At most {@code capacity} exchanges are in
     * flight: beyond, {@link #hasRoom()} is false and the transport stops reading until one ends.
     */
    static FrameDispatcher inlineAsync(AsyncRoute route, int capacity) {
        return new InlineAsync(route, capacity);
    }

    /**
     * A queue of {@code capacity} frames drained in order on {@code executor}.
     *
     * @param dropOldestWhenFull true for dropOldest/latestOnly; false to keep every frame and report
     *                           {@link #hasRoom()} false instead (async transport with block)
     * @param onUnexpected       told of anything delivery throws (an {@link Error} from the route's exception
     *                           handler, a bug); draining goes on with the next frame
     */
    static FrameDispatcher queued(int capacity, boolean dropOldestWhenFull, Consumer<Frame> route, Runnable onDrop,
                                  BiConsumer<Frame, Throwable> onUnexpected, Executor executor) {
        return new Queued(capacity, dropOldestWhenFull, route, onDrop, onUnexpected, executor);
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

    private static final class InlineAsync extends FrameDispatcher {
        private final AsyncRoute route;
        private final int capacity;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile Runnable roomListener;

        InlineAsync(AsyncRoute route, int capacity) {
            this.route = route;
            this.capacity = capacity;
        }

        @Override
        void dispatch(Frame frame) {
            inFlight.incrementAndGet();
            route.deliver(frame, this::ended);
        }

        private void ended() {
            // the one end that brings the count below the limit wakes the reading (it may have gone past the limit:
            // reading pauses only when HttpCore asks for more capacity)
            if (inFlight.decrementAndGet() == capacity - 1) {
                Runnable listener = roomListener;
                if (listener != null) {
                    listener.run();
                }
            }
        }

        @Override
        int capacity() {
            return capacity;
        }

        @Override
        boolean hasRoom() {
            return inFlight.get() < capacity;
        }

        @Override
        void onRoom(Runnable listener) {
            this.roomListener = listener;
        }
    }

    private static final class Queued extends FrameDispatcher {
        private final int capacity;
        private final boolean dropOldestWhenFull;
        private final Consumer<Frame> route;
        private final Runnable onDrop;
        private final BiConsumer<Frame, Throwable> onUnexpected;
        private final Executor executor;
        private final ArrayDeque<Frame> queue;
        private volatile Runnable roomListener;
        private boolean running;
        private boolean draining;
        private boolean batching;

        Queued(int capacity, boolean dropOldestWhenFull, Consumer<Frame> route, Runnable onDrop,
               BiConsumer<Frame, Throwable> onUnexpected, Executor executor) {
            this.capacity = capacity;
            this.dropOldestWhenFull = dropOldestWhenFull;
            this.route = route;
            this.onDrop = onDrop;
            this.onUnexpected = onUnexpected;
            this.executor = executor;
            // grown as frames wait, not sized up front: a huge queueSize must not allocate its whole array at start
            this.queue = new ArrayDeque<>(Math.min(capacity, 16));
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
        int capacity() {
            return capacity;
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
                if (batching) {
                    return; // endBatch wakes the worker
                }
                draining = true;
            }
            startDraining();
        }

        @Override
        void beginBatch() {
            synchronized (queue) {
                batching = true;
            }
        }

        @Override
        void endBatch() {
            synchronized (queue) {
                batching = false;
                if (draining || queue.isEmpty()) {
                    return; // a worker is on its way, or nothing came
                }
                draining = true;
            }
            startDraining();
        }

        private void startDraining() {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                // the executor is shutting down: the frame stays queued and is counted as dropped by stop()
                synchronized (queue) {
                    draining = false;
                }
            }
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
                try {
                    route.accept(next);
                } catch (Throwable t) {
                    // a draining loop that died here would leave 'draining' set forever: a silently dead camera
                    onUnexpected.accept(next, t);
                }
            }
        }
    }
}
