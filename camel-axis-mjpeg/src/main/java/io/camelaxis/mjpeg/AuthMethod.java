package io.camelaxis.mjpeg;

/** Which HTTP authentication schemes the consumer may answer a camera's challenge with. */
public enum AuthMethod {
    /** Digest when offered; Basic only over HTTPS, or over HTTP when {@code allowBasicOverHttp=true}. */
    auto,
    /** Basic only (the password travels base64-encoded: use HTTPS). */
    basic,
    /** Digest only (MD5 or SHA-256, with or without qop). */
    digest
}
