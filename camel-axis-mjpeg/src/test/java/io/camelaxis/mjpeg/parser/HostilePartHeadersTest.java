package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayInputStream;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part headers that are legal but unusual. */
class HostilePartHeadersTest {

    private static final byte[] A = TestData.jpeg(64, 48, 1);
    private static final byte[] B = TestData.jpeg(80, 60, 2);

    /**
     * A folded header (a continuation line starting with a space or a tab, as MIME allows) was read as a line that is
     * no header at all: the part was dropped as BAD_HEADERS and its frame lost.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 5, 4096 })
    void aFoldedHeaderLineContinuesTheHeaderAndTheFrameArrives(int chunk) {
        byte[] stream = StreamBuilder.crlf()
                .line("--myboundary").line("Content-Type: image/jpeg").line("X-Description: front gate,")
                .line("  north side").line("\tand the car park").line("Content-Length: " + A.length).line("")
                .bytes(A).line("")
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + B.length).line("")
                .bytes(B).line("")
                .build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, chunk);
        assertThat(h.frames).containsExactly(A, B);
        assertThat(h.discards).isEmpty();
    }
    /**
     * A blank line too many between the part headers and a Content-Length body: the line break was read as the body's
     * first bytes, so every frame ended short and was dropped as corrupt (parts without Content-Length coped).
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 5, 4096 })
    void aBlankLineTooManyBeforeTheBodyCostsNoFrame(int chunk) {
        byte[] stream = StreamBuilder.crlf()
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + A.length).line("")
                .line("").bytes(A).line("")
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + B.length).line("")
                .line("").line("").bytes(B).line("")
                .build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, chunk);
        assertThat(h.frames).containsExactly(A, B);
        assertThat(h.discards).isEmpty();
    }

    /** The same read straight into the frame array (the blocking transport's path for large bodies). */
    @Test
    void aBlankLineTooManyBeforeTheBodyCostsNoFrameOnTheDirectPath() throws Exception {
        byte[] stream = StreamBuilder.crlf()
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + A.length).line("")
                .line("").bytes(A).line("")
                .build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        StreamReader reader = new StreamReader(new ByteArrayInputStream(stream), parser, 512);
        while (reader.readOnce() >= 0) {
            // until the end of the stream
        }
        assertThat(h.frames).containsExactly(A);
        assertThat(h.discards).isEmpty();
    }

    /**
     * More than 64 KB of padding before a body gives the same count of skipped bytes whatever the reads: the part is
     * dropped at the byte that takes it past, and the rest is read as lines. Before, the whole of the read that crossed
     * the limit was counted as padding, and the rest of the run, read later, was not: the count depended on the reads.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 4096, 65536, 1_000_000 })
    void paddingPastTheLimitIsCountedTheSameWhateverTheReads(int chunk) {
        byte[] nul = new byte[100_000];
        byte[] scanned = StreamBuilder.crlf().line("--b").line("").bytes(nul).bytes(A).line("").part("b", B).build();
        byte[] fixed = StreamBuilder.crlf().line("--b").line("Content-Length: " + A.length).line("")
                .text("\r\n".repeat(50_000)).bytes(A).line("").part("b", B).build();
        for (byte[] stream : new byte[][] { scanned, fixed }) {
            CollectingHandler one = CollectingHandler.parse("b", stream, stream.length, JpegValidation.markers, 1 << 16);
            CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 1 << 16);
            assertThat(h.frames).containsExactly(B);
            assertThat(h.discards).isEqualTo(one.discards);
            assertThat(h.skippedBytes).isEqualTo(one.skippedBytes);
        }
    }

    /**
     * Padding before a body (line breaks, blanks, NULs: a camera's blank line too many) is counted as skipped, and more
     * than 64 KB of it drops the part: before, any amount was skipped, counted nowhere, and the frame after 300 KB of
     * it accepted.
     */
    @ParameterizedTest
    @ValueSource(ints = { 7, 4096 })
    void paddingBeforeABodyIsCountedAndBounded(int chunk) {
        byte[] nul = new byte[300_000];
        byte[] scanned = StreamBuilder.crlf().line("--b").line("").bytes(nul).bytes(A).line("").part("b", B).build();
        CollectingHandler h = CollectingHandler.parse("b", scanned, chunk, JpegValidation.markers, 1 << 16);
        assertThat(h.frames).containsExactly(B);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        assertThat(h.skippedBytes).isGreaterThan(MultipartFrameParser.MAX_BODY_PADDING);

        byte[] fixed = StreamBuilder.crlf().line("--b").line("Content-Length: " + A.length).line("")
                .text("\r\n".repeat(150_000)).bytes(A).line("").part("b", B).build();
        h = CollectingHandler.parse("b", fixed, chunk, JpegValidation.markers, 1 << 16);
        assertThat(h.frames).containsExactly(B);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        assertThat(h.skippedBytes).isGreaterThan(MultipartFrameParser.MAX_BODY_PADDING);

        byte[] blankLine = StreamBuilder.crlf().line("--b").line("Content-Length: " + A.length).line("").line("")
                .bytes(A).line("").build();
        h = CollectingHandler.parse("b", blankLine, chunk, JpegValidation.markers, 1 << 16);
        assertThat(h.frames).containsExactly(A);
        assertThat(h.skippedBytes).isEqualTo(2);
    }

    /**
     * A line without end between parts, past 2 GB (what a fast camera sends before the no-frame timeout ends the
     * connection): counted to the byte as skipped, and the delimiter after it still starts a part. The line's length
     * was an {@code int}, and a wrapped count went into the statistics as negative skipped bytes.
     */
    @Test
    void aLineLongerThan2GbIsCountedAndTheNextPartStillArrives() {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        byte[] x = new byte[1 << 20];
        java.util.Arrays.fill(x, (byte) 'x');
        long line = 0;
        for (int i = 0; i < 2100; i++) { // 2100 MiB: past 2^31 bytes
            parser.feed(x, 0, x.length);
            line += x.length;
        }
        byte[] next = ("\r\n--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        parser.feed(next, 0, next.length);
        parser.feed(jpeg, 0, jpeg.length);
        assertThat(line).isGreaterThan(Integer.MAX_VALUE);
        assertThat(h.skippedBytes).isEqualTo(line + 2); // the line and its CRLF
        assertThat(h.frames).hasSize(1);
        assertThat(h.frames.get(0)).isEqualTo(jpeg);
    }
}
