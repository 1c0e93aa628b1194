package io.camelaxis.mjpeg;

import java.io.IOException;

/**
 * A camera connection failed, with a message that says what to check. The {@link Kind} decides how the consumer
 * retries: authentication failures wait long (cameras lock out brute force), the rest back off exponentially.
 */
public class CameraException extends IOException {

    /** What went wrong, as far as retrying is concerned. */
    public enum Kind {
        /** The camera rejected the credentials, or offers no scheme we may use. */
        AUTHENTICATION,
        /** The camera answered, but not with an MJPEG stream (404, 400, 503, an HTML page...). */
        BAD_RESPONSE,
        /** No usable connection: refused, unreachable, TLS failure, or the stream stalled or broke. */
        NETWORK,
        /**
         * The stream said nothing usable for too long (no frame, no delimiter), or something this consumer did not
         * expect broke the connection (an {@link Error}, a bug): dropped and re-opened with backoff.
         */
        STREAM
    }

    private final Kind kind;
    private final int status;
    private final long retryAfterMillis;

    public CameraException(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, message, cause, 0);
    }

    /** With the wait the camera asked for in its {@code Retry-After} (0: none). */
    public CameraException(Kind kind, int status, String message, Throwable cause, long retryAfterMillis) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
    }

    public Kind getKind() {
        return kind;
    }

    /** The HTTP status the camera answered with, or 0 when it did not answer. */
    public int getStatus() {
        return status;
    }

    /**
     * How long the camera asked to be left alone ({@code Retry-After} of a 503 or 429), in milliseconds; 0 when it did
     * not say. The consumer waits at least this long, up to maxReconnectDelay.
     */
    public long getRetryAfterMillis() {
        return retryAfterMillis;
    }
}
