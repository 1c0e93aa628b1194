package io.camelaxis.mjpeg.parser;

import io.camelaxis.mjpeg.TestData;
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
}
