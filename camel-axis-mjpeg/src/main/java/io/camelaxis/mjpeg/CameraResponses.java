package io.camelaxis.mjpeg;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.camelaxis.mjpeg.parser.MultipartBoundary;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;

/**
 * Every way a camera can say no, turned into a {@link CameraException} whose message says what to check. One place
 * for both transports (blocking and async), so they fail with the same words.
 */
final class CameraResponses {

    /** How much of an error body is read for its text. */
    static final int MAX_ERROR_BODY = 2048;

    private CameraResponses() {
    }

    /**
     * True when the response may be the MJPEG stream itself: 2xx and a multipart content type, or
     * {@code application/octet-stream} as some encoders send (the boundary is then taken from the first delimiter).
     */
    static boolean isStream(int status, String contentType) {
        return status >= 200 && status < 300 && (MultipartBoundary.isMultipart(contentType)
                || contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/octet-stream"));
    }

    /**
     * A stream in a Content-Encoding (gzip, deflate...) is refused with a clear message: it would never yield a frame
     * and cameras do not compress JPEGs. Null when the encoding is absent or identity.
     */
    static CameraException encodingRefused(AxisMjpegConfiguration cfg, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.trim().equalsIgnoreCase("identity")) {
            return null;
        }
        return new CameraException(CameraException.Kind.BAD_RESPONSE, 200, where(cfg) + " sent the stream with"
                + " Content-Encoding " + printable(contentEncoding) + ", which this consumer does not decode (a proxy"
                + " compressing it?)", null);
    }

    /**
     * A declared boundary longer than the parser reads (RFC 2046 allows 70 characters) is refused with its length: no
     * delimiter line could ever match it. Null when the boundary is absent or acceptable.
     */
    static CameraException boundaryRefused(AxisMjpegConfiguration cfg, String boundary) {
        if (boundary == null || boundary.length() <= MultipartBoundary.MAX_LENGTH) {
            return null;
        }
        return new CameraException(CameraException.Kind.BAD_RESPONSE, 200, where(cfg) + " declared a multipart"
                + " boundary of " + boundary.length() + " characters, more than the " + MultipartBoundary.MAX_LENGTH
                + " accepted (RFC 2046 allows 70)", null);
    }

    /** The stream did not show a multipart delimiter within {@link MultipartFrameParser#BOUNDARY_LOOK_AHEAD} bytes. */
    static CameraException noBoundary(AxisMjpegConfiguration cfg, String contentType) {
        return new CameraException(CameraException.Kind.STREAM, 200, where(cfg) + " declared no boundary (Content-Type "
                + printable(contentType) + ") and sent no multipart delimiter line (--boundary) in the first "
                + MultipartFrameParser.BOUNDARY_LOOK_AHEAD + " bytes: not an MJPEG stream?", null);
    }

    /**
     * The camera answered, but no frame came for {@code noFrameTimeout} ms; {@code bytesIdleMillis}: how long no byte
     * of the stream has come, {@code ioThreadHeldMillis} of it with the connection's async I/O thread held by routes
     * running on it. Longer than stallTimeout, yet no read timed out and the watchdog found no stall: either those
     * holds (the async stall timer counts only the thread's free time), or the connection was busy below the stream
     * (over TLS: TLS messages without data, such as a flood of key updates, or a TLS reply to them that the camera does
     * not read, which the blocking transport's reading thread waits to write).
     */
    static CameraException noFrame(AxisMjpegConfiguration cfg, String cameraId, long bytes, long bytesIdleMillis,
                                   long ioThreadHeldMillis) {
        String noFrame = "camera " + cameraId + " sent no frame for " + cfg.effectiveNoFrameTimeout()
                         + " ms (noFrameTimeout)";
        if (ioThreadHeldMillis > 0 && bytesIdleMillis > cfg.effectiveStallTimeout()
            && bytesIdleMillis - ioThreadHeldMillis <= cfg.effectiveStallTimeout()) {
            return new CameraException(CameraException.Kind.STREAM, 0, noFrame + ", nor a byte of the stream for "
                    + bytesIdleMillis + " ms, of which routes running on the connection's async I/O thread"
                    + " (routeOnIoThread) held it " + ioThreadHeldMillis + " ms: stallTimeout ("
                    + cfg.effectiveStallTimeout() + " ms) counts only the time the thread was free to read", null);
        }
        if (bytesIdleMillis > cfg.effectiveStallTimeout()) {
            return new CameraException(CameraException.Kind.STREAM, 0, noFrame + ", nor a byte of the stream for "
                    + bytesIdleMillis + " ms, though no read timed out (stallTimeout " + cfg.effectiveStallTimeout()
                    + " ms): the connection was kept busy without stream data"
                    + (cfg.isHttps() ? " (TLS messages only, a flood of key updates? or TLS replies the camera does"
                                       + " not read)" : ""), null);
        }
        return new CameraException(CameraException.Kind.STREAM, 0, noFrame + " though " + bytes + " bytes arrived on"
                + " this connection: garbage, a trickle, or a layout the parser cannot read (see the corrupt and"
                + " skipped counters)", null);
    }

    /** The camera accepted the connection but did not answer with a final response in time. */
    static CameraException noAnswer(AxisMjpegConfiguration cfg, long millis) {
        return new CameraException(CameraException.Kind.NETWORK, 0, where(cfg) + " gave no final answer within "
                + millis + " ms (connectTimeout + stallTimeout): endless 100 Continue, or a server that never answers",
                null);
    }

    /**
     * Anything this consumer did not expect on a reading or I/O thread (an {@link Error}, a bug in the parser or a
     * handler): the connection is dropped and re-opened, never left half dead.
     */
    static CameraException unexpected(String cameraId, Throwable t) {
        return new CameraException(CameraException.Kind.STREAM, 0, "unexpected " + t.getClass().getName()
                + " on the connection to camera " + cameraId + " (" + printable(String.valueOf(t.getMessage()))
                + "): connection dropped, reconnecting", t);
    }

    /**
     * The failure a non-stream response means.
     *
     * @param response        the answer's head (status, WWW-Authenticate, Location)
     * @param credentialsSent whether the request it answers carried credentials ({@link AuthChallengeLimit})
     * @param body            the first bytes of the body, read only when needed
     */
    static CameraException failure(AxisMjpegConfiguration cfg, String target, HttpResponse response, String contentType,
                                   boolean credentialsSent, Supplier<byte[]> body) {
        int status = response.getCode();
        String reason = response.getReasonPhrase();
        if (status == 401) {
            return new CameraException(CameraException.Kind.AUTHENTICATION, status,
                    authFailure(cfg, challenges(response, HttpHeaders.WWW_AUTHENTICATE), credentialsSent), null);
        }
        if (status == 407) {
            return new CameraException(CameraException.Kind.AUTHENTICATION, status,
                    proxyAuthFailure(cfg, challenges(response, HttpHeaders.PROXY_AUTHENTICATE)), null);
        }
        String location = headerValue(response, HttpHeaders.LOCATION);
        if (status >= 300 && status < 400 && location != null) {
            // redirects are not followed (a camera's login page, http to https): say where it points
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg) + " answered " + status
                    + " " + printable(reason) + " for " + target + ", redirecting to " + printable(location)
                    + ": redirects are not followed; set host, port, path"
                    + (location.regionMatches(true, 0, "https:", 0, 6) && !cfg.isHttps() ? " and https=true"
                            : "") + " to where it points", null);
        }
        if (status == 404) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                    + " answered 404 Not Found for " + cfg.getPath() + ": check the path (option 'path', default "
                    + AxisMjpegConfiguration.DEFAULT_PATH + "); MJPEG servers that are not Axis cameras use other paths",
                    null);
        }
        long retryAfter = status == 503 || status == 429 ? RetryAfter.millis(headerValue(response,
                HttpHeaders.RETRY_AFTER), Instant.now()) : 0;
        String retry = retryAfter > 0 ? " (it asks to retry in " + (retryAfter + 999) / 1000 + " s)" : "";
        if (status == 503) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                    + " refused the stream (503 Service Unavailable" + retry + "): too many viewers? (Axis MaxViewers) "
                    + text(body.get()), null, retryAfter);
        }
        if (status >= 300 || status < 200) {
            return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg) + " answered " + status
                    + " " + printable(reason) + retry + " for " + target + ": " + text(body.get()), null, retryAfter);
        }
        return new CameraException(CameraException.Kind.BAD_RESPONSE, status, where(cfg)
                + " did not send an MJPEG stream: expected multipart/x-mixed-replace, got "
                + (contentType == null ? "no Content-Type" : printable(contentType)) + " for " + target + ": "
                + text(body.get()), null);
    }

    /** The failure an I/O error while connecting means. */
    static CameraException connectFailure(AxisMjpegConfiguration cfg, Exception e) {
        return connectFailure(cfg, e, false);
    }

    /**
     * The failure an I/O error before the answer means; {@code connected}: the connection, and its TLS handshake, had
     * been established (the async transport knows, {@link AttemptEndpoint#connected()}).
     */
    static CameraException connectFailure(AxisMjpegConfiguration cfg, Exception e, boolean connected) {
        if (e instanceof CameraException ce) {
            return ce; // already says what happened (an authentication loop cut short, a watchdog)
        }
        Throwable bufferFull = cfg.isHttps() ? tlsInputBufferFull(e) : null;
        String message;
        if (e instanceof ConnectException && !(e instanceof SocketTimeoutException)) {
            message = "connection refused by " + where(cfg)
                    + (cfg.isHttps() ? "" : ": is the camera HTTPS only? try https=true (port 443)");
        } else if (e instanceof SocketTimeoutException) {
            message = "no answer from " + where(cfg) + " within " + cfg.getConnectTimeout() + " ms ("
                    + e.getMessage() + ")";
        } else if (e instanceof HostLookups.NoAnswerException) {
            message = e.getMessage();
        } else if (e instanceof java.net.UnknownHostException) {
            message = "unknown camera host " + cfg.getHost();
        } else if (e instanceof NoRouteToHostException) {
            message = "no route to " + where(cfg);
        } else if (!cfg.isHttps() && causeSays(e, "<[0x15][0x03]", "<[0x16][0x03]")) {
            // HttpCore quotes the bytes it could not parse: a TLS record (alert 0x15, handshake 0x16, version 3.x)
            message = where(cfg) + " answered the plain HTTP request with TLS: it is an HTTPS port, set https=true";
        } else if (!cfg.isHttps() && e instanceof NoHttpResponseException) {
            message = where(cfg) + " closed the connection without an answer: an HTTPS-only port? try https=true ("
                      + e.getMessage() + ")";
        } else if (bufferFull != null && connected) {
            // before the sentence on the first handshake: this one came after it, and trust was never the problem
            message = where(cfg) + " " + unfinishedRenegotiation(bufferFull);
        } else if (bufferFull != null) {
            // the same words from the first handshake: no renegotiation, and no certificate in question either
            message = "TLS handshake with " + where(cfg) + " failed: " + oversizedFirstRecord(bufferFull);
        } else if (cfg.isHttps() && causeSays(e, "Unsupported or unrecognized SSL message", "plaintext connection")) {
            message = "TLS handshake with " + where(cfg) + " failed: the camera answered in plain HTTP; set https=false,"
                      + " or the port of its HTTPS server (" + e.getMessage() + ")";
        } else if (isHostnameMismatch(e)) {
            message = "TLS: the certificate of " + where(cfg) + " is not issued for the name " + cfg.getHost() + " ("
                    + e.getMessage() + "): connect with a name the certificate holds, or set trustAllCertificates=true"
                    + " on a trusted network (it skips the host name check too)";
        } else if (e instanceof SSLException && isUntrustedCertificate(e)) {
            message = "TLS handshake with " + where(cfg) + " failed (" + e.getMessage() + "): for a camera's"
                    + " self-signed certificate give sslContextParameters with a trust store holding it, or set"
                    + " trustAllCertificates=true on a trusted network";
        } else if (e instanceof SSLException) {
            // no certificate of the camera's was refused: advice on trust would send the user the wrong way
            message = "TLS handshake with " + where(cfg) + " failed (" + e.getMessage() + "): not a certificate of"
                    + " the camera's refused; the two sides did not agree (TLS versions, cipher suites, a client"
                    + " certificate the camera asks for, a broken TLS server), or the server on that port is not the"
                    + " camera's HTTPS server: check host and port";
        } else if (httpViolation(e) != null) {
            // reached, and it answered: "cannot reach" sent people to check the network
            message = where(cfg) + " answered with HTTP this consumer refuses (" + httpViolation(e).getMessage()
                      + "): another kind of server on this port, or a proxy breaking the answer?";
        } else {
            message = "cannot reach " + where(cfg) + ": " + e;
        }
        return new CameraException(CameraException.Kind.NETWORK, 0, message, e);
    }

    private static String headerValue(HttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** True when the message of {@code e} or one of its causes contains one of {@code texts}. */
    private static boolean causeSays(Throwable e, String... texts) {
        return causeSaying(e, texts) != null;
    }

    /** {@code e} or the first of its causes whose message contains one of {@code texts}; null when none does. */
    private static Throwable causeSaying(Throwable e, String... texts) {
        return firstCause(e, t -> says(t, texts));
    }

    /** True when the message of {@code t} itself contains one of {@code texts}. */
    private static boolean says(Throwable t, String... texts) {
        String m = t.getMessage();
        for (String text : texts) {
            if (m != null && m.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code e} or the first of its causes that {@code test} accepts; null when none does. The one walk of a cause
     * chain here, bounded: a chain may loop.
     */
    private static Throwable firstCause(Throwable e, Predicate<Throwable> test) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (test.test(t)) {
                return t;
            }
        }
        return null;
    }

    /** HttpCore's refusal of the answer's syntax or size (a head line too long, too many headers...) among the causes. */
    private static Throwable httpViolation(Throwable e) {
        return firstCause(e, t -> t instanceof ProtocolException || t instanceof MessageConstraintException);
    }

    /**
     * True when the camera's certificate was refused by this side's trust check (the JDK names the path it could not
     * build or validate, as a cause or in its message).
     */
    private static boolean isUntrustedCertificate(Throwable e) {
        return firstCause(e, t -> t instanceof java.security.cert.CertificateException
                                  || t instanceof java.security.cert.CertPathValidatorException
                                  || t instanceof java.security.cert.CertPathBuilderException
                                  || says(t, "PKIX path", "certification path")) != null;
    }

    /** HttpClient's host name check (or the JDK's endpoint identification) refused the certificate's names. */
    private static boolean isHostnameMismatch(Throwable e) {
        return firstCause(e, t -> t instanceof javax.net.ssl.SSLPeerUnverifiedException
                                  || says(t, "doesn't match any of the subject alternative names",
                                          "No subject alternative", "No name matching")) != null;
    }

    /** A stream that read nothing for stallTimeout (found by a read timeout, or by the watchdog: cause null). */
    static CameraException stalled(AxisMjpegConfiguration cfg, String cameraId, Exception cause) {
        return new CameraException(CameraException.Kind.NETWORK, 0, "camera " + cameraId
                + " stalled: no data for " + cfg.effectiveStallTimeout() + " ms (stallTimeout)", cause);
    }

    /** The failure of an open stream: a stall, or a broken connection. */
    static CameraException streamFailure(AxisMjpegConfiguration cfg, String cameraId, Exception e) {
        if (e instanceof SocketTimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return stalled(cfg, cameraId, e);
        }
        Throwable bufferFull = cfg.isHttps() ? tlsInputBufferFull(e) : null;
        if (bufferFull != null) {
            return brokenStream(cameraId, "the camera " + unfinishedRenegotiation(bufferFull), e);
        }
        String chunkFault = malformedChunkCoding(e);
        if (chunkFault != null) {
            // the decoder quotes the camera's line: printable, and bounded (the line may be as long as HttpCore allows)
            return brokenStream(cameraId, malformedChunkCodingText(printable(chunkFault, MAX_QUOTED_CHUNK_FAULT)), e);
        }
        return brokenStream(cameraId, e.toString(), e);
    }

    /**
     * What HttpCore's TLS layer (SSLIOSession) says when a handshake begun on an open connection waits for the
     * camera's handshake messages and stream data fills its input buffer instead: a camera that asked for a new
     * handshake (a TLS 1.2 renegotiation, HelloRequest) and sends on without completing it. The first words also end
     * a FIRST handshake whose record does not fit in that buffer (longer than TLS allows): only a connection
     * established before means a renegotiation.
     */
    private static final String[] UNFINISHED_RENEGOTIATION = {"Input buffer is full",
        "Unable to complete SSL handshake"};

    /** {@code e} or its cause that says HttpCore's TLS input buffer was full ({@link #UNFINISHED_RENEGOTIATION}). */
    private static Throwable tlsInputBufferFull(Throwable e) {
        return causeSaying(e, UNFINISHED_RENEGOTIATION);
    }

    /**
     * What {@code said} ({@link #tlsInputBufferFull}) means on an established connection, to follow "camera host:port"
     * or "the camera".
     */
    private static String unfinishedRenegotiation(Throwable said) {
        return "began a new TLS handshake on the open connection (a renegotiation) and sent on"
               + " without completing it, until the async transport's TLS input buffer was full (HttpCore: "
               + printable(String.valueOf(said.getMessage()), 200) + "): turn TLS renegotiation off on the camera (or"
               + " on the TLS proxy in front of it), or use transport=blocking, which reads on through it";
    }

    /**
     * What {@code said} ({@link #tlsInputBufferFull}) means in the first handshake, to follow "TLS handshake with camera
     * host:port failed: ". HttpCore's buffer holds a record of TLS's largest size: the
     * camera's record was larger (the JDK's engine waits for the whole of one up to twice that size).
     */
    private static String oversizedFirstRecord(Throwable said) {
        return "the camera sent a TLS record longer than the async transport's TLS input buffer"
               + " holds, over TLS's record size limit (HttpCore: " + printable(String.valueOf(said.getMessage()), 200)
               + "): a broken TLS server, or another protocol on this port?";
    }

    /**
     * A connection whose read events kept coming without a byte of the body ({@link ReadEventsWithoutData}): with
     * chunked coding, HttpCore's decoder stuck on a chunk size it took but cannot use (a negative one).
     */
    static CameraException readEventsWithoutData(AxisMjpegConfiguration cfg, String cameraId, String what,
                                                 boolean chunked) {
        return brokenStream(cameraId, chunked ? malformedChunkCodingText(what + ": HttpCore's decoder took a chunk"
                                                                         + " size it cannot use, a negative one?")
                : cfg.isHttps() ? what + " (over TLS: the camera's TLS messages wait for replies it does not read, a"
                                  + " flood of key updates?)"
                : what, null);
    }

    private static CameraException brokenStream(String cameraId, String why, Exception cause) {
        return new CameraException(CameraException.Kind.NETWORK, 0, "stream from camera " + cameraId + " broke: " + why,
                cause);
    }

    private static String malformedChunkCodingText(String fault) {
        return "the chunked transfer coding is malformed (" + fault + "): a proxy breaking the answer, or a broken"
               + " server?";
    }

    /** How much of a chunk decoder's message (which quotes the camera's line) goes into the error. */
    private static final int MAX_QUOTED_CHUNK_FAULT = 200;

    /**
     * What HttpCore's chunk decoders said of a chunk-size line that is no size, or null for another failure. The
     * blocking decoder says so in its own exception; the async one fails on some sizes (a negative one) with the
     * IllegalArgumentException of a buffer limit it set from them, which is recognised by where it was thrown.
     */
    private static String malformedChunkCoding(Throwable e) {
        Throwable t = firstCause(e, c -> c instanceof MalformedChunkCodingException
                                         || c instanceof IllegalArgumentException && thrownByChunkDecoder(c));
        return t == null ? null : t instanceof MalformedChunkCodingException ? t.getMessage()
                : "HttpCore: " + t.getMessage();
    }

    private static boolean thrownByChunkDecoder(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 12); i++) {
            if (trace[i].getClassName().equals("org.apache.hc.core5.http.impl.nio.ChunkDecoder")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> challenges(HttpResponse response, String header) {
        return Arrays.stream(response.getHeaders(header)).map(Header::getValue).toList();
    }

    /**
     * A 407 comes from a proxy, not the camera: this consumer has no proxy settings and sends the camera's credentials
     * only to the camera. Read as a 401 (the camera's WWW-Authenticate), it was "offers no authentication scheme ...
     * (server offers: nothing)", which sent the user to the camera's settings.
     */
    static String proxyAuthFailure(AxisMjpegConfiguration cfg, List<String> challenges) {
        return "authentication failed: " + where(cfg) + " answered 407 Proxy Authentication Required"
                + offers(challenges) + ": a proxy between this consumer and the camera asks for its own login;"
                + " this consumer does not use or log in to proxies, so no credentials were sent: reach the camera"
                + " without that proxy";
    }

    /** Most challenges described in an error: a camera may send 100 headers of 8 KB (HttpCore's limits). */
    static final int MAX_DESCRIBED_CHALLENGES = 4;
    /** Characters of one challenge parameter (a realm...) quoted in an error. */
    static final int MAX_QUOTED_PARAMETER = 100;

    /** " (server offers: ...)", bounded whatever the camera sent: it goes into every failure's log line. */
    private static String offers(List<String> challenges) {
        List<String> offered = new ArrayList<>();
        for (String challenge : challenges.subList(0, Math.min(challenges.size(), MAX_DESCRIBED_CHALLENGES))) {
            offered.add(describeChallenge(challenge));
        }
        if (challenges.size() > MAX_DESCRIBED_CHALLENGES) {
            offered.add("and " + (challenges.size() - MAX_DESCRIBED_CHALLENGES) + " more");
        }
        return " (server offers: " + (offered.isEmpty() ? "nothing" : String.join(", ", offered)) + ")";
    }

    static String authFailure(AxisMjpegConfiguration cfg, List<String> challenges, boolean credentialsSent) {
        boolean offersDigest = challenges.stream().anyMatch(c -> schemeOf(c).equalsIgnoreCase("Digest"));
        boolean offersBasic = challenges.stream().anyMatch(c -> schemeOf(c).equalsIgnoreCase("Basic"));
        List<String> allowed = CameraHttpClientFactory.allowedSchemes(cfg);
        String offers = offers(challenges);
        if (cfg.getUsername() == null) {
            return "authentication failed: " + where(cfg) + " requires a login" + offers
                    + "; set username and password";
        }
        if (!offersBasic && !offersDigest) {
            // no credentials were sent at all: saying "check the password" would send the user the wrong way
            return "authentication failed: " + where(cfg) + " offers no authentication scheme this consumer"
                    + " supports" + offers + "; no credentials were sent (supported: Digest, Basic)";
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
        if (!credentialsSent) {
            // HttpClient could not build an answer to the challenge: the password was never tried
            return "authentication failed: " + where(cfg) + " sent a challenge this consumer cannot answer" + offers
                    + ", so no credentials were sent (an unsupported Digest algorithm or qop? supported: Digest with"
                    + " MD5, SHA-256 or SHA-512-256, Basic)";
        }
        // the user name is not printed: like the password it is a credential (docs: none appear in messages)
        return "authentication failed at " + where(cfg) + offers
                + ": check username and password (cameras lock out repeated failures; next try in "
                + cfg.getAuthFailureDelay() + " ms)";
    }

    /** A challenge's scheme: its first word. */
    private static String schemeOf(String challenge) {
        String trimmed = challenge.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** A challenge without its nonce and opaque values: scheme, realm, algorithm, qop, stale; each bounded. */
    private static String describeChallenge(String challenge) {
        String scheme = schemeOf(challenge);
        StringBuilder sb = new StringBuilder(bounded(scheme));
        for (String param : challenge.trim().substring(scheme.length()).split(",")) {
            String p = param.trim();
            String name = p.contains("=") ? p.substring(0, p.indexOf('=')).trim().toLowerCase(Locale.ROOT) : "";
            if (name.equals("realm") || name.equals("algorithm") || name.equals("qop") || name.equals("stale")) {
                sb.append(' ').append(bounded(p));
            }
        }
        return sb.toString();
    }

    private static String bounded(String text) {
        return printable(text, MAX_QUOTED_PARAMETER)
               + (text.length() > MAX_QUOTED_PARAMETER ? "(" + text.length() + " characters)" : "");
    }

    /** {@link #printable} of at most {@code max} characters of the text, "..." where it was cut. */
    static String printable(String text, int max) {
        return printable(text.length() > max ? text.substring(0, max) + "..." : text);
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
        return text.isEmpty() ? "(empty body)" : "\"" + printable(text) + "\"";
    }

    /**
     * Text from the camera made safe for a log line: control characters (ESC sequences that repaint a terminal, CR/LF
     * that forge log lines, NUL) become {@code \\uXXXX} escapes.
     */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0;
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
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
