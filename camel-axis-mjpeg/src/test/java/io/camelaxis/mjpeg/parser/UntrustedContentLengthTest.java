package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared Content-Length is not trusted with memory: the body's array grows as its bytes arrive. Before, a part
 * declaring maxFrameSize (16 MB by default) was one 16 MB allocation however few bytes followed.
 */
class UntrustedContentLengthTest {

    /** Larger than the first allocation: the array must grow, and the frame still arrive byte for byte. */
    private static final byte[] LARGE = fakeJpeg(3 * MultipartFrameParser.UNTRUSTED_BODY_ALLOCATION + 12_345, 1);
    private static final byte[] LARGER = fakeJpeg(5 * MultipartFrameParser.UNTRUSTED_BODY_ALLOCATION + 7, 2);

    /** SOI, filler, EOI: what the markers validation checks. */
    private static byte[] fakeJpeg(int size, int seed) {
        byte[] jpeg = new byte[size];
        for (int i = 2; i < size - 2; i++) {
            jpeg[i] = (byte) (i * 31 + seed);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[size - 2] = (byte) 0xFF;
        jpeg[size - 1] = (byte) 0xD9;
        return jpeg;
    }

    private static byte[] stream() {
        return StreamBuilder.crlf().part("myboundary", LARGE).part("myboundary", LARGER).part("myboundary", LARGE)
                .build();
    }

    @ParameterizedTest
    @ValueSource(ints = { 4096, 65_536, 1_048_583 })
    void bodiesLargerThanTheFirstAllocationArriveWhole(int chunk) {
        CollectingHandler h = CollectingHandler.parse("myboundary", stream(), chunk, JpegValidation.markers,
                MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE);
        assertThat(h.frames).hasSize(3);
        assertThat(Arrays.equals(h.frames.get(0), LARGE)).isTrue();
        assertThat(Arrays.equals(h.frames.get(1), LARGER)).isTrue();
        assertThat(Arrays.equals(h.frames.get(2), LARGE)).isTrue();
        assertThat(h.discards).isEmpty();
    }

    @Test
    void bodiesLargerThanTheFirstAllocationArriveWholeOnTheDirectPath() throws Exception {
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE,
                JpegValidation.markers, h);
        StreamReader reader = new StreamReader(new ByteArrayInputStream(stream()), parser, 65_536);
        while (reader.readOnce() >= 0) {
            // until the end of the stream
        }
        assertThat(h.frames).hasSize(3);
        assertThat(Arrays.equals(h.frames.get(1), LARGER)).isTrue();
    }

    @Test
    void aLyingLengthHoldsAboutWhatWasSentNotWhatWasDeclared() {
        byte[] sent = fakeJpeg(200_000, 3);
        byte[] stream = StreamBuilder.crlf().line("--myboundary").line("Content-Type: image/jpeg")
                .line("Content-Length: " + MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE).line("").bytes(sent).build();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE,
                JpegValidation.markers, h);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < stream.length; i += 8192) {
            parser.feed(stream, i, Math.min(8192, stream.length - i));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for a 16 MB claim backed by 200 KB")
                .isLessThan(2L * MultipartFrameParser.UNTRUSTED_BODY_ALLOCATION);
        parser.endOfStream();
        assertThat(h.discarded(DiscardReason.TRUNCATED)).isEqualTo(1);
        assertThat(h.frames).isEmpty();
    }

    /**
     * A part that is no JPEG is skipped by its Content-Length, but only a length a frame could have: beyond
     * maxFrameSize the skip is not trusted and the next delimiter ends the part. Before, a text part declaring
     * 99999999999 bytes made the parser skip the rest of the stream, every frame after it, until the camera was taken
     * for frameless and reconnected.
     */
    @ParameterizedTest
    @ValueSource(strings = { "99999999999", "16777217" })
    void aNonImagePartDeclaringMoreThanAFrameMayHoldEndsAtTheNextDelimiter(String length) {
        byte[] stream = StreamBuilder.crlf().line("--myboundary").line("Content-Type: text/plain")
                .line("Content-Length: " + length).line("").text("hello").line("")
                .part("myboundary", LARGE).part("myboundary", LARGER).build();
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, 4096, JpegValidation.markers,
                MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE);
        assertThat(h.frames).hasSize(2);
        assertThat(Arrays.equals(h.frames.get(0), LARGE)).isTrue();
        assertThat(Arrays.equals(h.frames.get(1), LARGER)).isTrue();
        assertThat(h.discarded(DiscardReason.NOT_JPEG)).isEqualTo(1);
    }
}
