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
}
