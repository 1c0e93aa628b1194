package io.camelaxis.mjpeg;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/** Ends every exchange {@code delayMillis} after it began, on another thread, or when released (delay 0). */
final class EndsLater extends AsyncProcessorSupport {
    private final long delayMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Queue<AsyncCallback> held = new ConcurrentLinkedQueue<>();

    EndsLater(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (delayMillis > 0) {
            timer.schedule(() -> callback.done(false), delayMillis, TimeUnit.MILLISECONDS);
        } else {
            held.add(callback);
        }
        return false;
    }

    int held() {
        return held.size();
    }

    void releaseAll() {
        timer.execute(() -> {
            for (AsyncCallback callback; (callback = held.poll()) != null; ) {
                callback.done(false);
            }
        });
    }

    void shutdownTimer() {
        timer.shutdownNow();
    }
}
