package io.camelaxis.mjpeg.examples;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The S3 route's per-second batches ({@link MjpegBatchStrategy}), counting the ones completed but not yet stored or
 * given up. Camel's aggregator hands completed batches to one sending thread through an unbounded queue; while S3 is
 * down that thread waits on the retries of one batch and the others pile up there, so the route reads this count to
 * bound them.
 */
final class WaitingBatches implements AggregationStrategy {

    private final MjpegBatchStrategy batches = new MjpegBatchStrategy();
    private final AtomicInteger waiting = new AtomicInteger();

    @Override
    public Exchange aggregate(Exchange batch, Exchange frame) {
        return batches.aggregate(batch, frame);
    }

    @Override
    public void onCompletion(Exchange batch) {
        batches.onCompletion(batch);
        waiting.incrementAndGet();
    }

    /** A completed batch was stored, or given up after its retries. */
    void done() {
        waiting.decrementAndGet();
    }

    /** Batches completed and not yet stored or given up. */
    int waiting() {
        return waiting.get();
    }
}
