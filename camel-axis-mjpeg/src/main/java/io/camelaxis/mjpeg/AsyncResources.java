package io.camelaxis.mjpeg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * What every async-transport consumer of one component shares, created on first use: async HTTP clients (one per
 * TLS/timeout setting, each with {@code asyncIoThreads} I/O threads), a worker pool that runs the routes
 * ({@code asyncWorkerThreads}), and one scheduler for reconnect timers. The thread count does not depend on the
 * number of cameras.
 */
final class AsyncResources {

    private final CamelContext camelContext;
    private final Object owner;
    private final int ioThreads;
    private final int workerThreads;
    private final HostLookups.Lookup hostLookup;
    private final Map<String, CloseableHttpAsyncClient> clients = new HashMap<>();
    private final IoThreadHolds ioThreadHolds = new IoThreadHolds();
    private final ReadEventsWithoutData readEventsWithoutData = new ReadEventsWithoutData();
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private ExecutorService lookupThreads;
    private HostLookups hostLookups;
    private boolean closed;

    AsyncResources(CamelContext camelContext, Object owner, int ioThreads, int workerThreads) {
        this(camelContext, owner, ioThreads, workerThreads, HostLookups.SYSTEM);
    }

    AsyncResources(CamelContext camelContext, Object owner, int ioThreads, int workerThreads,
                   HostLookups.Lookup hostLookup) {
        this.camelContext = camelContext;
        this.owner = owner;
        this.ioThreads = ioThreads;
        this.workerThreads = workerThreads;
        this.hostLookup = hostLookup;
    }

    synchronized CloseableHttpAsyncClient client(AxisMjpegConfiguration cfg) throws Exception {
        refuseWhenClosed();
        String key = CameraHttpClientFactory.sharingKey(cfg);
        CloseableHttpAsyncClient client = clients.get(key);
        if (client == null) {
            client = CameraHttpClientFactory.createAsync(cfg, camelContext, ioThreads, hostLookups(),
                    readEventsWithoutData);
            clients.put(key, client);
        }
        return client;
    }

    /** How long each I/O thread was kept from reading by routes run on it (routeOnIoThread). */
    IoThreadHolds ioThreadHolds() {
        return ioThreadHolds;
    }

    /** The connections of every client, watched for read events that bring no data (a spinning I/O thread). */
    ReadEventsWithoutData readEventsWithoutData() {
        return readEventsWithoutData;
    }

    synchronized ExecutorService workers() {
        refuseWhenClosed();
        if (workers == null) {
            workers = camelContext.getExecutorServiceManager().newThreadPool(owner, "AxisMjpegWorker",
                    unboundedQueue("AxisMjpegWorker", workerThreads));
        }
        return workers;
    }

    /**
     * The cameras' host name lookups (both transports), on threads of their own that end when idle: no lookup runs
     * on the scheduler, an I/O thread or a thread a stop waits for.
     */
    synchronized HostLookups hostLookups() {
        refuseWhenClosed();
        if (hostLookups == null) {
            ThreadPoolProfile profile = unboundedQueue("AxisMjpegHostLookup", HostLookups.THREADS);
            profile.setAllowCoreThreadTimeOut(true);
            profile.setKeepAliveTime(30L);
            profile.setTimeUnit(TimeUnit.SECONDS);
            lookupThreads = camelContext.getExecutorServiceManager().newThreadPool(owner, "AxisMjpegHostLookup",
                    profile);
            hostLookups = new HostLookups(hostLookup, lookupThreads);
        }
        return hostLookups;
    }

    /** Whether the worker pool has been created (only async consumers and blocking ones that drop need it). */
    synchronized boolean hasWorkers() {
        return workers != null;
    }

    synchronized ScheduledExecutorService scheduler() {
        refuseWhenClosed();
        if (scheduler == null) {
            scheduler = camelContext.getExecutorServiceManager().newScheduledThreadPool(owner, "AxisMjpegScheduler",
                    unboundedQueue("AxisMjpegScheduler", 1));
        }
        return scheduler;
    }

    /**
     * A profile whose task queue has no limit. Camel's default profile holds 1000 tasks, and each camera keeps one
     * watchdog task on the scheduler and at most one drain task on the workers: with the default, camera 1001 failed
     * to start (RejectedExecutionException). The queues stay bounded by the number of cameras.
     */
    private static ThreadPoolProfile unboundedQueue(String id, int threads) {
        ThreadPoolProfile profile = new ThreadPoolProfile(id);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(Integer.MAX_VALUE); // not -1: to Camel that means no queue at all
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort); // not CallerRuns: never a route on an I/O thread
        return profile;
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new RejectedExecutionException("the axis-mjpeg component is stopped");
        }
    }

    void close() {
        List<CloseableHttpAsyncClient> stoppedClients;
        ExecutorService stoppedWorkers;
        ExecutorService stoppedScheduler;
        ExecutorService stoppedLookups;
        synchronized (this) {
            closed = true;
            // IMMEDIATE: every exchange is cancelled by now, and a graceful close would wait up to 5 s for attempts
            // still connecting to a camera that does not answer (a Connect task must stop within 5 s in all)
            stoppedClients = List.copyOf(clients.values());
            stoppedClients.forEach(c -> c.close(CloseMode.IMMEDIATE));
            clients.clear();
            stoppedWorkers = workers;
            stoppedScheduler = scheduler;
            stoppedLookups = lookupThreads;
            if (workers != null) {
                camelContext.getExecutorServiceManager().shutdownNow(workers);
                workers = null;
            }
            if (scheduler != null) {
                camelContext.getExecutorServiceManager().shutdownNow(scheduler);
                scheduler = null;
            }
            if (lookupThreads != null) {
                camelContext.getExecutorServiceManager().shutdownNow(lookupThreads);
                lookupThreads = null;
                hostLookups = null;
            }
        }
        // none of these closes waits for its threads: "stop leaves no thread" holds when stop returns, not a moment
        // later (a CI run saw a thread still alive after the context's stop). Outside the lock, which a worker
        // finishing its task may want; bounded, so a route blocked in a send does not hold the stop longer
        try {
            for (CloseableHttpAsyncClient client : stoppedClients) {
                client.awaitShutdown(TimeValue.ofSeconds(2));
            }
            if (stoppedWorkers != null) {
                stoppedWorkers.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (stoppedScheduler != null) {
                stoppedScheduler.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (stoppedLookups != null) {
                // idle ones end at once; one in a JDK lookup, which no interrupt ends, is left to finish on its own
                stoppedLookups.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
