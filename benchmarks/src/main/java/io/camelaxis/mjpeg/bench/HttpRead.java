package io.camelaxis.mjpeg.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Our side of the ingest-path comparison: a real {@code axis-mjpeg} route (HttpClient 5, the chosen transport, the
 * parser, one exchange per frame) reading {@code frames} frames from a URL, then exiting at once, as the peers exit at
 * the end of the stream. Timed from outside like the peers, so start-up is treated the same way for everyone (the
 * comparison script cancels it out with two file sizes). It also prints its own steady state: throughput and CPU per
 * GB of the process from the first quarter of the frames to the last, start and JIT warm-up excluded.
 */
final class HttpRead {

    private HttpRead() {
    }

    /** A moment of the run: wall clock, the process's CPU time (all threads), JPEG bytes received. */
    private static final class Mark {
        volatile long nanos;
        volatile long cpuNanos;
        volatile double bytes;

        void mark(long bytesSoFar) {
            nanos = System.nanoTime();
            cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            bytes = bytesSoFar;
        }
    }

    /** @param routeOnIoThread async only: the route runs on the I/O thread that read the frame (no worker hand-off) */
    static void run(String hostAndPort, String path, long frames, String transport, int readSize,
                    boolean routeOnIoThread) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Mark steadyFrom = new Mark();
        Mark steadyTo = new Mark();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("axis-mjpeg:" + hostAndPort + "?path=" + path + "&transport=" + transport
                     + "&readBufferSize=" + readSize + "&statisticsLogInterval=0&stallTimeout=30000"
                     + (routeOnIoThread ? "&routeOnIoThread=true" : ""))
                        .routeId("http-read")
                        .process(e -> {
                            bytes.addAndGet(e.getIn().getBody(byte[].class).length);
                            long n = received.incrementAndGet();
                            if (n == frames / 4) {
                                steadyFrom.mark(bytes.get());
                            }
                            if (n == frames) {
                                steadyTo.mark(bytes.get());
                                done.countDown();
                            }
                        });
            }
        });
        long start = System.nanoTime();
        context.start();
        boolean complete = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d frames, %.1f MB of JPEG in %.2f s%s%n", transport, received.get(),
                bytes.get() / 1e6, seconds, complete ? "" : " (INCOMPLETE)");
        if (complete) {
            double steadyBytes = steadyTo.bytes - steadyFrom.bytes;
            System.out.printf(Locale.ROOT, "steady state (frames %d to %d, in this process): %.0f MB/s, %.3f CPU s"
                                           + " per GB%n", frames / 4, frames,
                    steadyBytes / 1e6 / ((steadyTo.nanos - steadyFrom.nanos) / 1e9),
                    (steadyTo.cpuNanos - steadyFrom.cpuNanos) / 1e9 / (steadyBytes / 1e9));
        }
        System.out.flush();
        System.exit(complete ? 0 : 1); // no orderly route shutdown: the peers just exit at the end of the stream
    }
}
