package io.camelaxis.mjpeg;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;

/**
 * A thread of one camera's own (a Camel-managed single-thread executor: the blocking transport's reader, a blocking
 * consumer's dispatch thread) whose {@link #stop} returns once the thread itself has ended. An executor's
 * {@code awaitTermination} returns when its last task is done, while the thread may still be on its way out: a stop
 * that returned then left a camera thread alive for a moment (a CI run saw it right after a route's stop).
 */
final class OwnThread implements Executor {

    private final CamelContext context;
    private final ExecutorService executor;
    private volatile Thread thread;

    OwnThread(CamelContext context, Object owner, String name) {
        this.context = context;
        this.executor = context.getExecutorServiceManager().newSingleThreadExecutor(owner, name);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> {
            thread = Thread.currentThread();
            task.run();
        });
    }

    /**
     * Interrupts the thread and waits, at most {@code timeoutMillis}, until it has ended. Called from the thread
     * itself (a route stopping its own consumer), it does not wait for itself.
     *
     * @return true when the thread has ended (or never started)
     */
    boolean stop(long timeoutMillis) throws InterruptedException {
        context.getExecutorServiceManager().shutdownNow(executor);
        Thread running = thread;
        if (running == Thread.currentThread()) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        running = thread; // set by a task that started meanwhile
        if (running != null) {
            running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            return !running.isAlive();
        }
        return executor.isTerminated();
    }
}
