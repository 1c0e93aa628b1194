package io.camelaxis.mjpeg.simulator;

/**
 * Faults the simulator can inject into a stream, one per case a consumer must survive. Each is applied at a chosen
 * frame of the first connections (see {@link AxisCameraSimulator.Builder#fault}); later frames and connections are
 * healthy, so a test can assert that good frames keep flowing afterwards.
 */
public enum StreamFault {
    /** A healthy stream. */
    NONE,
    /** The connection is closed halfway through the frame's bytes. */
    CUT_MID_FRAME,
    /** The camera stops sending but keeps the connection open (for {@code stallMillis}). */
    STALL,
    /** The part declares a Content-Length shorter than the JPEG it carries. */
    LYING_CONTENT_LENGTH,
    /** The part declares a 2 GB Content-Length, then carries a normal JPEG. */
    HUGE_CONTENT_LENGTH,
    /** The JPEG is cut in half, with a Content-Length that matches the cut. */
    TRUNCATED_JPEG,
    /** The JPEG loses its EOI marker. */
    CORRUPT_JPEG,
    /** Random bytes are sent between this part and the next. */
    GARBAGE_BETWEEN_PARTS,
    /** A part header block that is garbage, with no blank line for 64 KB. */
    GARBAGE_HEADERS,
    /** The part without Content-Length never ends: JPEG-like bytes with no delimiter and no EOI (up to 64 MB). */
    BOUNDARY_NEVER_COMES,
    /** The camera reboots: the connection drops and new ones are refused for {@code rebootMillis}. */
    REBOOT,
    /**
     * Thousands of parts whose lying Content-Lengths nest inside each other (see
     * {@link HostileStreams#nestedLyingLengths}), then the frame as a good part.
     */
    NESTED_LYING_LENGTHS,
    /** From this frame on, random bytes with no delimiter, 4 KB per frame interval, for as long as the viewer stays. */
    GARBAGE_FOREVER,
    /** A part whose JPEG arrives one byte per {@code trickleMillis}, for as long as the viewer stays. */
    TRICKLE,
    /** A part header line that never ends (no line feed), 4 KB per frame interval, for as long as the viewer stays. */
    ENDLESS_HEADER_LINE,
    /** The whole response is sent gzip-compressed with {@code Content-Encoding: gzip} (from its first byte). */
    GZIP_ENCODING,
    /** The camera answers {@code 100 Continue} every 100 ms and never a final response (from the first byte). */
    CONTINUE_FOREVER;

    /** True for the faults that shape the response from its first byte, whatever frame they are set at. */
    public boolean isResponseWide() {
        return this == GZIP_ENCODING || this == CONTINUE_FOREVER;
    }
}
