package io.camelaxis.mjpeg;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.camelaxis.mjpeg.parser.DiscardReason;

/** Counters of one consumer, shared by its reading thread, JMX, the health check and the progress log. */
final class ConsumerStatistics {

    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder framesDelivered = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder corruptFrames = new LongAdder();
    private final LongAdder skippedParts = new LongAdder();
    private final LongAdder bytesSkipped = new LongAdder();
    private final LongAdder droppedFrames = new LongAdder();
    private final LongAdder failedExchanges = new LongAdder();
    private final AtomicLong connections = new AtomicLong();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder longIoThreadHolds = new LongAdder();
    private final AtomicLong lastFrameAt = new AtomicLong();
    private volatile String lastError;
    private volatile long lastErrorAt;

    void bytes(int n) {
        bytesReceived.add(n);
    }

    void frameReceived(long at) {
        framesReceived.increment();
        lastFrameAt.set(at);
    }

    void frameDelivered() {
        framesDelivered.increment();
    }

    void exchangeFailed() {
        failedExchanges.increment();
    }

    void discarded(DiscardReason reason) {
        if (reason.isCorrupt()) {
            corruptFrames.increment();
        } else {
            skippedParts.increment();
        }
    }

    void skipped(long bytes) {
        bytesSkipped.add(bytes);
    }

    void dropped() {
        droppedFrames.increment();
    }

    long connectionStarted() {
        return connections.incrementAndGet();
    }

    void reconnecting() {
        reconnects.increment();
    }

    /** Returns how many there have been, this one included. */
    long longIoThreadHold() {
        longIoThreadHolds.increment();
        return longIoThreadHolds.sum();
    }

    void error(String message) {
        lastError = message;
        lastErrorAt = System.currentTimeMillis();
    }

    long framesReceived() {
        return framesReceived.sum();
    }

    long framesDelivered() {
        return framesDelivered.sum();
    }

    long bytesReceived() {
        return bytesReceived.sum();
    }

    long corruptFrames() {
        return corruptFrames.sum();
    }

    long skippedParts() {
        return skippedParts.sum();
    }

    long bytesSkipped() {
        return bytesSkipped.sum();
    }

    long droppedFrames() {
        return droppedFrames.sum();
    }

    long failedExchanges() {
        return failedExchanges.sum();
    }

    long connections() {
        return connections.get();
    }

    long reconnects() {
        return reconnects.sum();
    }

    long longIoThreadHolds() {
        return longIoThreadHolds.sum();
    }

    long lastFrameAt() {
        return lastFrameAt.get();
    }

    String lastError() {
        return lastError;
    }

    long lastErrorAt() {
        return lastErrorAt;
    }
}
