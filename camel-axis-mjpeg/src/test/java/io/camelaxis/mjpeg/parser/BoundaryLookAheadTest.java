package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MultipartFrameParser#noBoundaryWithinLookAhead}: the transports give up on an undeclared boundary once it says
 * so, and it says the same, and the same frames come, whatever reads the stream came in.
 */
class BoundaryLookAheadTest {

    private static final int LOOK_AHEAD = MultipartFrameParser.BOUNDARY_LOOK_AHEAD;
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };

    /** The first delimiter line begins at every offset around the end of the look-ahead; the stream cut anywhere. */
    @Test
    void aDelimiterLineBegunWithinTheLookAheadIsWaitedForWhereverTheReadEnds() {
        for (int start = LOOK_AHEAD - 12; start < LOOK_AHEAD; start++) {
            byte[] stream = streamWithDelimiterAt(start);
            for (int cut = start - 2; cut <= start + 12; cut++) {
                CollectingHandler h = new CollectingHandler();
                MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers, h);
                parser.feed(stream, 0, cut);
                assertThat(parser.noBoundaryWithinLookAhead()).as("delimiter at %d, cut at %d", start, cut).isFalse();
                parser.feed(stream, cut, stream.length - cut);
                assertThat(parser.boundary()).isEqualTo("frame");
                assertThat(parser.noBoundaryWithinLookAhead()).isFalse();
                assertThat(h.frames).hasSize(3);
            }
        }
    }

    /**
     * The first delimiter line begins right at the end of the look-ahead or later: too late, whether the read that
     * crosses the mark ends inside the line or brings the whole stream. Before, a read that completed the line took
     * the boundary and gave the frames, while one that ended inside it refused the stream.
     */
    @Test
    void aDelimiterLineBegunPastTheLookAheadIsNeverTakenWhateverTheReads() {
        for (int start : new int[] { LOOK_AHEAD, LOOK_AHEAD + 1, LOOK_AHEAD + 500 }) {
            byte[] stream = streamWithDelimiterAt(start);
            for (int cut : new int[] { start + 1, start + 3, stream.length }) {
                CollectingHandler h = new CollectingHandler();
                MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers, h);
                parser.feed(stream, 0, cut);
                assertThat(parser.noBoundaryWithinLookAhead()).as("delimiter at %d, cut at %d", start, cut).isTrue();
                parser.feed(stream, cut, stream.length - cut);
                assertThat(parser.noBoundaryWithinLookAhead()).isTrue();
                assertThat(parser.boundary()).isNull();
                assertThat(h.frames).isEmpty();
            }
        }
    }

    @Test
    void aLineBegunWithinTheLookAheadStopsCountingOnceItIsTooLongForADelimiter() {
        byte[] garbage = new byte[LOOK_AHEAD + 2048];
        java.util.Arrays.fill(garbage, (byte) 'x'); // one line from the stream's first byte, without end
        MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers,
                new CollectingHandler());
        parser.feed(garbage, 0, garbage.length);
        assertThat(parser.noBoundaryWithinLookAhead()).isTrue();

        // a line begun 100 bytes before the end of the look-ahead, 900 bytes long so far: it could still be one
        byte[] lines = streamWithDelimiterAt(LOOK_AHEAD - 100);
        MultipartFrameParser waiting = new MultipartFrameParser(null, 1 << 20, JpegValidation.markers,
                new CollectingHandler());
        byte[] head = java.util.Arrays.copyOf(lines, LOOK_AHEAD - 100);
        waiting.feed(head, 0, head.length);
        byte[] blanks = new byte[900];
        java.util.Arrays.fill(blanks, (byte) ' ');
        waiting.feed(blanks, 0, blanks.length);
        assertThat(waiting.noBoundaryWithinLookAhead()).isFalse();
        waiting.feed(blanks, 0, 200); // past 1024 bytes: no delimiter line any more
        assertThat(waiting.noBoundaryWithinLookAhead()).isTrue();
    }

    /** Preamble lines, the first delimiter line beginning at {@code start}, then three parts. */
    private static byte[] streamWithDelimiterAt(int start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < start - 200) {
            out.writeBytes(ascii("p".repeat(98) + "\r\n"));
        }
        out.writeBytes(ascii("q".repeat(start - out.size() - 2) + "\r\n"));
        for (int i = 0; i < 3; i++) {
            out.writeBytes(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + JPEG.length + "\r\n\r\n"));
            out.writeBytes(JPEG);
            out.writeBytes(ascii("\r\n"));
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
