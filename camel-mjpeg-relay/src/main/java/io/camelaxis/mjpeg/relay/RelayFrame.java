package io.camelaxis.mjpeg.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One JPEG encoded once as a multipart part (delimiter, headers, JPEG, CRLF) in a read-only buffer that every viewer
 * shares: a viewer only holds its own position ({@link ByteBuffer#duplicate()}), never a copy.
 */
final class RelayFrame {

    static final String BOUNDARY = "mjpegrelayboundary";

    private final byte[] jpeg;
    private final ByteBuffer part;
    private final long publishedAtNanos;
    private final long publishedAtMillis;

    /** @param publishedAtNanos the relay clock's time of publication, which paces {@code ?fps=N} viewers */
    RelayFrame(byte[] jpeg, long sequence, long publishedAtNanos) {
        this.jpeg = jpeg;
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                       + "\r\nX-Frame-Sequence: " + sequence + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(head.length + jpeg.length + 2);
        buffer.put(head).put(jpeg).put((byte) '\r').put((byte) '\n').flip();
        this.part = buffer.asReadOnlyBuffer();
        this.publishedAtNanos = publishedAtNanos;
        this.publishedAtMillis = System.currentTimeMillis();
    }

    /** A fresh read position over the shared part bytes. */
    ByteBuffer part() {
        return part.duplicate();
    }

    byte[] jpeg() {
        return jpeg;
    }

    long publishedAtNanos() {
        return publishedAtNanos;
    }

    long publishedAtMillis() {
        return publishedAtMillis;
    }
}
