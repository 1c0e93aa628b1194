package io.camelaxis.mjpeg.relay;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

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
    private final RateMeter rateIn = new RateMeter();
    private final RateMeter rateOut = new RateMeter();
    private volatile RelayFrame latest;
    private volatile IntConsumer viewerCountListener = count -> { };

    RelayChannel(String name, int maxViewers) {
        this.name = name;
        this.maxViewers = maxViewers;
    }

    String name() {
        return name;
    }

    /** Encodes {@code jpeg} once and offers it to every viewer. */
    void publish(byte[] jpeg) {
        RelayFrame frame = new RelayFrame(jpeg, sequence.incrementAndGet());
        latest = frame;
        rateIn.mark();
        for (ViewerStream viewer : viewers) {
            viewer.offer(frame);
        }
    }

    RelayFrame latest() {
        return latest;
    }

    /** True when one more viewer may join. */
    boolean hasRoom() {
        return viewers.size() < maxViewers;
    }

    /** Registers a viewer; returns the latest frame for it to start with. */
    RelayFrame join(ViewerStream viewer) {
        viewers.add(viewer);
        viewersServed.incrementAndGet();
        viewerCountListener.accept(viewers.size());
        return latest;
    }

    void leave(ViewerStream viewer) {
        if (viewers.remove(viewer)) {
            viewerCountListener.accept(viewers.size());
        }
    }

    void refused() {
        viewersRefused.incrementAndGet();
    }

    void frameSent() {
        framesOut.incrementAndGet();
        rateOut.mark();
    }

    /** Called with the new viewer count whenever a viewer joins or leaves. */
    void onViewerCountChange(IntConsumer listener) {
        this.viewerCountListener = listener;
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
