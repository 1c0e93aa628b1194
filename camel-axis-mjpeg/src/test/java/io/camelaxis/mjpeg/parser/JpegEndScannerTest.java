package io.camelaxis.mjpeg.parser;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JpegEndScannerTest {

    @Test
    void theWordWiseSearchFindsTheFirstFfWhereverItIsAndWhateverSurroundsIt() {
        // every start, end and FF position in a 40-byte window, with bytes that look like FF to a careless test
        byte[] lookalikes = { (byte) 0xFE, 0x7F, (byte) 0x80, 0x00, 0x01, (byte) 0xEF };
        for (int ff = -1; ff < 40; ff++) {
            for (int second = ff; second < 40; second += 7) {
                byte[] bytes = new byte[40];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = lookalikes[i % lookalikes.length];
                }
                if (ff >= 0) {
                    bytes[ff] = (byte) 0xFF;
                    bytes[second] = (byte) 0xFF;
                }
                for (int from = 0; from <= bytes.length; from++) {
                    for (int to = from; to <= bytes.length; to++) {
                        int expected = from;
                        while (expected < to && bytes[expected] != (byte) 0xFF) {
                            expected++;
                        }
                        assertThat(JpegEndScanner.indexOfFF(bytes, from, to)).as("ff %d from %d to %d", ff, from, to)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void findsTheEndOfEveryRealFrameFedByteByByte() {
        for (byte[] jpeg : TestData.captureFrames()) {
            JpegEndScanner scanner = new JpegEndScanner();
            int end = JpegEndScanner.MORE;
            for (int i = 0; i < jpeg.length && end == JpegEndScanner.MORE; i++) {
                end = scanner.scan(jpeg, i, i + 1);
            }
            assertThat(end).isEqualTo(jpeg.length);
            assertThat(scanner.sawFrameAndScan()).isTrue();
        }
    }

    @Test
    void stopsExactlyAtEoiWhenMoreBytesFollow() {
        byte[] jpeg = TestData.jpeg(40, 30, 9);
        byte[] withTail = MultipartFrameParserTest.concat(jpeg, "\r\n--next".getBytes());
        assertThat(new JpegEndScanner().scan(withTail, 0, withTail.length)).isEqualTo(jpeg.length);
    }

    @Test
    void rejectsWhatIsNotAJpeg() {
        byte[] text = "hello world".getBytes();
        assertThat(new JpegEndScanner().scan(text, 0, text.length)).isEqualTo(JpegEndScanner.MALFORMED);
        byte[] badLength = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1 };
        assertThat(new JpegEndScanner().scan(badLength, 0, badLength.length)).isEqualTo(JpegEndScanner.MALFORMED);
    }
}
