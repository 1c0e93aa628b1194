package io.camelaxis.mjpeg.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.AxisMjpegConsumer;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;

/**
 * Soak: one camera that cuts every connection in the middle of its second frame, so the consumer reconnects over and
 * over (each cycle: connect, one frame, a broken connection, a backoff of about a millisecond). Prints the heap after
 * a full GC and the thread counts at the start, the middle and the end: a leak per connection (a socket, a thread, a
 * parser, a timer) shows as growth.
 */
final class ReconnectsBench {

    private ReconnectsBench() {
    }

    static String header() {
        return "| transport | cycle | heap after GC | JVM threads | consumer threads | frames | corrupt (cut) |"
               + " reconnects | seconds |\n|---|---|---|---|---|---|---|---|---|";
    }

    static void run(String transport, int cycles) throws Exception {
        AtomicLong frames = new AtomicLong();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(0).resolution(64, 48)
                .fault(StreamFault.CUT_MID_FRAME, 2).faultConnections(Integer.MAX_VALUE).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("quiet", new Quiet()); // 10,000 expected failures: not 10,000 WARN lines
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport + "&reconnectDelay=1"
                         + "&maxReconnectDelay=5&statisticsLogInterval=0&exceptionHandler=#quiet")
                            .routeId("soak").process(e -> frames.incrementAndGet());
                }
            });
            long started = System.nanoTime();
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("soak").getConsumer();
                for (int checkpoint : new int[] { Math.min(100, cycles), cycles / 2, cycles }) {
                    while (consumer.getReconnects() < checkpoint) {
                        if (consumer.getState() == AxisMjpegConsumer.State.GAVE_UP) {
                            throw new IllegalStateException("the consumer gave up: " + consumer.getLastError());
                        }
                        Thread.sleep(5);
                    }
                    report(transport, consumer, frames.get(), started);
                }
            } finally {
                context.stop();
            }
            System.gc();
            System.out.printf(Locale.ROOT, "| %s | stopped | %d MB | %d | %d | | | | |%n", transport, heapAfterGc(),
                    ManagementFactory.getThreadMXBean().getThreadCount(), consumerThreads());
        }
    }

    private static void report(String transport, AxisMjpegConsumer consumer, long frames, long started) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d MB | %d | %d | %d | %d | %d | %.1f |%n", transport,
                consumer.getReconnects(), heapAfterGc(), ManagementFactory.getThreadMXBean().getThreadCount(),
                consumerThreads(), frames, consumer.getCorruptFrames(), consumer.getReconnects(),
                (System.nanoTime() - started) / 1e9);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
    }

    /** Threads of the component and of HttpClient, not the simulator's (one per served connection, short-lived). */
    private static long consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().contains("AxisMjpeg") || t.getName().startsWith("httpclient"))
                .count();
    }

    /** Swallows the expected connection failures (they are counted by the consumer all the same). */
    private static final class Quiet implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
        }

        @Override
        public void handleException(String message, Throwable exception) {
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
        }
    }
}
