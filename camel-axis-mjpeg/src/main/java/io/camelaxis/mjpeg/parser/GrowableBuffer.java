package io.camelaxis.mjpeg.parser;

import java.util.Arrays;

/** A byte buffer that grows by doubling, for parts whose size is not known in advance. */
final class GrowableBuffer {

    private byte[] bytes;
    private int size;

    GrowableBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void append(byte[] src, int from, int to) {
        int n = to - from;
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
        }
        System.arraycopy(src, from, bytes, size, n);
        size += n;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    void clear() {
        size = 0;
    }
}
