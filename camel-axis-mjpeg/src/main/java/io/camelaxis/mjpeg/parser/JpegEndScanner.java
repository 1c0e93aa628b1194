package io.camelaxis.mjpeg.parser;

/**
 * Walks a JPEG's marker structure incrementally, byte chunk by byte chunk, to find where it ends (EOI), without
 * decoding anything. Marker segments are skipped by their length; entropy-coded data is scanned for {@code FF}
 * followed by a real marker (stuffed {@code FF 00}, restart markers and fill bytes are passed over). Progressive
 * JPEGs (several scans with tables between them) are followed too.
 *
 * <p>
 * Used for parts without {@code Content-Length}, so a frame is emitted the moment its last byte arrives, and for the
 * {@code structure} validation level.
 */
public final class JpegEndScanner {

    /** Returned by {@link #scan} while the end has not been seen yet. */
    public static final int MORE = -1;
    /** Returned by {@link #scan} when the bytes are not a well-formed JPEG. */
    public static final int MALFORMED = -2;

    private static final int EXPECT_SOI_FF = 0;
    private static final int EXPECT_SOI_D8 = 1;
    private static final int EXPECT_MARKER_FF = 2;
    private static final int MARKER_CODE = 3;
    private static final int LENGTH_HIGH = 4;
    private static final int LENGTH_LOW = 5;
    private static final int SEGMENT_BODY = 6;
    private static final int ENTROPY = 7;
    private static final int ENTROPY_FF = 8;
    private static final int DONE = 9;
    private static final int FAILED = 10;

    private int state = EXPECT_SOI_FF;
    private int marker;
    private int segmentRemaining;
    private boolean sawFrameHeader;
    private boolean sawScan;

    /** Starts over for a new image. */
    public void reset() {
        state = EXPECT_SOI_FF;
        segmentRemaining = 0;
        sawFrameHeader = false;
        sawScan = false;
    }

    /**
     * Consumes {@code bytes[from, to)}.
     *
     * @return the index just past the EOI marker when the image ends inside this range, {@link #MORE} when all bytes
     *         were consumed without reaching the end, or {@link #MALFORMED}
     */
    public int scan(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            switch (state) {
                case ENTROPY: {
                    // hot loop: entropy-coded data is most of a JPEG
                    while (i < to && bytes[i] != (byte) 0xFF) {
                        i++;
                    }
                    if (i < to) {
                        state = ENTROPY_FF;
                        i++;
                    }
                    break;
                }
                case ENTROPY_FF: {
                    int b = bytes[i++] & 0xFF;
                    if (b == 0x00 || (b >= 0xD0 && b <= 0xD7)) {
                        state = ENTROPY;
                    } else if (b != 0xFF) {
                        if (!onMarker(b)) {
                            return MALFORMED;
                        }
                        if (state == DONE) {
                            return i;
                        }
                    }
                    break;
                }
                case SEGMENT_BODY: {
                    int skip = Math.min(segmentRemaining, to - i);
                    i += skip;
                    segmentRemaining -= skip;
                    if (segmentRemaining == 0) {
                        state = afterSegment();
                    }
                    break;
                }
                case EXPECT_SOI_FF:
                    if (bytes[i++] != (byte) 0xFF) {
                        return fail();
                    }
                    state = EXPECT_SOI_D8;
                    break;
                case EXPECT_SOI_D8:
                    if (bytes[i++] != (byte) 0xD8) {
                        return fail();
                    }
                    state = EXPECT_MARKER_FF;
                    break;
                case EXPECT_MARKER_FF:
                    if (bytes[i++] != (byte) 0xFF) {
                        return fail();
                    }
                    state = MARKER_CODE;
                    break;
                case MARKER_CODE: {
                    int b = bytes[i++] & 0xFF;
                    if (b != 0xFF) { // FF FF ... is fill before a marker
                        if (!onMarker(b)) {
                            return MALFORMED;
                        }
                        if (state == DONE) {
                            return i;
                        }
                    }
                    break;
                }
                case LENGTH_HIGH:
                    segmentRemaining = (bytes[i++] & 0xFF) << 8;
                    state = LENGTH_LOW;
                    break;
                case LENGTH_LOW:
                    segmentRemaining |= bytes[i++] & 0xFF;
                    if (segmentRemaining < 2) {
                        return fail();
                    }
                    segmentRemaining -= 2;
                    state = segmentRemaining == 0 ? afterSegment() : SEGMENT_BODY;
                    break;
                case DONE:
                    return from;
                default:
                    return MALFORMED;
            }
        }
        return MORE;
    }

    /** True while the scanner is skipping the body of a marker segment by its declared length. */
    public boolean isSkippingSegment() {
        return state == SEGMENT_BODY || state == LENGTH_HIGH || state == LENGTH_LOW;
    }

    /** True once EOI has been seen. */
    public boolean isComplete() {
        return state == DONE;
    }

    /** True when a frame header (SOFn) and at least one scan (SOS) were seen: a decodable image. */
    public boolean sawFrameAndScan() {
        return sawFrameHeader && sawScan;
    }

    private boolean onMarker(int code) {
        if (code == 0xD9) {
            state = DONE;
            return true;
        }
        if (code == 0xD8 || code == 0x00) {
            fail();
            return false;
        }
        if ((code >= 0xD0 && code <= 0xD7) || code == 0x01) {
            state = EXPECT_MARKER_FF; // standalone marker, no length
            return true;
        }
        if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC) {
            sawFrameHeader = true;
        } else if (code == 0xDA) {
            sawScan = true;
        }
        marker = code;
        state = LENGTH_HIGH;
        return true;
    }

    private int afterSegment() {
        return marker == 0xDA ? ENTROPY : EXPECT_MARKER_FF;
    }

    private int fail() {
        state = FAILED;
        return MALFORMED;
    }
}
