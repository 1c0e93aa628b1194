package io.camelaxis.mjpeg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * Camel dev console {@code axis-mjpeg} (camel-jbang {@code camel get}, the developer web console, /q/dev in
 * camel-main): every axis-mjpeg consumer of the context with its camera, state, frame rate, counters and last error.
 * The frame rate is measured between two calls of the console: the first call of a camera shows none.
 */
@DevConsole(name = "axis-mjpeg", displayName = "Axis MJPEG", description = "Axis MJPEG cameras: state, fps, counters")
public class AxisMjpegDevConsole extends AbstractDevConsole {

    /** Frames and time of the previous call, per route, for the frame rate. */
    private final Map<String, long[]> previous = new ConcurrentHashMap<>();

    public AxisMjpegDevConsole() {
        super("camel", "axis-mjpeg", "Axis MJPEG", "Axis MJPEG cameras: state, fps, counters");
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
        long now = System.currentTimeMillis();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof AxisMjpegConsumer consumer) {
                cameras.add(camera(route.getRouteId(), consumer, now));
            }
        }
        previous.keySet().retainAll(cameras.stream().map(c -> (String) c.get("routeId")).toList());
        return cameras;
    }

    private Map<String, Object> camera(String routeId, AxisMjpegConsumer consumer, long now) {
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("camera", consumer.getCamera());
        camera.put("routeId", routeId);
        camera.put("state", consumer.getConsumerState());
        camera.put("transport", consumer.getTransport());
        long frames = consumer.getFramesReceived();
        long[] before = previous.put(routeId, new long[] { frames, now });
        if (before != null && now > before[1]) {
            camera.put("fps", (frames - before[0]) * 1000.0 / (now - before[1]));
        }
        camera.put("frames", frames);
        camera.put("framesDelivered", consumer.getFramesDelivered());
        camera.put("bytes", consumer.getBytesReceived());
        camera.put("corruptFrames", consumer.getCorruptFrames());
        camera.put("skippedParts", consumer.getSkippedParts());
        camera.put("droppedFrames", consumer.getDroppedFrames());
        camera.put("failedExchanges", consumer.getFailedExchanges());
        camera.put("reconnects", consumer.getReconnects());
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
