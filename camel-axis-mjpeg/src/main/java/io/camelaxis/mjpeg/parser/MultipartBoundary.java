package io.camelaxis.mjpeg.parser;

import java.util.Locale;

/** Reads the boundary out of a {@code multipart/x-mixed-replace} Content-Type header value. */
public final class MultipartBoundary {

    /**
     * The longest boundary accepted, in bytes. RFC 2046 allows 70; some servers use long random ones, so there is
     * room, but a delimiter line must fit the parser's line buffer.
     */
    public static final int MAX_LENGTH = 256;

    private MultipartBoundary() {
    }

    /** True for {@code multipart/x-mixed-replace} and the other multipart types MJPEG servers use. */
    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * The {@code boundary} parameter, unquoted, with any leading dashes removed (servers disagree on whether the
     * declared boundary includes the delimiter's {@code --}); {@code null} when there is none, in which case the parser
     * detects it from the first delimiter line.
     */
    public static String fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                return normalize(p.substring(eq + 1));
            }
        }
        return null;
    }

    /** Strips quotes, and the leading dashes that some servers include in the declared boundary. */
    public static String normalize(String boundary) {
        if (boundary == null) {
            return null;
        }
        boundary = boundary.trim();
        if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        int i = 0;
        while (i < boundary.length() && boundary.charAt(i) == '-') {
            i++;
        }
        String core = boundary.substring(i).trim();
        return core.isEmpty() ? null : core;
    }
}
