package io.camelaxis.mjpeg.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    private enum State {
        EXPECT_SOI_FF,
        EXPECT_SOI_D8,
        EXPECT_MARKER_FF,
        MARKER_CODE,
        LENGTH_HIGH,
        LENGTH_LOW,
        SEGMENT_BODY,
        /** Entropy-coded data after SOS: most of a JPEG's bytes. */
        ENTROPY,
        ENTROPY_FF,
        DONE,
        FAILED
    }

    /** Reads eight bytes of an array as one little-endian long (the first byte lowest). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private State state = State.EXPECT_SOI_FF;
    private int marker;
    private int segmentRemaining;
    private boolean sawFrameHeader;
    private boolean sawScan;
    private int failedAt;

    /** Starts over for a new image. */
    public void reset() {
        state = State.EXPECT_SOI_FF;
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
                    // hot loop: entropy-coded data is most of a JPEG. A stuffed FF 00 or a restart marker (one in
                    // every 70 bytes of a simple scene) is passed over here, without a round through the states
                    i = indexOfFF(bytes, i, to);
                    while (i < to - 1 && isStuffedOrRestart(bytes[i + 1] & 0xFF)) {
                        i = indexOfFF(bytes, i + 2, to);
                    }
                    if (i < to) {
                        state = State.ENTROPY_FF;
                        i++;
                    }
                    break;
                }
                case ENTROPY_FF: {
                    int b = bytes[i++] & 0xFF;
                    if (isStuffedOrRestart(b)) {
                        state = State.ENTROPY;
                    } else if (b != JpegMarkers.FILL) {
                        if (!onMarker(b)) {
                            return failAt(i - 1);
                        }
                        if (state == State.DONE) {
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
                        return failAt(i - 1);
                    }
                    state = State.EXPECT_SOI_D8;
                    break;
                case EXPECT_SOI_D8:
                    if ((bytes[i++] & 0xFF) != JpegMarkers.SOI) {
                        return failAt(i - 1);
                    }
                    state = State.EXPECT_MARKER_FF;
                    break;
                case EXPECT_MARKER_FF:
                    if (bytes[i++] != (byte) 0xFF) {
                        return failAt(i - 1);
                    }
                    state = State.MARKER_CODE;
                    break;
                case MARKER_CODE: {
                    int b = bytes[i++] & 0xFF;
                    if (b != JpegMarkers.FILL) {
                        if (!onMarker(b)) {
                            return failAt(i - 1);
                        }
                        if (state == State.DONE) {
                            return i;
                        }
                    }
                    break;
                }
                case LENGTH_HIGH:
                    segmentRemaining = (bytes[i++] & 0xFF) << 8;
                    state = State.LENGTH_LOW;
                    break;
                case LENGTH_LOW:
                    segmentRemaining |= bytes[i++] & 0xFF;
                    if (segmentRemaining < 2) {
                        return failAt(i - 1);
                    }
                    segmentRemaining -= 2;
                    state = segmentRemaining == 0 ? afterSegment() : State.SEGMENT_BODY;
                    break;
                case DONE:
                    return from;
                default:
                    return failAt(from); // already failed: nothing after the break is a JPEG either
            }
        }
        return MORE;
    }

    /**
     * The index of the first {@code FF} byte in {@code bytes[from, to)}, or {@code to}. Eight bytes at a time: a
     * byte of {@code ~word} is zero exactly where the input byte is {@code FF}, and the classic zero-byte test
     * ({@code (x - 0x01..) & ~x & 0x80..}) marks the lowest such byte exactly (a false mark can only sit above a true
     * one). In entropy-coded data an {@code FF} comes once in 70 to 256 bytes, so this loop is where a JPEG walk
     * spends its time; byte by byte it took a third of the CPU of a stream without Content-Length.
     */
    static int indexOfFF(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long inverted = ~(long) LONGS.get(bytes, i);
            long marks = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        while (i < to && bytes[i] != (byte) 0xFF) {
            i++;
        }
        return i;
    }

    /** The index of the first line feed in {@code bytes[from, to)}, or {@code to}; as {@link #indexOfFF}. */
    static int indexOfLineFeed(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long zeroAtLineFeed = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long marks = (zeroAtLineFeed - 0x0101010101010101L) & ~zeroAtLineFeed & 0x8080808080808080L;
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        while (i < to && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean isStuffedOrRestart(int code) {
        return code == JpegMarkers.STUFFED || JpegMarkers.isRestart(code);
    }

    /**
     * After {@link #scan} returned {@link #MALFORMED}: the index, in the array of that call, of the byte that broke
     * the structure. Where the bytes stopped being a JPEG is the same however they were split into calls.
     */
    public int failedAt() {
        return failedAt;
    }

    /** True when a frame header (SOFn) and at least one scan (SOS) were seen: a decodable image. */
    public boolean sawFrameAndScan() {
        return sawFrameHeader && sawScan;
    }

    private boolean onMarker(int code) {
        if (code == JpegMarkers.EOI) {
            state = State.DONE;
            return true;
        }
        if (code == JpegMarkers.SOI || code == JpegMarkers.STUFFED) { // neither may start a segment here
            fail();
            return false;
        }
        if (JpegMarkers.isStandalone(code)) {
            state = State.EXPECT_MARKER_FF; // standalone marker, no length
            return true;
        }
        if (JpegMarkers.isStartOfFrame(code)) {
            sawFrameHeader = true;
        } else if (code == JpegMarkers.SOS) {
            sawScan = true;
        }
        marker = code;
        state = State.LENGTH_HIGH;
        return true;
    }

    private State afterSegment() {
        return marker == JpegMarkers.SOS ? State.ENTROPY : State.EXPECT_MARKER_FF;
    }

    private void fail() {
        state = State.FAILED;
    }

    private int failAt(int index) {
        fail();
        failedAt = index;
        return MALFORMED;
    }
}
