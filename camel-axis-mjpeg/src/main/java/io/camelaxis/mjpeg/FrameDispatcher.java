package io.camelaxis.mjpeg;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands frames from the transport to the route according to the {@link Backpressure} setting: inline on the reading
 * thread, or through a bounded per-camera queue drained in order by an executor (a dedicated thread, or the shared
 * worker pool of the async transport). Drops are counted, never silent. {@link Plan#of} is the one place that maps
 * transport x backpressure to inline or queued and to the queue's capacity.
 *
 * <p>
 * Frames that wait (queued, or in flight on the async I/O thread) are bounded twice: by their number
 * ({@code queueSize}) and by their bytes ({@code maxQueuedBytes}), so a camera sending frames of up to
 * {@code maxFrameSize} into a slow route cannot make one camera hold queueSize x maxFrameSize. One frame may always
 * wait, however large: the byte bound never stops a stream whose frames are each larger than it.
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
     * @param async      the route is started and left to end later (routeOnIoThread, or asyncConsumer on the
     *                   workers): a camera's exchanges may be in flight together, up to capacity
     */
    record Plan(boolean inline, int capacity, boolean dropOldest, boolean ownThread, boolean async) {

        static Plan of(Transport transport, Backpressure backpressure, int queueSize, boolean routeOnIoThread,
                       boolean asyncConsumer) {
            boolean asyncTransport = transport == Transport.async;
            boolean asyncRoute = asyncTransport && (routeOnIoThread || asyncConsumer);
            return switch (backpressure) {
                case block -> !asyncTransport ? new Plan(true, 0, false, false, false)
                        : routeOnIoThread ? new Plan(true, queueSize, false, false, true)
                        : new Plan(false, queueSize, false, false, asyncRoute);
                case dropOldest -> new Plan(false, queueSize, true, !asyncTransport, asyncRoute);
                case latestOnly -> new Plan(false, 1, true, !asyncTransport, asyncRoute); // only the newest waits
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

    /**
     * The one rule for frames that wait, queued or in flight: at the bound once their number reaches {@code capacity}
     * or their bytes reach {@code maxBytes} (so one frame, however large, always gets in first).
     */
    static boolean atBound(int frames, long bytes, int capacity, long maxBytes) {
        return frames >= capacity || bytes >= maxBytes;
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
    static FrameDispatcher inlineAsync(AsyncRoute route, int capacity, long maxBytes) {
        return new InlineAsync(route, capacity, maxBytes);
    }

    /**
     * A queue of {@code capacity} frames, holding {@code maxBytes} of them at most (one frame always fits), drained in
     * order on {@code executor}.
     *
     * @param dropOldestWhenFull true for dropOldest/latestOnly; false to keep every frame and report
     *                           {@link #hasRoom()} false instead (async transport with block)
     * @param onUnexpected       told of anything delivery throws (an {@link Error} from the route's exception
     *                           handler, a bug); draining goes on with the next frame
     */
    static FrameDispatcher queued(int capacity, long maxBytes, boolean dropOldestWhenFull, Consumer<Frame> route,
                                  Runnable onDrop, BiConsumer<Frame, Throwable> onUnexpected, Executor executor) {
        return new Queued(capacity, maxBytes, dropOldestWhenFull, route, null, onDrop, onUnexpected, executor);
    }

    /**
     * As {@link #queued}, but the drain only starts each frame's exchange and goes on with the next while it is in
     * flight (asyncConsumer: a Kafka send waiting for its acknowledgement holds no worker). A frame counts against both
     * bounds from its arrival until its exchange ends, queued or in flight, and at most {@code capacity} exchanges of
     * the camera are in flight: the drain stops there and the end of one starts it again.
     */
    static FrameDispatcher queuedAsync(int capacity, long maxBytes, boolean dropOldestWhenFull, AsyncRoute route,
                                       Runnable onDrop, BiConsumer<Frame, Throwable> onUnexpected, Executor executor) {
        return new Queued(capacity, maxBytes, dropOldestWhenFull, null, route, onDrop, onUnexpected, executor);
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
        private final long maxBytes;
        private int inFlight; // guarded by this, as inFlightBytes: one decides with both
        private long inFlightBytes;
        private volatile Runnable roomListener;

        InlineAsync(AsyncRoute route, int capacity, long maxBytes) {
            this.route = route;
            this.capacity = capacity;
            this.maxBytes = maxBytes;
        }

        @Override
        void dispatch(Frame frame) {
            int size = frame.jpeg().length;
            synchronized (this) {
                inFlight++;
                inFlightBytes += size;
            }
            route.deliver(frame, () -> ended(size));
        }

        private void ended(int size) {
            // the one end that takes the exchanges in flight below either limit wakes the reading (they may have gone
            // past it: reading pauses only when HttpCore asks for more capacity)
            boolean roomAgain;
            synchronized (this) {
                boolean wasFull = isFull();
                inFlight--;
                inFlightBytes -= size;
                roomAgain = wasFull && !isFull();
            }
            Runnable listener = roomListener;
            if (roomAgain && listener != null) {
                listener.run();
            }
        }

        private boolean isFull() {
            return atBound(inFlight, inFlightBytes, capacity, maxBytes);
        }

        @Override
        int capacity() {
            return capacity;
        }

        @Override
        synchronized boolean hasRoom() {
            return !isFull();
        }

        @Override
        void onRoom(Runnable listener) {
            this.roomListener = listener;
        }
    }

    private static final class Queued extends FrameDispatcher {
        /**
         * Frames one drain delivers before it gives its worker back and queues itself again: on the shared pool a
         * camera whose route is always behind would otherwise keep a worker for good (its queue refills while it
         * drains), and the other cameras' frames and connection ends queued behind it would wait for ever.
         */
        static final int FRAMES_PER_TURN = 16;
        private final int capacity;
        private final long maxBytes;
        private final boolean dropOldestWhenFull;
        private final Consumer<Frame> route; // null when asyncRoute is set
        private final AsyncRoute asyncRoute; // null when the route runs to its end in the drain
        private final Runnable onDrop;
        private final BiConsumer<Frame, Throwable> onUnexpected;
        private final Executor executor;
        private final ArrayDeque<Frame> queue;
        private volatile Runnable roomListener;
        private long queuedBytes; // guarded by queue, as the counts and flags below
        private int inFlight; // exchanges started and not ended (asyncRoute only)
        private long inFlightBytes;
        private boolean running;
        private boolean draining;
        private boolean batching;

        Queued(int capacity, long maxBytes, boolean dropOldestWhenFull, Consumer<Frame> route, AsyncRoute asyncRoute,
               Runnable onDrop, BiConsumer<Frame, Throwable> onUnexpected, Executor executor) {
            this.capacity = capacity;
            this.maxBytes = maxBytes;
            this.dropOldestWhenFull = dropOldestWhenFull;
            this.route = route;
            this.asyncRoute = asyncRoute;
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
                queuedBytes = 0;
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
                return !isFull();
            }
        }

        /** Guarded by queue. Frames in flight still count: they hold their bytes until their exchange ends. */
        private boolean isFull() {
            return atBound(queue.size() + inFlight, queuedBytes + inFlightBytes, capacity, maxBytes);
        }

        /** Guarded by queue. The camera has as many exchanges in flight as it may: the drain waits for an end. */
        private boolean inFlightFull() {
            return asyncRoute != null && inFlight >= capacity;
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
                if (dropOldestWhenFull) {
                    // make room for this frame: by number, and by bytes down to this frame alone (frames in flight
                    // cannot be dropped: with all of them in flight, one frame waits beside them)
                    while (!queue.isEmpty() && (queue.size() + inFlight >= capacity
                                                || queuedBytes + inFlightBytes + frame.jpeg().length > maxBytes)) {
                        queuedBytes -= queue.pollFirst().jpeg().length;
                        onDrop.run();
                    }
                }
                queue.addLast(frame);
                queuedBytes += frame.jpeg().length;
                if (draining) {
                    return;
                }
                if (batching) {
                    return; // endBatch wakes the worker
                }
                if (inFlightFull()) {
                    return; // the end of an exchange starts the drain
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
                if (draining || queue.isEmpty() || inFlightFull()) {
                    return; // a worker is on its way, or nothing came, or an exchange's end will start one
                }
                draining = true;
            }
            startDraining();
        }

        /** Queues the rest of this drain behind what else waits for the executor; false if it refused. */
        private boolean anotherTurn() {
            try {
                executor.execute(this::drain);
                return true;
            } catch (RuntimeException e) {
                return false; // the executor is shutting down: this turn goes on until the queue is empty or stopped
            }
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
            for (int delivered = 0; ; delivered++) {
                if (delivered == FRAMES_PER_TURN && anotherTurn()) {
                    return; // 'draining' stays set: the next turn goes on with this queue
                }
                Frame next;
                boolean roomAgain;
                synchronized (queue) {
                    boolean wasFull = isFull();
                    next = running && !inFlightFull() ? queue.pollFirst() : null;
                    if (next == null) {
                        draining = false;
                        return;
                    }
                    queuedBytes -= next.jpeg().length;
                    if (asyncRoute != null) {
                        inFlight++; // still held: its bytes count until its exchange ends
                        inFlightBytes += next.jpeg().length;
                    }
                    roomAgain = !dropOldestWhenFull && wasFull && !isFull();
                }
                if (roomAgain && roomListener != null) {
                    roomListener.run();
                }
                try {
                    if (asyncRoute != null) {
                        int size = next.jpeg().length;
                        asyncRoute.deliver(next, () -> ended(size));
                    } else {
                        route.accept(next);
                    }
                } catch (Throwable t) {
                    // a draining loop that died here would leave 'draining' set forever: a silently dead camera
                    onUnexpected.accept(next, t);
                }
            }
        }

        /**
         * An exchange started by the drain has ended (on whatever thread ended it): its frame no longer counts, reading
         * may go on, and a drain that stopped at the in-flight bound starts again.
         */
        private void ended(int size) {
            boolean roomAgain;
            boolean drainAgain;
            synchronized (queue) {
                boolean wasFull = isFull();
                inFlight--;
                inFlightBytes -= size;
                roomAgain = !dropOldestWhenFull && wasFull && !isFull();
                drainAgain = running && !draining && !batching && !queue.isEmpty() && !inFlightFull();
                if (drainAgain) {
                    draining = true;
                }
            }
            if (roomAgain && roomListener != null) {
                roomListener.run();
            }
            if (drainAgain) {
                startDraining();
            }
        }
    }
}
