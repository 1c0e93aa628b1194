package io.camelaxis.mjpeg.relay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * Camel dev console {@code mjpeg-relay}: every relayed camera of the context with its port, viewers now, frames in
 * and out, frames slow viewers skipped, and viewers refused or dropped for not reading.
 */
@DevConsole(name = "mjpeg-relay", displayName = "MJPEG relay", description = "Relayed cameras: viewers and frames")
public class MjpegRelayDevConsole extends AbstractDevConsole {

    public MjpegRelayDevConsole() {
        super("camel", "mjpeg-relay", "MJPEG relay", "Relayed cameras: viewers and frames");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> camera : cameras()) {
            text.append(String.format("Relay %s on port %s: %s viewers%n", camera.get("camera"), camera.get("port"),
                    camera.get("viewers")));
            text.append(String.format("    frames in: %d  out: %d  skipped by slow viewers: %d  viewers refused: %d"
                                      + "  viewers timed out: %d%n", camera.get("framesIn"), camera.get("framesOut"),
                    camera.get("framesDropped"), camera.get("viewersRefused"), camera.get("viewersTimedOut")));
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
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof MjpegRelayEndpoint relay && relay.getServedPort() >= 0) {
                Map<String, Object> camera = new LinkedHashMap<>();
                camera.put("camera", relay.getName());
                camera.put("port", relay.getServedPort());
                camera.put("viewers", relay.getViewers());
                camera.put("framesIn", relay.getFramesIn());
                camera.put("framesOut", relay.getFramesOut());
                camera.put("framesDropped", relay.getFramesDropped());
                camera.put("viewersRefused", relay.getViewersRefused());
                camera.put("viewersTimedOut", relay.getViewersTimedOut());
                cameras.add(camera);
            }
        }
        return cameras;
    }
}
