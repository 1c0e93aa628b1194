package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamReaderTest {

    /** An input stream that returns at most {@code max} bytes a read, like a socket. */
    private static InputStream trickle(byte[] bytes, int max) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void directReadsIntoLargeFramesGiveTheSameFramesAsBufferedReads() throws Exception {
        byte[] big = io.camelaxis.mjpeg.simulator.AxisJpeg.render(1920, 1080, 1, java.time.Instant.EPOCH, "big", 1f);
        byte[] stream = StreamBuilder.crlf().part("b", big).part("b", TestData.jpeg(64, 48, 2)).part("b", big)
                .build();
        for (int max : new int[] { 1, 1000, 70_000, 1 << 20 }) {
            CollectingHandler h = new CollectingHandler();
            MultipartFrameParser parser = new MultipartFrameParser("b", 1 << 22, JpegValidation.structure, h);
            StreamReader reader = new StreamReader(trickle(stream, max), parser, 512);
            long total = 0;
            int n;
            while ((n = reader.readOnce()) >= 0) {
                total += n;
            }
            assertThat(total).isEqualTo(stream.length);
            assertThat(parser.bytesIn()).isEqualTo(stream.length);
            assertThat(h.frames).hasSize(3);
            assertThat(h.frames.get(0)).isEqualTo(big);
            assertThat(h.frames.get(2)).isEqualTo(big);
        }
    }

    @Test
    void theRealCaptureReadsTheSame() throws Exception {
        List<byte[]> expected = TestData.captureFrames();
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.markers, h);
        StreamReader reader = new StreamReader(trickle(TestData.captureBytes(), 3000), parser, 1024);
        while (reader.readOnce() >= 0) {
            // read it all
        }
        assertThat(h.frames).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(h.frames.get(i)).isEqualTo(expected.get(i));
        }
    }
}
