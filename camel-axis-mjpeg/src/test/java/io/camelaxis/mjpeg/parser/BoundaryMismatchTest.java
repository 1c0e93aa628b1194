package io.camelaxis.mjpeg.parser;

import java.util.ArrayList;
import java.util.List;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that declares one boundary in its Content-Type and delimits its parts with another gave no frame at all:
 * every line was skipped as garbage, and the consumer could only say that no frame came.
 */
class BoundaryMismatchTest {

    private static final byte[] A = TestData.jpeg(64, 48, 1);
    private static final byte[] B = TestData.jpeg(80, 60, 2);

    /** Also tells which boundaries it saw. */
    private static final class Recording extends CollectingHandler {
        final List<String> mismatches = new ArrayList<>();

        @Override
        public void onBoundaryMismatch(String declared, String used) {
            mismatches.add(declared + " -> " + used);
        }
    }

    private static Recording parse(String declared, byte[] stream, int chunk) {
        Recording h = new Recording();
        MultipartFrameParser parser = new MultipartFrameParser(declared, 1 << 20, JpegValidation.markers, h);
        for (int i = 0; i < stream.length; i += chunk) {
            parser.feed(stream, i, Math.min(chunk, stream.length - i));
        }
        parser.endOfStream();
        return h;
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 4096 })
    void theBoundaryInUseIsFollowedFromItsThirdDelimiterInARow(int chunk) {
        byte[] stream = StreamBuilder.crlf().part("other", A).part("other", B).part("other", A).part("other", B)
                .partWithoutLength("other", A).build();
        Recording h = parse("myboundary", stream, chunk);
        assertThat(h.frames).containsExactly(A, B, A); // the parts from the third delimiter on
        assertThat(h.mismatches).containsExactly("myboundary -> other");
        assertThat(h.discards).isEmpty();
        assertThat(h.skippedBytes).as("the first two parts were skipped, and counted")
                .isGreaterThan(A.length + B.length);
    }

    @Test
    void otherDelimiterLinesBeforeTheDeclaredOneDoNotReachTheThresholdInARow() {
        byte[] stream = StreamBuilder.crlf().line("--preamble").line("--preamble").line("--note")
                .part("myboundary", A).part("myboundary", B).build();
        Recording h = parse("myboundary", stream, 4096);
        assertThat(h.frames).containsExactly(A, B);
        assertThat(h.mismatches).isEmpty();
    }

    @Test
    void onceTheDeclaredBoundaryMatchedOtherDelimitersAreGarbage() {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).line("--other").line("--other").line("--other")
                .line("--other").part("myboundary", B).build();
        Recording h = parse("myboundary", stream, 4096);
        assertThat(h.frames).containsExactly(A, B);
        assertThat(h.mismatches).isEmpty();
    }

    @Test
    void linesOfDataThatStartWithDashesAreNoBoundary() {
        byte[] stream = StreamBuilder.crlf().line("-- not a boundary").line("-- not a boundary")
                .line("-- not a boundary").line("--" + "x".repeat(300)).line("--" + "x".repeat(300))
                .line("--" + "x".repeat(300)).part("myboundary", A).build();
        Recording h = parse("myboundary", stream, 4096);
        assertThat(h.frames).containsExactly(A);
        assertThat(h.mismatches).isEmpty();
    }

    /**
     * No boundary declared and a preamble line that starts with two dashes: that line was taken for the boundary for
     * good, and a well-formed stream gave no frame on any connection. The first dashed line is now followed only once
     * the stream shows it again; the boundary the parts use is followed from its third delimiter in a row.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 4096 })
    void anUndeclaredBoundaryIsNotTakenFromADashedPreambleForGood(int chunk) {
        for (String preamble : List.of("-- Axis MJPEG stream follows --", "--> note", "--preamble")) {
            byte[] stream = StreamBuilder.crlf().line(preamble).part("myboundary", A).part("myboundary", B)
                    .part("myboundary", A).part("myboundary", B).part("myboundary", A).part("myboundary", B).build();
            Recording h = parse(null, stream, chunk);
            // followed from its third delimiter in a row (a preamble taken for a delimiter also takes the first part's
            // delimiter for a header line: one part less)
            assertThat(h.frames).as(preamble).hasSizeGreaterThanOrEqualTo(3).endsWith(A, B);
            assertThat(h.mismatches).as(preamble).hasSize(1).allMatch(m -> m.endsWith(" -> myboundary"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 4096 })
    void anUndeclaredBoundaryTakenFromTheFirstDelimiterStillGivesEveryFrame(int chunk) {
        byte[] stream = StreamBuilder.crlf().part("myboundary", A).part("myboundary", B).line("--other")
                .line("--other").line("--other").part("myboundary", A).build();
        Recording h = parse(null, stream, chunk);
        assertThat(h.frames).containsExactly(A, B, A);
        assertThat(h.mismatches).isEmpty();
    }
}
