package io.camelaxis.mjpeg.parser;

import java.util.Arrays;

/**
 * A byte buffer that grows by doubling, for parts whose size is not known in advance, up to a limit it does not
 * double past (the largest content its owner keeps), so it never holds twice what a part may be. It holds no array
 * until the first append: a parser of a stream with Content-Length never needs one, and a JVM with a thousand cameras
 * keeps a thousand parsers.
 */
final class GrowableBuffer {

    private static final byte[] NONE = new byte[0];

    private final int initialCapacity;
    private final int limit;
    private byte[] bytes = NONE;
    private int size;

    /**
     * @param initialCapacity the first array's size (or less, down to what is appended, when the limit is lower)
     * @param limit           the capacity growth stops at: beyond it the array grows to exactly what it must hold
     */
    GrowableBuffer(int initialCapacity, int limit) {
        this.initialCapacity = initialCapacity;
        this.limit = limit;
    }

    void append(byte[] src, int from, int to) {
        int n = to - from;
        if (size + n > bytes.length) {
            long doubled = Math.max(initialCapacity, 2L * bytes.length);
            bytes = Arrays.copyOf(bytes, (int) Math.max(size + n, Math.min(doubled, limit)));
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

    /** The content followed by {@code src[from, to)}, in a new array of exactly that length; this buffer is unchanged. */
    byte[] toArrayFollowedBy(byte[] src, int from, int to) {
        if (size == 0) {
            return Arrays.copyOfRange(src, from, to);
        }
        byte[] joined = Arrays.copyOf(bytes, size + (to - from));
        System.arraycopy(src, from, joined, size, to - from);
        return joined;
    }

    void clear() {
        size = 0;
    }

    /**
     * Takes {@code array[from, to)} as the content, moving it to the array's start and keeping the array as the
     * backing store: no second buffer of that size is allocated.
     */
    void adopt(byte[] array, int from, int to) {
        System.arraycopy(array, from, array, 0, to - from);
        bytes = array;
        size = to - from;
    }
}
