package io.camelaxis.mjpeg.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects latency samples (nanoseconds) from many threads into a preallocated array; percentiles at the end. */
final class LatencyRecorder {

    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean open;

    LatencyRecorder(int capacity) {
        samples = new long[capacity];
    }

    void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = nanos;
        }
    }

    /** From now on samples are wanted (a window's start); {@link #isOpen()} tells recording threads. */
    void open() {
        open = true;
    }

    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    int count() {
        return Math.min(count.get(), samples.length);
    }

    /** The p-th percentile in milliseconds. */
    double percentileMillis(double p) {
        int n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return sorted[index] / 1e6;
    }
}
