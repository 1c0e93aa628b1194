package io.camelaxis.mjpeg.parser;

import java.util.Arrays;
import java.util.List;

import io.camelaxis.mjpeg.TestData;
import io.camelaxis.mjpeg.simulator.HostileStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartFrameParserTest {

    private static final byte[] A = TestData.jpeg(64, 48, 1);
    private static final byte[] B = TestData.jpeg(80, 60, 2);
    private static final byte[] C = TestData.jpeg(96, 72, 3);

    private static void assertFrames(CollectingHandler h, byte[]... expected) {
        assertThat(h.frames).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(h.frames.get(i)).as("frame %d", i).isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 7, 64, 1000, 4096, 1 << 20 })
    void realAxisCaptureIsParsedByteExactWhateverTheChunking(int chunk) {
        List<byte[]> expected = TestData.captureFrames();
        CollectingHandler h = CollectingHandler.parse("myboundary", TestData.captureBytes(), chunk);
        assertThat(expected).hasSize(10);
        assertFrames(h, expected.toArray(new byte[0][]));
        assertThat(h.discards).isEmpty();
        assertThat(JpegMetadata.read(h.frames.get(0)).cameraTimestamp()).isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP);
    }

    @Test
    void captureFrameIsEmittedAsSoonAsItsLastByteArrivesWithContentLength() {
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).build();
        int lastJpegByte = stream.length - 2; // the CRLF after the JPEG is not needed
        parser.feed(stream, 0, lastJpegByte - 1);
        assertThat(h.frames).isEmpty();
        parser.feed(stream, lastJpegByte - 1, 1);
        assertFrames(h, A);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 5, 333, 65536 })
    void withoutContentLengthTheJpegStructureIsWalkedToEoi(int chunk) {
        byte[] stream = StreamBuilder.crlf().partWithoutLength("myboundary", A).partWithoutLength("myboundary", B)
                .partWithoutLength("myboundary", C).build();
        assertFrames(CollectingHandler.parse("myboundary", stream, chunk), A, B, C);
    }

    @Test
    void withoutContentLengthTheFrameIsEmittedBeforeTheNextDelimiter() {
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        byte[] stream = StreamBuilder.crlf().line("--myboundary").line("Content-Type: image/jpeg").line("").bytes(A)
                .build();
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A);
    }

    @Test
    void quotedBoundaryAndBoundaryDeclaredWithDashes() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).part("myboundary", B).build();
        assertFrames(CollectingHandler.parse("\"myboundary\"", stream, 17), A, B);
        assertFrames(CollectingHandler.parse("--myboundary", stream, 17), A, B);
        assertThat(MultipartBoundary.fromContentType("multipart/x-mixed-replace; boundary=\"--myboundary\""))
                .isEqualTo("myboundary");
        assertThat(MultipartBoundary.fromContentType("multipart/x-mixed-replace;boundary=myboundary"))
                .isEqualTo("myboundary");
        assertThat(MultipartBoundary.fromContentType("multipart/x-mixed-replace")).isNull();
    }

    @Test
    void delimitersWithFourDashesWhenTheDeclaredBoundaryHasTwo() {
        byte[] stream = StreamBuilder.crlf().part("--myboundary", A).part("--myboundary", B).build();
        assertFrames(CollectingHandler.parse("--myboundary", stream, 9), A, B);
    }

    @Test
    void undeclaredBoundaryIsTakenFromTheFirstDelimiterLine() {
        byte[] stream = StreamBuilder.crlf().part("frame", A).part("frame", B).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers, h);
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A, B);
        assertThat(parser.boundary()).isEqualTo("frame");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 11, 4096 })
    void lfOnlyLines(int chunk) {
        byte[] stream = StreamBuilder.lf().part("myboundary", A).partWithoutLength("myboundary", B)
                .part("myboundary", C).build();
        assertFrames(CollectingHandler.parse("myboundary", stream, chunk), A, B, C);
    }

    @Test
    void headersInAnyOrderAndCaseWithUnknownHeaders() {
        byte[] stream = StreamBuilder.crlf()
                .line("--myboundary").line("content-length: " + A.length).line("X-Timestamp: 12345")
                .line("CONTENT-TYPE: IMAGE/JPEG").line("").bytes(A).line("")
                .line("--myboundary").line("Content-length:" + B.length).line("Content-type:image/jpeg")
                .line("X-Empty:").line("").bytes(B).line("")
                .build();
        assertFrames(CollectingHandler.parse("myboundary", stream, 13), A, B);
    }

    @Test
    void preambleBeforeTheFirstDelimiterIsSkippedAndCounted() {
        byte[] stream = StreamBuilder.crlf().line("This is a multi-part message in MIME format.").line("")
                .part("myboundary", A).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A);
        assertThat(h.skippedBytes).isEqualTo("This is a multi-part message in MIME format.\r\n".length());
    }

    @Test
    void duplicateDelimitersAreToleratedNotCountedAsGarbage() {
        byte[] stream = StreamBuilder.crlf().line("--myboundary").part("myboundary", A).line("--myboundary")
                .line("--myboundary").part("myboundary", B).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A, B);
        assertThat(h.discards).isEmpty();
        assertThat(h.skippedBytes).isZero();
    }

    @Test
    void closingDelimiterEndsTheStreamCleanly() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).part("myboundary", B).line("--myboundary--")
                .line("epilogue text").build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 5);
        assertFrames(h, A, B);
        assertThat(h.discards).isEmpty();
    }

    @Test
    void nonImagePartsAreSkippedAndReported() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A)
                .line("--myboundary").line("Content-Type: text/plain").line("Content-Length: 5").line("")
                .text("hello").line("")
                .line("--myboundary").line("Content-Type: application/json").line("").line("{\"a\": 1}")
                .part("myboundary", B).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 3);
        assertFrames(h, A, B);
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(2);
        assertThat(h.corrupt()).isZero();
    }

    @Test
    void partWithoutContentTypeIsTakenForAJpeg() {
        byte[] stream = StreamBuilder.crlf().line("--myboundary").line("Content-Length: " + A.length).line("")
                .bytes(A).line("").build();
        assertFrames(CollectingHandler.parse("myboundary", stream, 64), A);
    }

    @Test
    void trailingPaddingInsideContentLengthIsTrimmedToEoi() {
        byte[] padded = Arrays.copyOf(A, A.length + 4);
        padded[A.length] = '\r';
        padded[A.length + 1] = '\n';
        byte[] stream = StreamBuilder.crlf().part("myboundary", padded).build();
        assertFrames(CollectingHandler.parse("myboundary", stream, 64), A);
    }

    // ------------------------------------------------------------------ damage

    @Test
    void lyingShortContentLengthDropsTheFrameAndResyncs() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A)
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + B.length / 2)
                .line("").bytes(B).line("")
                .part("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 100);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @Test
    void lyingLongContentLengthCostsOnlyItsOwnFrame() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A)
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: " + (B.length + 200))
                .line("").bytes(B).line("")
                .part("myboundary", C).part("myboundary", A).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 100);
        assertFrames(h, A, C, A);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @Test
    void hugeContentLengthIsRefusedWithoutAllocating() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A)
                .line("--myboundary").line("Content-Type: image/jpeg").line("Content-Length: 2000000000").line("")
                .bytes(B).line("")
                .part("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 100, JpegValidation.markers, 64 * 1024);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void absurdContentLengthDigitsDoNotOverflow() {
        byte[] stream = StreamBuilder.crlf()
                .line("--myboundary").line("Content-Length: 99999999999999999999999999").line("").bytes(B).line("")
                .part("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 100);
        assertFrames(h, C);
        assertThat(h.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void truncatedJpegWithoutContentLengthIsDroppedAndTheNextFrameKept() {
        byte[] half = Arrays.copyOf(B, B.length / 2);
        byte[] stream = StreamBuilder.crlf().partWithoutLength("myboundary", A).partWithoutLength("myboundary", half)
                .partWithoutLength("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 50);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @Test
    void truncatedJpegWithMatchingContentLengthIsDropped() {
        byte[] half = Arrays.copyOf(B, B.length / 2);
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).part("myboundary", half).part("myboundary", C)
                .build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 50);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @Test
    void streamEndingMidFrameReportsTruncationNeverAFrame() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).build();
        byte[] cut = StreamBuilder.crlf().line("--myboundary").line("Content-Type: image/jpeg")
                .line("Content-Length: " + B.length).line("").build();
        byte[] all = concat(stream, cut, Arrays.copyOf(B, B.length / 3));
        CollectingHandler h = CollectingHandler.parse("myboundary", all, 64);
        assertFrames(h, A);
        assertThat(h.discarded(DiscardReason.TRUNCATED)).isEqualTo(1);

        byte[] cutNoLength = concat(stream, StreamBuilder.crlf().line("--myboundary").line("").build(),
                Arrays.copyOf(B, B.length / 3));
        CollectingHandler h2 = CollectingHandler.parse("myboundary", cutNoLength, 64);
        assertFrames(h2, A);
        assertThat(h2.discarded(DiscardReason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void garbageBetweenPartsIsSkipped() {
        byte[] garbage = new byte[5000];
        new java.util.Random(7).nextBytes(garbage);
        byte[] stream = concat(StreamBuilder.crlf().part("myboundary", A).build(), garbage,
                StreamBuilder.crlf().line("").part("myboundary", B).build());
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 333);
        assertFrames(h, A, B);
    }

    @Test
    void aDamagedSegmentLengthWithoutContentLengthCostsOnlyItsOwnFrame() {
        // a bogus DHT marker with a 32 KB length inside B's entropy data: the walk would skip over C and D
        byte[] damaged = concat(java.util.Arrays.copyOf(B, B.length / 2),
                new byte[] { (byte) 0xFF, (byte) 0xC4, 0x7F, (byte) 0xFF },
                java.util.Arrays.copyOfRange(B, B.length / 2, B.length));
        byte[] stream = StreamBuilder.crlf().partWithoutLength("myboundary", A)
                .partWithoutLength("myboundary", damaged).partWithoutLength("myboundary", C)
                .partWithoutLength("myboundary", A).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A, C, A); // found at once, not at the size limit or the end of the stream
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @Test
    void garbageGluedToTheNextDelimiterIsSkipped() {
        byte[] garbage = new byte[3000];
        java.util.Arrays.fill(garbage, (byte) 'g');
        byte[] stream = concat(StreamBuilder.crlf().part("myboundary", A).build(), garbage,
                StreamBuilder.crlf().part("myboundary", B).build(), "noise".getBytes(),
                StreamBuilder.crlf().part("myboundary", C).build());
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 333);
        assertFrames(h, A, B, C);
    }

    @Test
    void boundaryThatNeverComesKeepsMemoryBounded() {
        byte[] endless = new byte[3 * 1024 * 1024];
        Arrays.fill(endless, (byte) 'A');
        byte[] stream = concat(StreamBuilder.crlf().part("myboundary", A).line("--myboundary")
                .line("Content-Type: image/jpeg").line("").build(),
                new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2 }, endless,
                StreamBuilder.crlf().line("").part("myboundary", C).build());
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 8192, JpegValidation.markers, 256 * 1024);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
    }

    @Test
    void headersThatNeverEndAreRefused() {
        StreamBuilder b = StreamBuilder.crlf().part("myboundary", A).line("--myboundary");
        for (int i = 0; i < 2000; i++) {
            b.line("X-Noise-" + i + ": " + "z".repeat(20));
        }
        byte[] stream = b.line("").bytes(B).line("").part("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 1000);
        assertFrames(h, A, C);
        assertThat(h.discarded(DiscardReason.BAD_HEADERS)).isEqualTo(1);
    }

    @Test
    void missingEoiIsCorruptUnderMarkersValidationButKeptUnderNone() {
        byte[] broken = A.clone();
        broken[broken.length - 1] = 0x00;
        broken[broken.length - 2] = 0x00;
        byte[] stream = StreamBuilder.crlf().part("myboundary", broken).part("myboundary", B).build();
        CollectingHandler strict = CollectingHandler.parse("myboundary", stream, 100);
        assertFrames(strict, B);
        assertThat(strict.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        CollectingHandler lenient = CollectingHandler.parse("myboundary", stream, 100, JpegValidation.none, 1 << 20);
        assertFrames(lenient, broken, B);
    }

    @Test
    void structureValidationRejectsAJpegWithoutAFrameHeader() {
        byte[] fake = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE, 0, 4, 'h', 'i', (byte) 0xFF, (byte) 0xD9 };
        byte[] stream = StreamBuilder.crlf().part("myboundary", fake).part("myboundary", B).build();
        CollectingHandler markers = CollectingHandler.parse("myboundary", stream, 100);
        assertFrames(markers, fake, B);
        CollectingHandler structure = CollectingHandler.parse("myboundary", stream, 100, JpegValidation.structure,
                1 << 20);
        assertFrames(structure, B);
        assertThat(structure.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1 << 16, Integer.MAX_VALUE })
    void nestedLyingLengthsAreDroppedInLinearWorkAndTheFramesAfterThemArrive(int chunk) {
        int levels = 20_000;
        byte[] stream = concat(HostileStreams.nestedLyingLengths("myboundary", "\r\n", levels, A),
                StreamBuilder.crlf().part("myboundary", B).build());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        CollectingHandler h = CollectingHandler.parse("myboundary", stream, Math.min(chunk, stream.length));

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertFrames(h, A, B);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(levels); // every lying part counted once
        assertThat(h.discards).hasSize(1);
        // each byte is copied at most once more when rescanned: recursion copied the rest of the stream per level
        assertThat(allocated).as("bytes allocated for a %d byte stream", stream.length)
                .isLessThan(3L * stream.length);
    }

    @Test
    void aLengthPastTheEndOfTheStreamStillYieldsTheFramesItSwallowed() {
        byte[] stream = StreamBuilder.crlf().line("--myboundary").line("Content-Type: image/jpeg")
                .line("Content-Length: 900000").line("").bytes(A).line("").part("myboundary", B)
                .part("myboundary", C).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 4096);
        // A's own bytes are under the lying length; B and C are recovered as soon as a delimiter shows the lie
        assertFrames(h, B, C);
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(1);
        assertThat(h.discards).hasSize(1);
    }

    @Test
    void anEndlessHeaderLineIsDroppedAtTheHeaderLimitBeforeItEnds() {
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        byte[] head = StreamBuilder.crlf().line("--myboundary").line("Content-Type: image/jpeg").text("X-Junk: ")
                .build();
        parser.feed(head, 0, head.length);
        byte[] junk = new byte[1000];
        Arrays.fill(junk, (byte) 'j');
        for (int i = 0; i < 20; i++) {
            parser.feed(junk, 0, junk.length);
        }
        assertThat(h.discarded(DiscardReason.BAD_HEADERS)).isEqualTo(1); // counted now, not when a line break comes
        byte[] rest = StreamBuilder.crlf().line("").part("myboundary", B).build();
        parser.feed(rest, 0, rest.length);
        assertFrames(h, B);
        assertThat(h.discards).hasSize(1);
    }

    @Test
    void aDeclaredBoundaryLongerThanTheLimitIsRefusedWithItsLength() {
        String boundary = "b".repeat(MultipartBoundary.MAX_LENGTH + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MultipartFrameParser(boundary, 1 << 20,
                JpegValidation.markers, new CollectingHandler())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has " + (MultipartBoundary.MAX_LENGTH + 1) + " characters");
    }

    @Test
    void aDelimiterLikeLineLongerThanTheLimitIsNotTakenForTheBoundary() {
        byte[] stream = StreamBuilder.crlf().line("--" + "x".repeat(MultipartBoundary.MAX_LENGTH + 1))
                .part("frame", A).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers, h);
        parser.feed(stream, 0, stream.length);
        assertFrames(h, A);
        assertThat(parser.boundary()).isEqualTo("frame");
    }

    @Test
    void countersAddUp() {
        byte[] stream = TestData.captureBytes();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.structure, h);
        parser.feed(stream, 0, stream.length);
        assertThat(h.frames).hasSize(10);
        assertThat(parser.bytesIn()).isEqualTo(stream.length);
        assertThat(h.skippedBytes).isZero();
        assertThat(h.discards).isEmpty();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
