package io.camelaxis.mjpeg.parser;

/** How strictly a frame is checked before it is emitted. */
public enum JpegValidation {
    /** Emit the part body as it is, trimmed to SOI..EOI when both are present. */
    none,
    /** The body must start with SOI ({@code FF D8}) and end with EOI ({@code FF D9}). */
    markers,
    /** As {@code markers}, and every marker segment must be well formed with a frame header (SOF) and a scan (SOS). */
    structure
}
