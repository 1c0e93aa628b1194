package io.camelaxis.mjpeg;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import io.camelaxis.mjpeg.parser.MultipartBoundary;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;

/**
 * One open MJPEG response from a camera (blocking transport): the checked response, its boundary and its body
 * stream. Anything but a stream becomes a {@link CameraException} ({@link CameraResponses}).
 */
final class CameraConnection implements Closeable {

    private final HttpGet request;
    private final ClassicHttpResponse response;
    private final InputStream body;
    private final String boundary;
    private final String contentType;

    private CameraConnection(HttpGet request, ClassicHttpResponse response, InputStream body, String contentType) {
        this.request = request;
        this.response = response;
        this.body = body;
        this.contentType = contentType;
        this.boundary = MultipartBoundary.fromContentType(contentType);
    }

    /** The request for the stream; cancelling it from another thread aborts the attempt, even before an answer. */
    static HttpGet request(AxisMjpegConfiguration cfg) {
        return new HttpGet(VapixVideoRequest.target(cfg));
    }

    /**
     * Opens the stream. {@code context} is kept by the consumer across reconnects, so a Digest session (nonce) is
     * reused the way browsers do; a camera that finds it stale answers {@code stale=true} and HttpClient
     * re-authenticates without it counting as a failure.
     */
    static CameraConnection open(CloseableHttpClient client, HttpClientContext context, AxisMjpegConfiguration cfg,
                                 HttpGet get) throws CameraException {
        HttpHost host = new HttpHost(cfg.isHttps() ? "https" : "http", cfg.getHost(), cfg.effectivePort());
        String target = get.getRequestUri();
        AuthChallengeLimit.newAttempt(context);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(host, get, context);
        } catch (IOException e) {
            throw CameraResponses.connectFailure(cfg, e);
        }
        try {
            HttpEntity entity = response.getEntity();
            String contentType = entity == null ? null : entity.getContentType();
            if (!CameraResponses.isStream(response.getCode(), contentType)) {
                throw CameraResponses.failure(cfg, target, response, contentType,
                        AuthChallengeLimit.credentialsSent(context), () -> entity == null ? null : readBody(entity));
            }
            CameraException encoded = CameraResponses.encodingRefused(cfg, entity.getContentEncoding());
            if (encoded != null) {
                throw encoded;
            }
            return new CameraConnection(get, response, entity.getContent(), contentType);
        } catch (CameraException e) {
            closeQuietly(response);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(response);
            throw new CameraException(CameraException.Kind.NETWORK, 0, CameraResponses.where(cfg) + ": "
                                                                     + e.getMessage(), e);
        }
    }

    private static byte[] readBody(HttpEntity entity) {
        try {
            return CameraResponses.readBounded(entity.getContent());
        } catch (IOException e) {
            return null;
        }
    }

    InputStream body() {
        return body;
    }

    /** The declared boundary, or null when the camera did not declare one (the parser then detects it). */
    String boundary() {
        return boundary;
    }

    /** The response's Content-Type, for messages. */
    String contentType() {
        return contentType;
    }

    @Override
    public void close() {
        request.cancel(); // never drain an endless stream: drop the connection
        closeQuietly(response);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
