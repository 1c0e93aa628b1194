package io.camelaxis.mjpeg.parser;

/** Why a part of the multipart stream was not emitted as a frame. */
public enum DiscardReason {

    /** The part did not hold a valid JPEG at the configured validation level (bad markers or structure). */
    CORRUPT_JPEG(true),
    /** The part declared, or grew to, more than {@code maxFrameSize} bytes. */
    OVERSIZE(true),
    /**
     * The stream ended (the connection closed or broke) before the part was complete. A part cut short by the next
     * delimiter, or whose Content-Length matches a cut JPEG, fails validation instead: {@link #CORRUPT_JPEG}.
     */
    TRUNCATED(true),
    /** The part headers were malformed or larger than the header limit. */
    BAD_HEADERS(true),
    /** The part was not a JPEG (for example {@code text/plain}); skipped by design. */
    NOT_JPEG(false);

    private final boolean corrupt;

    DiscardReason(boolean corrupt) {
        this.corrupt = corrupt;
    }

    /** True when the part was a damaged frame, false when it was a well-formed part the parser does not want. */
    public boolean isCorrupt() {
        return corrupt;
    }
}
