package io.camelaxis.mjpeg.relay;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * One relayed camera: the latest frame, the viewers watching it, and its counters. Frames come in from a Camel route
 * ({@link #publish}); every viewer is offered each frame and decides for itself what to keep.
 */
final class RelayChannel {

    private final String name;
    private final int maxViewers;
    private final Set<ViewerStream> viewers = new CopyOnWriteArraySet<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong viewersServed = new AtomicLong();
    private final AtomicLong viewersRefused = new AtomicLong();
    private final AtomicLong viewersTimedOut = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    /** guards the check-and-add of a joining viewer, so that maxViewers is never exceeded */
    private final Object membership = new Object();
    private final RateMeter rateIn = new RateMeter();
    private final RateMeter rateOut = new RateMeter();
    private volatile RelayFrame latest;
    private final Set<IntConsumer> viewerCountListeners = new CopyOnWriteArraySet<>();
    private volatile LongSupplier nanoClock = System::nanoTime;

    RelayChannel(String name, int maxViewers) {
        this.name = name;
        this.maxViewers = maxViewers;
    }

    String name() {
        return name;
    }

    /** Encodes {@code jpeg} once and offers it to every viewer. */
    void publish(byte[] jpeg) {
        RelayFrame frame = new RelayFrame(jpeg, sequence.incrementAndGet(), nanoClock.getAsLong());
        latest = frame;
        rateIn.mark();
        for (ViewerStream viewer : viewers) {
            viewer.offer(frame);
        }
    }

    /** For tests: the clock that stamps published frames (and so paces {@code ?fps=N} viewers). */
    void useClock(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    RelayFrame latest() {
        return latest;
    }

    /**
     * Registers a viewer if there is room, in one step (two viewers arriving together cannot both take the last
     * place); a refusal is counted.
     */
    boolean tryJoin(ViewerStream viewer) {
        int count;
        synchronized (membership) {
            if (viewers.size() >= maxViewers) {
                viewersRefused.incrementAndGet();
                return false;
            }
            viewers.add(viewer);
            count = viewers.size();
        }
        viewersServed.incrementAndGet();
        viewerCountListeners.forEach(listener -> listener.accept(count));
        return true;
    }

    void leave(ViewerStream viewer) {
        int count;
        synchronized (membership) {
            if (!viewers.remove(viewer)) {
                return;
            }
            count = viewers.size();
        }
        viewerCountListeners.forEach(listener -> listener.accept(count));
    }

    void viewerTimedOut() {
        viewersTimedOut.incrementAndGet();
    }

    long viewersTimedOut() {
        return viewersTimedOut.get();
    }

    /** A slow viewer's waiting frame was replaced by a newer one. */
    void frameDropped() {
        framesDropped.incrementAndGet();
    }

    long framesDropped() {
        return framesDropped.get();
    }

    void frameSent() {
        framesOut.incrementAndGet();
        rateOut.mark();
    }

    /** Called with the new viewer count whenever a viewer joins or leaves (one listener per producer). */
    void onViewerCountChange(IntConsumer listener) {
        viewerCountListeners.add(listener);
    }

    void removeViewerCountListener(IntConsumer listener) {
        viewerCountListeners.remove(listener);
    }

    int viewerCount() {
        return viewers.size();
    }

    long framesIn() {
        return sequence.get();
    }

    long framesOut() {
        return framesOut.get();
    }

    double fpsIn() {
        return rateIn.perSecond();
    }

    double fpsOut() {
        return rateOut.perSecond();
    }

    long viewersServed() {
        return viewersServed.get();
    }

    long viewersRefused() {
        return viewersRefused.get();
    }

    int maxViewers() {
        return maxViewers;
    }

    List<ViewerStream.ViewerStatus> viewerStatuses() {
        return viewers.stream().map(ViewerStream::status).toList();
    }
}
