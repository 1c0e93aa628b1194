package io.camelaxis.mjpeg;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared scheduler and workers hold one task per camera (a watchdog tick, a drain), so their queues must not stop
 * at Camel's default of 1000 tasks: with it, camera 1001 failed to start with a RejectedExecutionException.
 */
class AsyncResourcesTest {

    private static final int CAMERAS = 3000;

    @Test
    void queuesHoldATaskForEachOfThousandsOfCameras() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        AsyncResources resources = new AsyncResources(context, this, 2, 2);
        try {
            ScheduledExecutorService scheduler = resources.scheduler();
            AtomicInteger ticks = new AtomicInteger();
            for (int i = 0; i < CAMERAS; i++) {
                scheduler.scheduleWithFixedDelay(ticks::incrementAndGet, 1, 1, TimeUnit.HOURS);
            }

            ExecutorService workers = resources.workers();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(CAMERAS);
            Thread caller = Thread.currentThread();
            AtomicInteger ranOnCaller = new AtomicInteger();
            for (int i = 0; i < CAMERAS; i++) {
                workers.execute(() -> {
                    if (Thread.currentThread() == caller) {
                        ranOnCaller.incrementAndGet(); // a full queue handing the task back: an I/O thread in real life
                        done.countDown();
                        return;
                    }
                    try {
                        release.await(30, TimeUnit.SECONDS); // both workers busy: the rest wait in the queue
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            release.countDown();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOnCaller.get()).as("tasks run by the thread that submitted them").isZero();
            assertThat(ticks.get()).isZero();
        } finally {
            resources.close();
            context.stop();
        }
    }
}
