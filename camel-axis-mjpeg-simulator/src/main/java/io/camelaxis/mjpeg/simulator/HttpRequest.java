package io.camelaxis.mjpeg.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The request line and headers of one HTTP request, as the simulator needs them. */
record HttpRequest(String method, String target, String path, Map<String, String> query, Map<String, String> headers) {

    private static final int MAX_HEAD = 16 * 1024;

    /** Reads a request head; null when the peer closed before sending one. */
    static HttpRequest read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            throw new IOException("bad request line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        return new HttpRequest(requestLine[0], target, path, parseQuery(q < 0 ? "" : target.substring(q + 1)), headers);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            // VAPIX parameter names are case-insensitive: nbrOfFrames and nbrofframes are the same
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    int intParam(String name, int defaultValue) {
        String v = query.get(name.toLowerCase(Locale.ROOT));
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        return Integer.parseInt(v.trim());
    }
}
