package io.camelaxis.mjpeg.kafka.connect;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a task's read of its cameras' committed offsets, which Connect's reader does without a time limit (with
 * the brokers unreachable it waits until the task is stopped): when it lasts longer than {@code waiting.for.kafka.ms}
 * a warning names the cameras while it lasts, and its end is logged: Kafka's answer ({@link #answered()}), or a read
 * that ended without one (Connect closes the reader of a task it stops). Nothing is logged for a read in time.
 */
final class OffsetReadWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetReadWatch.class);

    private final List<String> cameraIds;
    private final long startedAt = System.currentTimeMillis();
    private final CompletableFuture<Void> warning;
    // under this watch's lock: the warning (on the JVM's timer) and the end (the task's thread) never cross
    private boolean warned;
    private boolean ended;
    private boolean answered;

    private OffsetReadWatch(List<String> cameraIds, long warnAfterMillis) {
        this.cameraIds = cameraIds;
        // one timer shared by the JVM's CompletableFutures: no thread of the task's own
        this.warning = CompletableFuture.runAsync(this::warn,
                CompletableFuture.delayedExecutor(warnAfterMillis, TimeUnit.MILLISECONDS));
    }

    static OffsetReadWatch start(List<String> cameraIds, long warnAfterMillis) {
        return new OffsetReadWatch(cameraIds, warnAfterMillis);
    }

    private synchronized void warn() {
        if (ended) {
            return; // the read ended as the timer fired: no warning after its end
        }
        warned = true;
        LOG.warn("Task of cameras {}: Kafka has not answered for their committed offsets (last frame numbers written)"
                 + " for {} s; the cameras start once it does (state NOT_STARTED meanwhile). Check that the brokers"
                 + " are reachable: the worker logs why", cameraIds, (System.currentTimeMillis() - startedAt) / 1000);
    }

    /** Kafka answered: the read returned the offsets. */
    synchronized void answered() {
        answered = true;
    }

    @Override
    public synchronized void close() {
        ended = true;
        warning.cancel(false);
        if (!warned) {
            return;
        }
        long seconds = (System.currentTimeMillis() - startedAt) / 1000;
        if (answered) {
            LOG.info("Task of cameras {}: Kafka answered for their committed offsets after {} s", cameraIds, seconds);
        } else {
            LOG.info("Task of cameras {}: the read of their committed offsets ended after {} s with no answer from"
                     + " Kafka (the task is stopped, or the read failed)", cameraIds, seconds);
        }
    }
}
