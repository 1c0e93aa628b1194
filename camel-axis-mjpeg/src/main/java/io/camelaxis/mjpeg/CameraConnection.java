package io.camelaxis.mjpeg;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.camelaxis.mjpeg.parser.MultipartBoundary;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;

/**
 * One open MJPEG response from a camera: the checked response, its boundary and its body stream. Opening turns every
 * way a camera can say no into a {@link CameraException} whose message says what to check.
 */
final class CameraConnection implements Closeable {

    private static final int MAX_ERROR_BODY = 2048;

    private final HttpGet request;
    private final ClassicHttpResponse response;
    private final InputStream body;
    private final String boundary;

    private CameraConnection(HttpGet request, ClassicHttpResponse response, InputStream body, String boundary) {
        this.request = request;
        this.response = response;
        this.body = body;
        this.boundary = boundary;
    }

    /**
     * Opens the stream. {@code context} is kept by the consumer across reconnects, so a Digest session (nonce) is
     * reused the way browsers do; a camera that finds it stale answers {@code stale=true} and HttpClient
     * re-authenticates without it counting as a failure.
     */
    static CameraConnection open(CloseableHttpClient client, HttpClientContext context, AxisMjpegConfiguration cfg)
            throws CameraException {
        HttpHost host = new HttpHost(cfg.isHttps() ? "https" : "http", cfg.getHost(), cfg.effectivePort());
        String target = VapixVideoRequest.target(cfg);
        HttpGet get = new HttpGet(target);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(host, get, context);
        } catch (IOException e) {
            throw connectFailure(cfg, e);
        }
        try {
            int status = response.getCode();
            if (status == 401 || status == 407) {
                throw new CameraException(CameraException.Kind.AUTHENTICATION, status,
                        authFailure(cfg, response.getHeaders(HttpHeaders.WWW_AUTHENTICATE)), null);
            }
            if (status == 404) {
                throw new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                        + " answered 404 Not Found for " + cfg.getPath() + ": check the path (option 'path', default "
                        + AxisMjpegConfiguration.DEFAULT_PATH + "); MJPEG servers that are not Axis cameras use other paths",
                        null);
            }
            if (status == 503) {
                throw new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                        + " refused the stream (503 Service Unavailable): too many viewers? (Axis MaxViewers) "
                        + bodyText(response), null);
            }
            if (status >= 300) {
                throw new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg) + " answered "
                        + status + " " + response.getReasonPhrase() + " for " + target + ": " + bodyText(response),
                        null);
            }
            HttpEntity entity = response.getEntity();
            String contentType = entity == null ? null : entity.getContentType();
            if (!MultipartBoundary.isMultipart(contentType)) {
                throw new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                        + " did not send an MJPEG stream: expected multipart/x-mixed-replace, got "
                        + (contentType == null ? "no Content-Type" : contentType) + " for " + target + ": "
                        + bodyText(response), null);
            }
            return new CameraConnection(get, response, entity.getContent(),
                    MultipartBoundary.fromContentType(contentType));
        } catch (CameraException e) {
            closeQuietly(response);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(response);
            throw new CameraException(CameraException.Kind.NETWORK, 0, where(cfg) + ": " + e.getMessage(), e);
        }
    }

    InputStream body() {
        return body;
    }

    /** The declared boundary, or null when the camera did not declare one (the parser then detects it). */
    String boundary() {
        return boundary;
    }

    /** Breaks the connection from another thread; a blocked read then fails at once. */
    void abort() {
        request.cancel();
    }

    @Override
    public void close() {
        request.cancel(); // never drain an endless stream: drop the connection
        closeQuietly(response);
    }

    private static CameraException connectFailure(AxisMjpegConfiguration cfg, IOException e) {
        String message;
        if (e instanceof ConnectException && !(e instanceof SocketTimeoutException)) {
            message = "connection refused by " + where(cfg)
                    + (cfg.isHttps() ? "" : ": is the camera HTTPS only? try https=true (port 443)");
        } else if (e instanceof SocketTimeoutException) {
            message = "no answer from " + where(cfg) + " within " + cfg.getConnectTimeout() + " ms ("
                    + e.getMessage() + ")";
        } else if (e instanceof UnknownHostException) {
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

    static String authFailure(AxisMjpegConfiguration cfg, Header[] challenges) {
        List<String> offered = new ArrayList<>();
        for (Header h : challenges) {
            offered.add(describeChallenge(h.getValue()));
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
    private static String bodyText(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "(no body)";
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            String text = new String(bytes, StandardCharsets.UTF_8)
                    .replaceAll("(?s)<(head|HEAD)>.*?</(head|HEAD)>", " ")
                    .replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ")
                    .trim();
            return text.isEmpty() ? "(empty body)" : "\"" + text + "\"";
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }

    private static String where(AxisMjpegConfiguration cfg) {
        return "camera " + cfg.getHost() + ":" + cfg.effectivePort();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
