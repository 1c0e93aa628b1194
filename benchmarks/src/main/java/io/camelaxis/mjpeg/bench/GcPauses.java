package io.camelaxis.mjpeg.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * This JVM's collections, as intervals of {@link System#nanoTime()}: tells whether a late frame waited through a
 * collection. The JVM reports a collection's start and end in milliseconds on a clock of its own (not the one of
 * {@code RuntimeMXBean.getUptime()}: the two differ by tens of milliseconds), so the constructor calibrates that clock
 * against nanoTime with one {@code System.gc()}: the collections it causes (one, or a young and a full one) lie
 * inside the call, and their span is centred on the call. The error is at most half the call's time outside them
 * (reaching the safepoint and so on) plus the millisecond the JVM rounds to: {@link #accuracyNanos()}, by which
 * {@link #overlaps} widens every collection. Concurrent collectors (ZGC) report cycles that stop nothing; the
 * attribution is meant for the stop-the-world collectors the bench runs by default.
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    private static final String CALIBRATING_CAUSE = "System.gc()";

    /** Start and end of each collection after the calibration, in the JVM's milliseconds. */
    private final List<long[]> collections = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final CountDownLatch firstCalibrating = new CountDownLatch(1);
    private boolean calibrating = true;
    private long calibrationStartMillis = Long.MAX_VALUE;
    private long calibrationEndMillis = Long.MIN_VALUE;
    private final long nanoTimeAtZeroMillis;
    private final long accuracyNanos;
    private final boolean known;

    GcPauses() throws InterruptedException {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
        long before = System.nanoTime();
        System.gc();
        long after = System.nanoTime();
        // -XX:+DisableExplicitGC and the like: no calibration, so no collection is ever said to overlap
        known = firstCalibrating.await(5, TimeUnit.SECONDS);
        if (known) {
            Thread.sleep(200); // the notification of a second collection of the same call (ParallelGC: young, full)
        }
        synchronized (collections) {
            calibrating = false;
            long spanNanos = (calibrationEndMillis - calibrationStartMillis) * 1_000_000L;
            nanoTimeAtZeroMillis = known
                    ? (before + after) / 2 - (calibrationStartMillis + calibrationEndMillis) * 500_000L : 0;
            accuracyNanos = known ? Math.max(0, after - before - spanNanos) / 2 + 1_000_000L : 0;
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var collection = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        var info = collection.getGcInfo();
        synchronized (collections) {
            if (!calibrating) {
                collections.add(new long[] {info.getStartTime(), info.getEndTime()});
            } else if (CALIBRATING_CAUSE.equals(collection.getGcCause())) {
                // the constructor's System.gc(), not a collection that happened to run just before it
                calibrationStartMillis = Math.min(calibrationStartMillis, info.getStartTime());
                calibrationEndMillis = Math.max(calibrationEndMillis, info.getEndTime());
                firstCalibrating.countDown();
            }
        }
    }

    /** How far a collection's start or end on the nanoTime clock may be from the true one, in nanoseconds. */
    long accuracyNanos() {
        return accuracyNanos;
    }

    /** Whether the interval [from, to] (nanoTime) overlaps a collection, widened by the accuracy on each side. */
    boolean overlaps(long from, long to) {
        if (!known) {
            return false;
        }
        synchronized (collections) {
            for (long[] millis : collections) {
                long start = nanoTimeAtZeroMillis + millis[0] * 1_000_000L - accuracyNanos;
                long end = nanoTimeAtZeroMillis + millis[1] * 1_000_000L + accuracyNanos;
                if (start <= to && from <= end) {
                    return true;
                }
            }
            return false;
        }
    }

    /** "n collections, median x ms, max y ms" for those that began in [since, until] (nanoTime). */
    String summary(long since, long until) {
        if (!known) {
            return "collections not known (System.gc() reported none)";
        }
        List<Long> lengths = new ArrayList<>();
        synchronized (collections) {
            for (long[] millis : collections) {
                long start = nanoTimeAtZeroMillis + millis[0] * 1_000_000L;
                if (start >= since && start <= until) {
                    lengths.add(millis[1] - millis[0]);
                }
            }
        }
        if (lengths.isEmpty()) {
            return "0 collections";
        }
        lengths.sort(null);
        return String.format(Locale.ROOT, "%d collections, median %d ms, max %d ms", lengths.size(),
                lengths.get(lengths.size() / 2), lengths.get(lengths.size() - 1));
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // never added or already removed: nothing to undo
            }
        }
    }
}
