package io.camelaxis.mjpeg.parser;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JpegEndScannerTest {

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
