package io.camelaxis.mjpeg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * Camel dev console {@code axis-mjpeg} (camel-jbang {@code camel get}, the developer web console, /q/dev in
 * camel-main): every axis-mjpeg consumer of the context with its camera, state, frame rate, counters and last error.
 * The frame rate is measured between calls of the console at least a second apart: the first call of a camera shows
 * none, a call sooner than a second after the last measurement shows that measurement again.
 */
@DevConsole(name = "axis-mjpeg", displayName = "Axis MJPEG", description = "Axis MJPEG cameras: state, fps, counters")
public class AxisMjpegDevConsole extends AbstractDevConsole {

    private static final long MIN_INTERVAL_MILLIS = 1000;

    /** The last measurement per route: frames and time of the sample, and the rate it gave (null before). */
    private record Sample(long frames, long at, Double fps) {
    }

    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private volatile LongSupplier clock = System::currentTimeMillis;

    public AxisMjpegDevConsole() {
        super("camel", "axis-mjpeg", "Axis MJPEG", "Axis MJPEG cameras: state, fps, counters");
    }

    /** For tests: the time source of the frame rate. */
    void useClock(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> camera : cameras()) {
            text.append(String.format("Camera %s (route %s): %s, %s fps%n", camera.get("camera"), camera.get("routeId"),
                    camera.get("state"), camera.containsKey("fps") ? String.format("%.1f", camera.get("fps")) : "-"));
            text.append(String.format("    frames: %d  bytes: %d  corrupt: %d  skipped: %d  dropped: %d  failed: %d"
                                      + "  reconnects: %d  connections: %d%n",
                    camera.get("frames"), camera.get("bytes"), camera.get("corruptFrames"), camera.get("skippedParts"),
                    camera.get("droppedFrames"), camera.get("failedExchanges"), camera.get("reconnects"),
                    camera.get("connections")));
            if (camera.containsKey("lastError")) {
                text.append(String.format("    last error (%s): %s%n", camera.get("lastErrorAt"),
                        camera.get("lastError")));
            }
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cameras", cameras());
        return root;
    }

    private List<Map<String, Object>> cameras() {
        List<Map<String, Object>> cameras = new ArrayList<>();
        long now = clock.getAsLong();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof AxisMjpegConsumer consumer) {
                cameras.add(camera(route.getRouteId(), consumer, now));
            }
        }
        samples.keySet().retainAll(cameras.stream().map(c -> (String) c.get("routeId")).toList());
        return cameras;
    }

    private Map<String, Object> camera(String routeId, AxisMjpegConsumer consumer, long now) {
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("camera", consumer.getCamera());
        camera.put("routeId", routeId);
        camera.put("state", consumer.getConsumerState());
        camera.put("transport", consumer.getTransport());
        long frames = consumer.getFramesReceived();
        Sample last = samples.get(routeId);
        Sample current = last;
        if (last == null) {
            current = new Sample(frames, now, null);
        } else if (now - last.at() >= MIN_INTERVAL_MILLIS) {
            current = new Sample(frames, now, (frames - last.frames()) * 1000.0 / (now - last.at()));
        }
        samples.put(routeId, current);
        if (current.fps() != null) {
            camera.put("fps", current.fps());
        }
        camera.put("frames", frames);
        camera.put("framesDelivered", consumer.getFramesDelivered());
        camera.put("bytes", consumer.getBytesReceived());
        camera.put("corruptFrames", consumer.getCorruptFrames());
        camera.put("skippedParts", consumer.getSkippedParts());
        camera.put("bytesSkipped", consumer.getBytesSkipped());
        camera.put("droppedFrames", consumer.getDroppedFrames());
        camera.put("failedExchanges", consumer.getFailedExchanges());
        camera.put("reconnects", consumer.getReconnects());
        if (consumer.getLongIoThreadHolds() > 0) {
            camera.put("longIoThreadHolds", consumer.getLongIoThreadHolds());
        }
        if (consumer.getReadingPausedMillis() > 0) {
            camera.put("readingPausedMillis", consumer.getReadingPausedMillis());
        }
        camera.put("connections", consumer.getConnections());
        if (consumer.getLastFrameTimestamp() > 0) {
            camera.put("lastFrameAt", Instant.ofEpochMilli(consumer.getLastFrameTimestamp()).toString());
        }
        if (consumer.getLastError() != null) {
            camera.put("lastError", consumer.getLastError());
            camera.put("lastErrorAt", Instant.ofEpochMilli(consumer.getLastErrorTimestamp()).toString());
        }
        return camera;
    }
}
