package io.camelaxis.mjpeg;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.camelaxis.mjpeg.parser.MultipartBoundary;

/**
 * Every way a camera can say no, turned into a {@link CameraException} whose message says what to check. One place
 * for both transports (blocking and async), so they fail with the same words.
 */
final class CameraResponses {

    /** How much of an error body is read for its text. */
    static final int MAX_ERROR_BODY = 2048;

    private CameraResponses() {
    }

    /** True when the response is the MJPEG stream itself: 2xx and a multipart content type. */
    static boolean isStream(int status, String contentType) {
        return status >= 200 && status < 300 && MultipartBoundary.isMultipart(contentType);
    }

    /**
     * The failure a non-stream response means.
     *
     * @param challenges the WWW-Authenticate header values
     * @param body       the first bytes of the body, read only when needed
     */
    static CameraException failure(AxisMjpegConfiguration cfg, String target, int status, String reason,
                                   List<String> challenges, String contentType, Supplier<byte[]> body) {
        if (status == 401 || status == 407) {
            return new CameraException(CameraException.Kind.AUTHENTICATION, status, authFailure(cfg, challenges),
                    null);
        }
        if (status == 404) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                    + " answered 404 Not Found for " + cfg.getPath() + ": check the path (option 'path', default "
                    + AxisMjpegConfiguration.DEFAULT_PATH + "); MJPEG servers that are not Axis cameras use other paths",
                    null);
        }
        if (status == 503) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                    + " refused the stream (503 Service Unavailable): too many viewers? (Axis MaxViewers) "
                    + text(body.get()), null);
        }
        if (status >= 300 || status < 200) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg) + " answered " + status
                    + " " + reason + " for " + target + ": " + text(body.get()), null);
        }
        return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                + " did not send an MJPEG stream: expected multipart/x-mixed-replace, got "
                + (contentType == null ? "no Content-Type" : contentType) + " for " + target + ": "
                + text(body.get()), null);
    }

    /** The failure an I/O error while connecting means. */
    static CameraException connectFailure(AxisMjpegConfiguration cfg, Exception e) {
        String message;
        if (e instanceof ConnectException && !(e instanceof SocketTimeoutException)) {
            message = "connection refused by " + where(cfg)
                    + (cfg.isHttps() ? "" : ": is the camera HTTPS only? try https=true (port 443)");
        } else if (e instanceof SocketTimeoutException) {
            message = "no answer from " + where(cfg) + " within " + cfg.getConnectTimeout() + " ms ("
                    + e.getMessage() + ")";
        } else if (e instanceof java.net.UnknownHostException) {
            message = "unknown camera host " + cfg.getHost();
        } else if (e instanceof NoRouteToHostException) {
            message = "no route to " + where(cfg);
        } else if (e instanceof SSLException) {
            message = "TLS handshake with " + where(cfg) + " failed (" + e.getMessage() + "): for a camera's"
                    + " self-signed certificate give sslContextParameters with a trust store holding it, or set"
                    + " trustAllCertificates=true on a trusted network";
        } else {
            message = "cannot reach " + where(cfg) + ": " + e;
        }
        return new CameraException(CameraException.Kind.NETWORK, 0, message, e);
    }

    /** The failure of an open stream: a stall, or a broken connection. */
    static CameraException streamFailure(AxisMjpegConfiguration cfg, String cameraId, Exception e) {
        if (e instanceof SocketTimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return new CameraException(CameraException.Kind.NETWORK, 0, "camera " + cameraId
                    + " stalled: no data for " + cfg.effectiveStallTimeout() + " ms (stallTimeout)", e);
        }
        return new CameraException(CameraException.Kind.NETWORK, 0,
                "stream from camera " + cameraId + " broke: " + e, e);
    }

    static String authFailure(AxisMjpegConfiguration cfg, List<String> challenges) {
        List<String> offered = new ArrayList<>();
        for (String challenge : challenges) {
            offered.add(describeChallenge(challenge));
        }
        boolean offersDigest = offered.stream().anyMatch(s -> s.startsWith("Digest"));
        boolean offersBasic = offered.stream().anyMatch(s -> s.startsWith("Basic"));
        List<String> allowed = CameraHttpClientFactory.allowedSchemes(cfg);
        String offers = " (server offers: " + (offered.isEmpty() ? "nothing" : String.join(", ", offered)) + ")";
        if (cfg.getUsername() == null) {
            return "authentication failed: " + where(cfg) + " requires a login" + offers
                    + "; set username and password";
        }
        if (offersBasic && !offersDigest && !allowed.contains("Basic")) {
            return "authentication failed: " + where(cfg) + " offers only Basic authentication" + offers
                    + (cfg.getAuthMethod() == AuthMethod.digest
                            ? ", but authMethod=digest"
                            : ", which would send the password in clear over http: use https=true, or set"
                              + " authMethod=basic (or allowBasicOverHttp=true) to accept that");
        }
        if (offersDigest && !offersBasic && cfg.getAuthMethod() == AuthMethod.basic) {
            return "authentication failed: " + where(cfg) + " offers only Digest authentication" + offers
                    + ", but authMethod=basic: use authMethod=auto or digest";
        }
        return "authentication failed for user '" + cfg.getUsername() + "' at " + where(cfg) + offers
                + ": check username and password (cameras lock out repeated failures; next try in "
                + cfg.getAuthFailureDelay() + " ms)";
    }

    /** A challenge without its nonce and opaque values: scheme, realm, algorithm, qop, stale. */
    private static String describeChallenge(String challenge) {
        String trimmed = challenge.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        StringBuilder sb = new StringBuilder(scheme);
        for (String param : (space < 0 ? "" : trimmed.substring(space + 1)).split(",")) {
            String p = param.trim();
            String name = p.contains("=") ? p.substring(0, p.indexOf('=')).trim().toLowerCase(Locale.ROOT) : "";
            if (name.equals("realm") || name.equals("algorithm") || name.equals("qop") || name.equals("stale")) {
                sb.append(' ').append(p);
            }
        }
        return sb.toString();
    }

    /** What the camera said, as readable text: HTML tags dropped, white space folded, bounded. */
    static String text(byte[] body) {
        if (body == null) {
            return "(no body)";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8)
                .replaceAll("(?s)<(head|HEAD)>.*?</(head|HEAD)>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .trim();
        return text.isEmpty() ? "(empty body)" : "\"" + text + "\"";
    }

    static String where(AxisMjpegConfiguration cfg) {
        return "camera " + cfg.getHost() + ":" + cfg.effectivePort();
    }

    /** Reads the start of an error body, never failing. */
    static byte[] readBounded(java.io.InputStream in) {
        try (in) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return ("(body unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
