package io.camelaxis.mjpeg;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnThreadTest {

    /**
     * 300 rounds of a camera thread stopped while it waits, as a reader blocked on its camera: when stop returns, the
     * thread is gone. With the executor's awaitTermination alone, the thread could still be alive then.
     */
    @Test
    void whenStopReturnsTheThreadHasEnded() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            for (int round = 0; round < 300; round++) {
                OwnThread own = new OwnThread(context, this, "AxisMjpegConsumer[test-" + round + "]");
                AtomicReference<Thread> ran = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(1);
                own.execute(() -> {
                    ran.set(Thread.currentThread());
                    started.countDown();
                    try {
                        Thread.sleep(60_000); // until interrupted by the stop
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

                assertThat(own.stop(5000)).isTrue();

                assertThat(ran.get().isAlive()).as("round %d", round).isFalse();
            }
        } finally {
            context.stop();
        }
    }

    @Test
    void aStopFromTheThreadItselfDoesNotWaitForItself() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            OwnThread own = new OwnThread(context, this, "AxisMjpegConsumer[self]");
            AtomicReference<Boolean> stopped = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            own.execute(() -> {
                try {
                    stopped.set(own.stop(30_000)); // a route stopping its own consumer on the reading thread
                } catch (InterruptedException e) {
                    stopped.set(null);
                }
                done.countDown();
            });
            // returned at once (it used to wait its whole timeout for a thread that could not end meanwhile)
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stopped.get()).isFalse(); // not ended: it is the caller
        } finally {
            context.stop();
        }
    }
}
