package io.camelaxis.mjpeg;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the request target ({@code /axis-cgi/mjpg/video.cgi?resolution=...}) from an endpoint's VAPIX options. */
public final class VapixVideoRequest {

    private VapixVideoRequest() {
    }

    /** The path and query to GET, with VAPIX parameter names as the camera expects them. */
    public static String target(AxisMjpegConfiguration c) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resolution", c.getResolution());
        params.put("fps", c.getFps());
        params.put("compression", c.getCompression());
        params.put("camera", c.getCamera());
        params.put("clock", flag(c.getClock()));
        params.put("date", flag(c.getDate()));
        params.put("text", flag(c.getText()));
        params.put("textstring", c.getTextString());
        params.put("rotation", c.getRotation());
        params.put("squarepixel", flag(c.getSquarePixel()));
        params.put("duration", c.getDuration());
        params.put("nbrofframes", c.getNbrOfFrames());
        params.put("streamprofile", c.getStreamProfile());
        if (c.getVapixParameters() != null) {
            params.putAll(c.getVapixParameters());
        }
        StringBuilder target = new StringBuilder(c.getPath());
        char separator = c.getPath().contains("?") ? '&' : '?';
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            target.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue().toString()));
            separator = '&';
        }
        return target.toString();
    }

    private static String flag(Boolean value) {
        return value == null ? null : value ? "1" : "0";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
