package io.camelaxis.mjpeg.relay;

import java.util.Collection;
import java.util.Locale;

/** The relay's {@code /status} document, written by hand to keep the component free of a JSON library. */
final class RelayStatusJson {

    private RelayStatusJson() {
    }

    /** The document; each viewer's network address only with {@code viewerAddresses} (personal data). */
    static String render(Collection<RelayChannel> channels, boolean viewerAddresses) {
        StringBuilder json = new StringBuilder("{\"cameras\":[");
        boolean firstChannel = true;
        for (RelayChannel c : channels) {
            if (!firstChannel) {
                json.append(',');
            }
            firstChannel = false;
            RelayFrame latest = c.latest();
            json.append("{\"name\":").append(quote(c.name()))
                    .append(",\"stream\":").append(quote(RelayRoutes.streamPath(c.name())))
                    .append(",\"snapshot\":").append(quote(RelayRoutes.snapshotPath(c.name())))
                    .append(",\"viewers\":").append(c.viewerCount())
                    .append(",\"maxViewers\":").append(c.maxViewers())
                    .append(",\"viewersServed\":").append(c.viewersServed())
                    .append(",\"viewersRefused\":").append(c.viewersRefused())
                    .append(",\"viewersTimedOut\":").append(c.viewersTimedOut())
                    .append(",\"framesIn\":").append(c.framesIn())
                    .append(",\"framesOut\":").append(c.framesOut())
                    .append(",\"fpsIn\":").append(String.format(Locale.ROOT, "%.1f", c.fpsIn()))
                    .append(",\"fpsOut\":").append(String.format(Locale.ROOT, "%.1f", c.fpsOut()))
                    .append(",\"latestFrameAt\":").append(latest == null ? 0 : latest.publishedAtMillis())
                    .append(",\"viewerDetails\":[");
            boolean firstViewer = true;
            for (ViewerStream.ViewerStatus v : c.viewerStatuses()) {
                if (!firstViewer) {
                    json.append(',');
                }
                firstViewer = false;
                json.append("{\"id\":").append(v.id());
                if (viewerAddresses) {
                    json.append(",\"remote\":").append(quote(v.remote()));
                }
                json.append(",\"framesSent\":").append(v.framesSent())
                        .append(",\"framesDropped\":").append(v.framesDropped())
                        .append(",\"bytesSent\":").append(v.bytesSent())
                        .append(",\"maxFps\":").append(v.maxFps())
                        .append('}');
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    /**
     * A JSON string; besides what JSON requires, {@code < > & '} and the JavaScript line separators are written as
     * escapes, so the text stays inert even if the document ends up inside HTML or a script.
     */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : (s == null ? "" : s).toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\'' || ch == 0x2028
                        || ch == 0x2029) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
