package io.camelaxis.mjpeg.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayFrameTest {

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };
    private static final byte[] PART = concat(("--mjpegrelayboundary\r\nContent-Type: image/jpeg\r\nContent-Length: 7"
                                               + "\r\nX-Frame-Sequence: 42\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
            JPEG, "\r\n".getBytes(StandardCharsets.ISO_8859_1));

    private static byte[] concat(byte[]... pieces) {
        ByteBuffer all = ByteBuffer.allocate(pieces[0].length + pieces[1].length + pieces[2].length);
        for (byte[] piece : pieces) {
            all.put(piece);
        }
        return all.array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void aFrameIsEncodedOnceOutsideTheHeapAndEveryViewerReadsItsOwnPosition() {
        RelayFrame frame = new RelayFrame(JPEG, 42, 0);
        assertThat(frame.isDirect()).isTrue();
        ByteBuffer first = frame.part();
        ByteBuffer second = frame.part();
        assertThat(first.isReadOnly()).isTrue();
        assertThat(bytes(first)).isEqualTo(PART);
        assertThat(second.position()).isZero(); // the first viewer's reading moved only its own position
        assertThat(bytes(second)).isEqualTo(PART);
    }

    @Test
    void withoutDirectMemoryTheFrameIsEncodedOnTheHeapWithTheSameBytes() {
        RelayFrame frame = new RelayFrame(JPEG, 42, 0, size -> {
            throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
        });
        assertThat(frame.isDirect()).isFalse();
        assertThat(bytes(frame.part())).isEqualTo(PART);
    }
}
