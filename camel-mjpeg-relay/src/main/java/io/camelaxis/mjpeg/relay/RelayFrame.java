package io.camelaxis.mjpeg.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import org.slf4j.LoggerFactory;

/**
 * One JPEG encoded once as a multipart part (delimiter, headers, JPEG, CRLF) in a read-only buffer that every viewer
 * shares: a viewer only holds its own position ({@link ByteBuffer#duplicate()}), never a copy.
 *
 * <p>
 * The buffer is direct (outside the heap): the JDK writes a heap buffer to a socket by first copying it into a
 * temporary direct buffer, which for a frame fanned out to 1000 viewers is 1000 copies of it per frame. From a direct
 * buffer the kernel takes the bytes as they are. It is freed with the frame (by the garbage collector, like the
 * heap {@code byte[]} of the same size that the frame arrived in). Should the JVM's direct memory limit be reached
 * ({@code -XX:MaxDirectMemorySize}, even after the collection the JDK then asks for), the frame is encoded on the heap
 * instead and relayed all the same (a warning, rate-limited, says so).
 */
final class RelayFrame {

    private static final RateLimitedLog DIRECT_MEMORY_LOG = new RateLimitedLog(LoggerFactory.getLogger(RelayFrame.class));

    static final String BOUNDARY = "mjpegrelayboundary";

    private final byte[] jpeg;
    private final ByteBuffer part;
    private final long publishedAtNanos;
    private final long publishedAtMillis;

    /** @param publishedAtNanos the relay clock's time of publication, which paces {@code ?fps=N} viewers */
    RelayFrame(byte[] jpeg, long sequence, long publishedAtNanos) {
        this(jpeg, sequence, publishedAtNanos, ByteBuffer::allocateDirect);
    }

    /** @param directBuffers allocates the shared buffer outside the heap (replaced by tests) */
    RelayFrame(byte[] jpeg, long sequence, long publishedAtNanos, IntFunction<ByteBuffer> directBuffers) {
        this.jpeg = jpeg;
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                       + "\r\nX-Frame-Sequence: " + sequence + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = allocate(head.length + jpeg.length + 2, directBuffers);
        buffer.put(head).put(jpeg).put((byte) '\r').put((byte) '\n').flip();
        this.part = buffer.asReadOnlyBuffer();
        this.publishedAtNanos = publishedAtNanos;
        this.publishedAtMillis = System.currentTimeMillis();
    }

    private static ByteBuffer allocate(int size, IntFunction<ByteBuffer> directBuffers) {
        try {
            return directBuffers.apply(size);
        } catch (OutOfMemoryError e) {
            // only the direct memory limit: the heap is untouched, and the frame costs a copy per viewer as before
            DIRECT_MEMORY_LOG.warn("mjpeg-relay: no direct memory for a " + size + "-byte frame (" + e.getMessage()
                                   + "); relaying it from the heap. Raise -XX:MaxDirectMemorySize");
            return ByteBuffer.allocate(size);
        }
    }

    boolean isDirect() {
        return part.isDirect();
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
