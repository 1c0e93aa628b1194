package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.camelaxis.mjpeg.Backpressure;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The bounded hand-over between a task's cameras (many producer threads) and {@code poll()} (the worker's thread).
 * Bounded in frames and in bytes; when full, the {@link Backpressure} choice decides: {@code block} makes the
 * camera's thread wait (its TCP window then slows the camera), {@code dropOldest} drops the oldest queued frame,
 * {@code latestOnly} keeps at most one queued frame per camera. Every dropped frame is counted on its camera.
 */
final class FrameQueue {

    /** A frame on its way to Kafka, with the camera whose counters it belongs to. */
    record Entry(CameraStatus camera, SourceRecord record, int bytes) {
    }

    private final int capacity;
    private final long maxBytes;
    private final Backpressure backpressure;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long bytes;
    private boolean closed;

    FrameQueue(int capacity, long maxBytes, Backpressure backpressure) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.backpressure = backpressure;
    }

    /**
     * Adds a frame, waiting (block) or dropping (the drop modes) when full, and counts it queued on its camera. Returns
     * false when the queue is closed (the task is stopping) and the frame was not taken.
     */
    boolean put(Entry entry) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (backpressure == Backpressure.latestOnly) {
                dropQueuedFramesOf(entry.camera());
            }
            while (!closed && isFullFor(entry)) {
                if (backpressure == Backpressure.block) {
                    notFull.await(100, TimeUnit.MILLISECONDS); // bounded wait: close() also signals
                    entry.camera().checkKafka();
                } else {
                    Entry oldest = entries.removeFirst();
                    bytes -= oldest.bytes();
                    oldest.camera().frameDropped();
                }
            }
            if (closed) {
                return false;
            }
            entry.camera().frameQueued(); // before poll() can take it, so that its acknowledgement comes after
            entries.addLast(entry);
            bytes += entry.bytes();
            notEmpty.signal();
            // after the frame is counted: a camera whose only queued frame was just dropped (latestOnly) had none on
            // its way a moment ago, and a check then never found it waiting
            entry.camera().checkKafka();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean isFullFor(Entry entry) {
        return !entries.isEmpty() && (entries.size() >= capacity || bytes + entry.bytes() > maxBytes);
    }

    private void dropQueuedFramesOf(CameraStatus camera) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
            Entry queued = it.next();
            if (queued.camera() == camera) {
                it.remove();
                bytes -= queued.bytes();
                camera.frameDropped();
            }
        }
    }

    /**
     * Takes every queued frame, waiting at most {@code timeoutMillis} for the first; an empty list when none came or
     * the queue is closed.
     */
    List<Entry> drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (entries.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                notEmpty.awaitNanos(left);
            }
            List<Entry> batch = new ArrayList<>(entries);
            entries.clear();
            bytes = 0;
            notFull.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses frames from now on and wakes every waiting thread; returns how many queued frames were discarded. */
    int close() {
        lock.lock();
        try {
            closed = true;
            int discarded = entries.size();
            entries.clear();
            bytes = 0;
            notFull.signalAll();
            notEmpty.signalAll();
            return discarded;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
