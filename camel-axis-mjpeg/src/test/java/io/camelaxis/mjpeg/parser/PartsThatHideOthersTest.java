package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parts that would hide the parts after them: a JPEG cut short without Content-Length whose walk runs on into the next
 * part, and a Content-Length far longer than the stream's frames. Neither may emit a frame holding another part, nor
 * hold the frames behind it until its claimed length has arrived.
 */
class PartsThatHideOthersTest {

    private static final byte[] A = TestData.jpeg(64, 48, 1);
    private static final byte[] B = TestData.jpeg(80, 60, 2);

    /** The head of a text part declaring 1 MB, far beyond the 2 KB frames: its length is watched for a lie. */
    private static StreamBuilder lyingTextPart(StreamBuilder stream) {
        return stream.line("--b").line("Content-Type: text/plain").line("Content-Length: 1000000").line("");
    }

    private static StreamBuilder goodParts(StreamBuilder stream, int count) {
        for (int i = 0; i < count; i++) {
            stream.part("b", i % 2 == 0 ? A : B);
        }
        return stream;
    }

    /**
     * A JPEG cut off in its image data (no EOI), then a text part with the bytes FF D9 in it: the walk ran through the
     * delimiter and the text part's headers and ended at that FF D9, and a "frame" holding both reached the route,
     * even with jpegValidation=structure, counted nowhere.
     */
    @ParameterizedTest
    @CsvSource({ "markers, 1", "markers, 7", "markers, 1048576", "structure, 1", "structure, 7", "structure, 1048576" })
    void aJpegCutShortNeverTakesTheNextPartIntoItsFrame(JpegValidation validation, int chunk) {
        byte[] stream = StreamBuilder.crlf().line("--b").line("Content-Type: image/jpeg").line("")
                .bytes(Arrays.copyOf(A, A.length * 2 / 3)).line("")
                .line("--b").line("Content-Type: text/plain").line("").text("note ")
                .bytes(new byte[] { (byte) 0xFF, (byte) 0xD9 }).line("")
                .part("b", B).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, validation, 1 << 20);
        assertThat(h.frames).hasSize(1);
        assertThat(h.frames.get(0)).isEqualTo(B);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
    }

    /**
     * One part declaring 1 MB amid frames of 2 KB: the frames behind it come out as they arrive, not once a megabyte
     * has (20 s of such a camera at 25 fps, long enough to be taken for a camera without frames).
     */
    @ParameterizedTest
    @ValueSource(ints = { 7, 4096, 65536 })
    void aContentLengthFarLongerThanTheFramesDoesNotHoldTheFramesBehindIt(int chunk) {
        byte[] before = goodParts(StreamBuilder.crlf(), 5).line("--b").line("Content-Type: image/jpeg")
                .line("Content-Length: 1000000").line("").bytes(A).line("").build();
        byte[] after = goodParts(StreamBuilder.crlf(), 40).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("b", 2_000_000, JpegValidation.markers, h);
        feed(parser, before, chunk);
        feed(parser, after, chunk);
        // the 40 parts after it are 1/10 of the claimed megabyte: all out, none waiting
        assertThat(h.frames).hasSize(45);
        assertThat(h.frames.get(44)).isEqualTo(B);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    /**
     * A text part declaring 1 MB amid frames of 2 KB (within maxFrameSize, so its length was trusted): the 40 frames
     * behind it were skipped as its body, counted as one dropped text part. Like a watched image part, it ends at the
     * delimiter inside it, however the reads split that delimiter. So does one whose lie is plausible (3000 bytes
     * declared, 5 sent): its length was trusted, as being within the sizes of the stream's frames, and the frame
     * behind it was skipped, counted nowhere; every text body is looked at now.
     */
    @ParameterizedTest
    @CsvSource({ "1000000, 1", "1000000, 7", "1000000, 4096", "1000000, 65536", "1000000, 10000000", "3000, 1",
                 "3000, 7", "3000, 4096", "3000, 65536" })
    void aTextPartWhoseLengthLiesDoesNotSkipTheFramesBehindIt(int declared, int chunk) {
        byte[] stream = goodParts(goodParts(StreamBuilder.crlf(), 5).line("--b").line("Content-Type: text/plain")
                .line("Content-Length: " + declared).line("").text("hello").line(""), 40).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);
        assertThat(h.frames).hasSize(45);
        assertThat(h.frames.get(5)).isEqualTo(A);
        assertThat(h.frames.get(44)).isEqualTo(B);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
        assertThat(h.discards).hasSize(1);
    }

    /**
     * The same text part, its lie ended by a delimiter glued to its last bytes or with more dashes. The line reader
     * takes either for a delimiter, and an image part ends there; the skip ended only at an exact line feed, two
     * dashes and the boundary, so the 40 frames behind it were lost.
     */
    @ParameterizedTest
    @CsvSource({ "hello--b, 1", "hello--b, 7", "hello--b, 65536", "'hello\r\n----b', 1", "'hello\r\n----b', 4096",
                 "'hello\r\n----b \t', 10000000" })
    void aTextPartFarLongerThanTheFramesEndsAtADelimiterGluedToItOrWithMoreDashes(String ending, int chunk) {
        String unescaped = ending.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        StreamBuilder stream = lyingTextPart(goodParts(StreamBuilder.crlf(), 5)).line(unescaped)
                .line("Content-Type: image/jpeg").line("Content-Length: " + A.length).line("").bytes(A).line("");
        CollectingHandler h = CollectingHandler.parse("b", goodParts(stream, 40).build(), chunk, JpegValidation.markers,
                2_000_000);
        assertThat(h.frames).hasSize(46);
        assertThat(h.frames.get(5)).isEqualTo(A);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
        assertThat(h.discards).hasSize(1);
    }

    /**
     * A text part whose length ends inside the next delimiter line (16 declared, 11 sent: the skip took the line break
     * and the dashes of {@code \r\n--b\r\n}): the line reader began after them, at {@code b}, and the frame behind was
     * lost, counted nowhere but in skipped bytes (found by an attacker pass; an image part's lie was read right). The
     * body's last line goes on in the line reader when it begins with a dash; the frame arrives.
     */
    @ParameterizedTest
    @CsvSource({ "13, 1", "14, 7", "15, 65536", "16, 1", "16, 7", "16, 65536" })
    void aTextLengthEndingInsideTheNextDelimiterLineDoesNotHideTheFrameBehindIt(int declared, int chunk) {
        byte[] stream = StreamBuilder.crlf().part("b", B).line("--b").line("Content-Type: text/plain")
                .line("Content-Length: " + declared).line("").text("hello world").line("")
                .part("b", A).part("b", B).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 1 << 20);
        assertThat(h.frames).hasSize(3);
        assertThat(h.frames.get(1)).isEqualTo(A);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
        assertThat(h.discards).hasSize(1);
        assertThat(h.skippedBytes).isZero();
    }

    /**
     * A text part ended early at the delimiter inside it is counted with the bytes it held ("hello" and its line
     * break), not with the 3000 it declared, as a watched image part is; with the delimiter glued to its last bytes, the
     * part held none and that line is skipped bytes: before, it was counted in both.
     */
    @ParameterizedTest
    @CsvSource({ "false, 1", "false, 65536", "true, 1", "true, 65536" })
    void aTextPartEndedEarlyIsCountedWithTheBytesItHeld(boolean glued, int chunk) {
        StreamBuilder text = StreamBuilder.crlf().part("b", A).line("--b").line("Content-Type: text/plain")
                .line("Content-Length: 3000").line("");
        byte[] stream = (glued ? text.text("hellogarbage") : text.line("hello")).part("b", B).build();
        List<String> drops = new ArrayList<>();
        long[] skipped = new long[1];
        List<byte[]> frames = new ArrayList<>();
        MultipartFrameParser parser = new MultipartFrameParser("b", 1 << 20, JpegValidation.markers,
                new FrameHandler() {
                    @Override
                    public void onFrame(byte[] jpeg) {
                        frames.add(jpeg);
                    }

                    @Override
                    public void onDiscard(DiscardReason reason, long bytes) {
                        drops.add(reason + " " + bytes);
                    }

                    @Override
                    public void onSkipped(long bytes) {
                        skipped[0] += bytes;
                    }
                });
        feed(parser, stream, chunk);
        parser.endOfStream();
        assertThat(frames).containsExactly(A, B);
        assertThat(drops).containsExactly(glued ? "NOT_JPEG 0" : "NOT_JPEG 7");
        if (glued) {
            assertThat(skipped[0]).isBetween(12L, 17L); // "hellogarbage", with or without the glued delimiter
        } else {
            assertThat(skipped[0]).isZero();
        }
    }

    /** A long text part that tells the truth is still skipped whole: the frames after it come next. */
    @ParameterizedTest
    @ValueSource(ints = { 7, 65536 })
    void aLongTextPartWithoutADelimiterIsSkippedWhole(int chunk) {
        String text = "-- b is not a delimiter\n".repeat(8_000); // 192,000 bytes of line feeds and dashes
        byte[] stream = goodParts(goodParts(StreamBuilder.crlf(), 5).line("--b").line("Content-Type: text/plain")
                .line("Content-Length: " + text.length()).line("").text(text).line(""), 3).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);
        assertThat(h.frames).hasSize(8);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
        assertThat(h.skippedBytes).isLessThan(100);
    }

    /**
     * A trusted length that lied swallowed a part without length whose JPEG is cut short, then a delimiter glued to
     * garbage, then a good part that goes on past the dropped bytes. Read again, the cut part ended only at an exact
     * line feed, two dashes and the boundary: it ran over the glued delimiter and the good part (its JPEG walk broke
     * there) to the next one, and as the bytes began with SOI and ended with the good part's EOI they came out as one
     * "frame" holding both parts. A part begun in dropped bytes is read as any part without length now: it ends at the
     * glued delimiter, and the good part arrives.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 4096, 1_000_000 })
    void aPartReadAgainFromADroppedPartEndsAtAGluedDelimiterAndNeverHoldsTheNext(int chunk) {
        byte[] large = TestData.jpeg(320, 240, 5);
        byte[] cut = Arrays.copyOf(large, large.length * 4 / 5);
        byte[] swallowed = StreamBuilder.crlf().line("--b").line("Content-Type: image/jpeg").line("").bytes(cut)
                .line("garbage--b").line("Content-Type: image/jpeg").line("").bytes(B).line("").build();
        int declared = A.length + 2 + swallowed.length - B.length / 2; // ends inside the good part's JPEG
        byte[] stream = goodParts(StreamBuilder.crlf(), 3).line("--b").line("Content-Type: image/jpeg")
                .line("Content-Length: " + declared).line("").bytes(A).line("").bytes(swallowed)
                .part("b", A).build();

        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);

        assertThat(h.frames).extracting(frame -> frame.length)
                .containsExactly(A.length, B.length, A.length, B.length, A.length);
        assertThat(Arrays.equals(h.frames.get(3), B)).isTrue();
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(2); // the lying part, the cut one
    }

    /**
     * The stream ends inside a trusted length that lied: its bytes are read again, and a part begun in them that runs
     * to their end is cut off too. It was cleared without a word (its bytes counted only in the outer part's drop);
     * it is counted as truncated like any part the end of the stream cuts.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 4096, 1_000_000 })
    void aPartBegunInBytesReadAgainAtTheEndOfTheStreamIsCountedAsTruncated(int chunk) {
        byte[] half = Arrays.copyOf(B, B.length / 2);
        byte[] stream = goodParts(StreamBuilder.crlf(), 2).line("--b").line("Content-Type: image/jpeg")
                .line("Content-Length: 60000").line("").bytes(A).line("").line("--b").line("Content-Type: image/jpeg")
                .line("").bytes(half).build();

        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);

        assertThat(h.frames).extracting(frame -> frame.length).containsExactly(A.length, B.length);
        assertThat(h.discarded(DiscardReason.TRUNCATED)).isEqualTo(2); // the lying part, and the part begun in it
    }

    /** maxFrameSize next to the largest array: the walk's window was computed in int and overflowed. */
    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 1_000_000 })
    void aMaxFrameSizeNearTheLargestArrayStillReadsPartsWithoutLength(int chunk) {
        byte[] stream = StreamBuilder.crlf().partWithoutLength("b", A).partWithoutLength("b", B)
                .line("--b").line("Content-Type: image/jpeg").line("").bytes(new byte[] { -1, -40, -1, -32 }).build();

        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers,
                Integer.MAX_VALUE - 8);

        assertThat(h.frames).extracting(frame -> frame.length).containsExactly(A.length, B.length);
        assertThat(Arrays.equals(h.frames.get(1), B)).isTrue();
        assertThat(h.discarded(DiscardReason.TRUNCATED)).isEqualTo(1);
    }

    /**
     * A part that begins inside a dropped part's body is read to the next delimiter, which may lie up to maxFrameSize
     * plus trailing padding away: its JPEG was emitted even when it was a few bytes over maxFrameSize (found by
     * fuzzing). Now dropped as OVERSIZE, as every other frame over the limit.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 4096, 1_000_000 })
    void aFrameReadAgainFromADroppedPartIsNeverOverMaxFrameSize(int chunk) {
        byte[] inner = StreamBuilder.crlf().line("--b").line("Content-Type: image/jpeg").line("").bytes(B).line("")
                .build();
        int declared = 60; // the dropped part takes the inner part's head and the start of its JPEG
        byte[] stream = StreamBuilder.crlf().line("--b").line("Content-Type: image/jpeg")
                .line("Content-Length: " + declared).line("").text("xx").line("").bytes(inner)
                .part("b", A).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, B.length - 10);
        assertThat(h.frames).allMatch(f -> f.length <= B.length - 10);
        assertThat(h.frames).containsExactly(A);
        assertThat(h.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    /** The same through the reader that reads large bodies straight into the frame array. */
    @ParameterizedTest
    @ValueSource(ints = { 4096, 65536 })
    void aContentLengthFarLongerThanTheFramesDoesNotHoldThemOnTheDirectPath(int readSize) throws Exception {
        byte[] stream = goodParts(goodParts(StreamBuilder.crlf(), 5).line("--b").line("Content-Type: image/jpeg")
                .line("Content-Length: 1000000").line("").bytes(A).line(""), 40).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("b", 2_000_000, JpegValidation.markers, h);
        StreamReader reader = new StreamReader(new ByteArrayInputStream(stream), parser, readSize);
        while (reader.readOnce() >= 0) {
            // every byte of the stream, without its end: a held frame would still be held
        }
        assertThat(h.frames).hasSize(45);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    /** A large frame amid small ones that is no lie still arrives whole (the watch finds no delimiter in it). */
    @ParameterizedTest
    @ValueSource(ints = { 4096, 65536 })
    void aTrulyLargeFrameAmidSmallOnesStillArrives(int chunk) {
        byte[] large = padTo(TestData.jpeg(1280, 720, 3), 600_000);
        byte[] stream = goodParts(StreamBuilder.crlf(), 3).part("b", large).part("b", A).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);
        assertThat(h.frames).hasSize(5);
        assertThat(h.frames.get(3)).isEqualTo(large);
        assertThat(h.discards).isEmpty();
    }

    /**
     * A JPEG without Content-Length whose comment holds a line that ends with the delimiter after 1021 blanks: the
     * line reader keeps a line's last 1024 bytes and never sees that delimiter, so the body does not end there either
     * (the search once left out up to 1024 trailing blanks however long the line, and cut the frame there). With
     * 1020 blanks both see a delimiter, and the cut JPEG is dropped.
     */
    @ParameterizedTest
    @CsvSource({ "1021, 1", "1020, 7", "1021, 65536", "1020, 65536" })
    void aDelimiterBeyondTheLineReadersWindowDoesNotEndABody(int blanks, int chunk) {
        byte[] commented = withComment(A, "\r\n--b" + " ".repeat(blanks) + "\r\n");
        byte[] stream = StreamBuilder.crlf().partWithoutLength("b", commented).part("b", B).build();
        CollectingHandler h = CollectingHandler.parse("b", stream, chunk, JpegValidation.markers, 2_000_000);
        if (blanks > 1020) {
            assertThat(h.frames).hasSize(2);
            assertThat(h.frames.get(0)).isEqualTo(commented);
            assertThat(h.discards).isEmpty();
        } else {
            assertThat(h.frames).hasSize(1);
            assertThat(h.frames.get(0)).isEqualTo(B);
            assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        }
    }

    private static byte[] withComment(byte[] jpeg, String text) {
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[jpeg.length + 4 + payload.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) ((payload.length + 2) >> 8);
        out[5] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, out, 6, payload.length);
        System.arraycopy(jpeg, 2, out, 6 + payload.length, jpeg.length - 2);
        return out;
    }

    /** A JPEG made {@code size} bytes long with a comment segment of bytes that hold line feeds and dashes. */
    private static byte[] padTo(byte[] jpeg, int size) {
        byte[] out = new byte[size];
        int comment = size - jpeg.length;
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        int at = 2;
        while (comment > 0) {
            int segment = Math.min(comment, 65_535 + 2);
            if (comment - segment > 0 && comment - segment < 4) {
                segment -= 4; // leave the last segment room for its marker and length
            }
            int payload = segment - 4;
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xFE;
            out[at + 2] = (byte) ((payload + 2) >> 8);
            out[at + 3] = (byte) (payload + 2);
            byte[] text = "\r\n--a\r\n".repeat(payload / 7 + 1).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(text, 0, out, at + 4, payload);
            at += segment;
            comment -= segment;
        }
        System.arraycopy(jpeg, 2, out, at, jpeg.length - 2);
        return out;
    }

    private static void feed(MultipartFrameParser parser, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
    }
}
