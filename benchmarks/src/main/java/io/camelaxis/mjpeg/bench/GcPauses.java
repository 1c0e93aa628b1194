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
 * against nanoTime with one {@code System.gc()}; an interval is then known to about a millisecond. Concurrent
 * collectors (ZGC) report cycles that stop nothing; the attribution is meant for the stop-the-world collectors the
 * bench runs by default.
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    /** Start and end of each collection after the calibrating one, in the JVM's milliseconds. */
    private final List<long[]> collections = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final CountDownLatch calibrated = new CountDownLatch(1);
    private long calibrationStartMillis = -1;
    private final long nanoTimeAtZeroMillis;
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
        // -XX:+DisableExplicitGC and the like: no calibration, so no collection is ever said to overlap
        known = calibrated.await(5, TimeUnit.SECONDS);
        synchronized (collections) {
            nanoTimeAtZeroMillis = known ? before - calibrationStartMillis * 1_000_000L : 0;
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        synchronized (collections) {
            if (calibrationStartMillis < 0) {
                calibrationStartMillis = info.getStartTime();
                calibrated.countDown();
            } else if (info.getStartTime() > calibrationStartMillis) {
                collections.add(new long[] {info.getStartTime(), info.getEndTime()});
            }
        }
    }

    /** Whether the interval [from, to] (nanoTime) overlaps a collection (widened by a millisecond each side). */
    boolean overlaps(long from, long to) {
        if (!known) {
            return false;
        }
        synchronized (collections) {
            for (long[] millis : collections) {
                long start = nanoTimeAtZeroMillis + (millis[0] - 1) * 1_000_000L;
                long end = nanoTimeAtZeroMillis + (millis[1] + 1) * 1_000_000L;
                if (start <= to && from <= end) {
                    return true;
                }
            }
            return false;
        }
    }

    /** "n collections, median x ms, max y ms" for those that began at or after {@code since} (nanoTime). */
    String summary(long since) {
        if (!known) {
            return "collections not known (System.gc() reported none)";
        }
        List<Long> lengths = new ArrayList<>();
        synchronized (collections) {
            for (long[] millis : collections) {
                if (nanoTimeAtZeroMillis + millis[0] * 1_000_000L >= since) {
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
