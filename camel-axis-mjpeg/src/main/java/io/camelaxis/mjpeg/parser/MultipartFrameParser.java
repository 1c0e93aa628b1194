package io.camelaxis.mjpeg.parser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental parser of {@code multipart/x-mixed-replace} MJPEG streams. Pure: it knows nothing of HTTP or
 * sockets. Feed it the response body in chunks of any size, split anywhere; it calls {@link FrameHandler#onFrame}
 * once per JPEG, as soon as the frame's last byte has been fed.
 *
 * <p>
 * What it copes with, because real cameras and MJPEG servers do all of it:
 * <ul>
 * <li>{@code Content-Length} parts (the fast path: the body is copied once, straight into the frame array) and parts
 * without it (the JPEG structure is walked to EOI, so the frame is emitted without waiting for the next part);</li>
 * <li>quoted boundaries, boundaries declared with or without the leading {@code --}, or not declared at all (taken
 * from the first delimiter line);</li>
 * <li>CRLF or LF-only lines, part headers in any order and any case, unknown headers, a preamble, duplicate
 * delimiters, a closing {@code --boundary--}, non-JPEG parts (skipped and reported);</li>
 * <li>damage: a lying or huge {@code Content-Length}, truncated JPEGs, garbage between parts, a boundary that never
 * comes. Memory stays bounded by {@code maxFrameSize}; the parser resynchronises at the next delimiter and reports
 * every dropped part to {@link FrameHandler#onDiscard}.</li>
 * </ul>
 * Not thread-safe: one parser per stream, fed from one thread.
 */
public final class MultipartFrameParser {

    /** Default upper bound of a frame: large enough for an 8K Axis JPEG at high quality. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    private static final int MAX_LINE = 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_TRAILING_PADDING = 64;
    private static final byte[] CONTENT_TYPE = ascii("content-type");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[][] JPEG_TYPES = { ascii("image/jpeg"), ascii("image/jpg"), ascii("image/pjpeg") };

    private enum State {
        SEEK_DELIMITER,
        HEADERS,
        BODY_FIXED,
        SKIP_FIXED,
        BODY_SCAN
    }

    private enum LineKind {
        OTHER,
        DELIMITER,
        CLOSE_DELIMITER
    }

    private final FrameHandler handler;
    private final int maxFrameSize;
    private final JpegValidation validation;
    private byte[] boundary;

    private State state = State.SEEK_DELIMITER;

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private int lineBytes;

    private int headerBytes;
    private long contentLength;
    private boolean jpegPart;

    private byte[] frame;
    private int frameFilled;
    private long skipRemaining;

    private final GrowableBuffer scanned = new GrowableBuffer(64 * 1024);
    private final JpegEndScanner endScanner = new JpegEndScanner();
    private boolean scanStarted;

    private long bytesIn;
    private long frames;
    private long bytesSkipped;
    private long duplicateDelimiters;
    private final long[] discards = new long[DiscardReason.values().length];

    /**
     * @param boundary     the boundary declared in the response's Content-Type (quotes and leading dashes are fine), or
     *                     {@code null} to take it from the first delimiter line
     * @param maxFrameSize the largest frame accepted, in bytes; larger parts are dropped as {@code OVERSIZE}
     * @param validation   how strictly a frame is checked before it is emitted
     * @param handler      receives frames and discards
     */
    public MultipartFrameParser(String boundary, int maxFrameSize, JpegValidation validation, FrameHandler handler) {
        if (maxFrameSize < 4) {
            throw new IllegalArgumentException("maxFrameSize must be at least 4 bytes, was " + maxFrameSize);
        }
        String core = MultipartBoundary.normalize(boundary);
        this.boundary = core == null ? null : ascii(core);
        this.maxFrameSize = maxFrameSize;
        this.validation = validation == null ? JpegValidation.markers : validation;
        this.handler = handler;
    }

    /** Feeds the next {@code length} bytes of the stream. Emits every frame completed by them before returning. */
    public void feed(byte[] buffer, int offset, int length) {
        bytesIn += length;
        process(buffer, offset, offset + length);
    }

    /**
     * How many bytes the caller may read straight into the frame being received, skipping {@link #feed}'s copy: the
     * bytes still missing from the current part's {@code Content-Length} body, or 0 when the parser is anywhere
     * else. With it a reader copies each frame once, from the socket into the frame array:
     *
     * <pre>
     * int direct = parser.directCapacity();
     * if (direct &gt; 0) {
     *     int n = in.read(parser.directArray(), parser.directOffset(), direct);
     *     if (n &gt; 0) parser.directFilled(n);
     * } else {
     *     int n = in.read(buffer);
     *     if (n &gt; 0) parser.feed(buffer, 0, n);
     * }
     * </pre>
     */
    public int directCapacity() {
        if (state != State.BODY_FIXED) {
            return 0;
        }
        if (frame == null) {
            frame = new byte[(int) contentLength];
        }
        return frame.length - frameFilled;
    }

    /** The frame array to read into; valid while {@link #directCapacity()} is positive. */
    public byte[] directArray() {
        return frame;
    }

    /** Where in {@link #directArray()} the next byte goes. */
    public int directOffset() {
        return frameFilled;
    }

    /** Declares that {@code n} bytes (at most {@link #directCapacity()}) were read into the frame array. */
    public void directFilled(int n) {
        if (n < 0 || n > directCapacity()) {
            throw new IllegalArgumentException("directFilled(" + n + ") with " + directCapacity() + " bytes expected");
        }
        bytesIn += n;
        bodyBytesArrived(n);
    }

    /**
     * Declares the end of the stream (the connection closed or broke). A frame in progress is discarded as
     * {@link DiscardReason#TRUNCATED}; the parser is then ready for a new stream with the same boundary.
     */
    public void endOfStream() {
        if (state == State.BODY_SCAN && scanStarted) {
            // a damaged length may have made the walk swallow whole parts: recover those before giving up
            byte[] buffered = scanned.toArray();
            scanned.clear();
            discard(DiscardReason.TRUNCATED, buffered.length);
            startSeeking();
            process(buffered, Math.min(2, buffered.length), buffered.length);
        }
        switch (state) {
            case BODY_FIXED -> discard(DiscardReason.TRUNCATED, frameFilled);
            case BODY_SCAN -> {
                if (scanStarted) {
                    discard(DiscardReason.TRUNCATED, scanned.size());
                }
            }
            default -> {
            }
        }
        frame = null;
        scanned.clear();
        startSeeking();
    }

    private void process(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            i = switch (state) {
                case SEEK_DELIMITER, HEADERS -> readLine(buf, i, to);
                case BODY_FIXED -> readFixedBody(buf, i, to);
                case SKIP_FIXED -> skipFixedBody(i, to);
                case BODY_SCAN -> readScannedBody(buf, i, to);
            };
        }
    }

    // ---------------------------------------------------------------- lines: delimiters and part headers

    private int readLine(byte[] buf, int from, int to) {
        int nl = from;
        while (nl < to && buf[nl] != '\n') {
            nl++;
        }
        appendToLine(buf, from, nl);
        lineBytes += nl - from;
        if (nl == to) {
            return to;
        }
        lineBytes++; // the LF
        boolean overflow = lineBytes > MAX_LINE;
        int length = trimmedLength();
        int consumed = lineBytes;
        lineLength = 0;
        lineBytes = 0;
        if (state == State.SEEK_DELIMITER) {
            onSeekLine(length, consumed, overflow);
        } else {
            onHeaderLine(overflow ? 0 : length, consumed, overflow);
        }
        return nl + 1;
    }

    /** Keeps the most recent {@code MAX_LINE} bytes of the line: a delimiter glued to garbage ends the line. */
    private void appendToLine(byte[] buf, int from, int to) {
        int n = to - from;
        if (n >= MAX_LINE) {
            System.arraycopy(buf, to - MAX_LINE, line, 0, MAX_LINE);
            lineLength = MAX_LINE;
            return;
        }
        int excess = lineLength + n - MAX_LINE;
        if (excess > 0) {
            System.arraycopy(line, excess, line, 0, lineLength - excess);
            lineLength -= excess;
        }
        System.arraycopy(buf, from, line, lineLength, n);
        lineLength += n;
    }

    private void onSeekLine(int length, int consumed, boolean overflow) {
        LineKind kind = overflow ? LineKind.OTHER : classify(length);
        if (kind == LineKind.OTHER && length > 0) {
            kind = delimiterAtEnd(length);
            bytesSkipped += consumed; // the garbage before the delimiter, or the whole line
        }
        if (kind == LineKind.DELIMITER) {
            startPart();
        }
    }

    /** A delimiter that ends a line of garbage (no line break between the garbage and the delimiter). */
    private LineKind delimiterAtEnd(int length) {
        if (boundary == null) {
            return LineKind.OTHER;
        }
        for (int suffix = 0; suffix <= 2; suffix += 2) {
            int start = length - suffix - boundary.length;
            if (start >= 2 && line[start - 1] == '-' && line[start - 2] == '-'
                    && Arrays.equals(line, start, start + boundary.length, boundary, 0, boundary.length)
                    && (suffix == 0 || line[length - 1] == '-' && line[length - 2] == '-')) {
                return suffix == 0 ? LineKind.DELIMITER : LineKind.CLOSE_DELIMITER;
            }
        }
        return LineKind.OTHER;
    }

    private void onHeaderLine(int length, int consumed, boolean overflow) {
        headerBytes += consumed;
        if (overflow || headerBytes > MAX_HEADER_BYTES) {
            discard(DiscardReason.BAD_HEADERS, headerBytes);
            startSeeking();
            return;
        }
        if (length == 0) {
            startBody();
            return;
        }
        LineKind kind = classify(length);
        if (kind == LineKind.DELIMITER) {
            duplicateDelimiters++;
            startPart();
        } else if (kind == LineKind.CLOSE_DELIMITER) {
            startSeeking();
        } else if (!readHeader(length)) {
            discard(DiscardReason.BAD_HEADERS, headerBytes);
            startSeeking();
        }
    }

    private int trimmedLength() {
        int n = lineLength;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) {
            n--;
        }
        return n;
    }

    private LineKind classify(int length) {
        int dashes = 0;
        while (dashes < length && line[dashes] == '-') {
            dashes++;
        }
        if (dashes < 2 || dashes == length) {
            return LineKind.OTHER;
        }
        int rest = length - dashes;
        boolean closing = rest > 2 && line[length - 1] == '-' && line[length - 2] == '-';
        if (boundary == null) {
            boundary = Arrays.copyOfRange(line, dashes, closing ? length - 2 : length);
            return closing ? LineKind.CLOSE_DELIMITER : LineKind.DELIMITER;
        }
        if (rest == boundary.length && Arrays.equals(line, dashes, length, boundary, 0, boundary.length)) {
            return LineKind.DELIMITER;
        }
        if (closing && rest == boundary.length + 2
                && Arrays.equals(line, dashes, length - 2, boundary, 0, boundary.length)) {
            return LineKind.CLOSE_DELIMITER;
        }
        return LineKind.OTHER;
    }

    /** Reads one {@code Name: value} line; false when it is not a header at all. */
    private boolean readHeader(int length) {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == 0 || colon == length) {
            return false;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && line[nameEnd - 1] == ' ') {
            nameEnd--;
        }
        int value = colon + 1;
        while (value < length && (line[value] == ' ' || line[value] == '\t')) {
            value++;
        }
        if (equalsIgnoreCase(line, 0, nameEnd, CONTENT_LENGTH)) {
            contentLength = parseLength(value, length);
        } else if (equalsIgnoreCase(line, 0, nameEnd, CONTENT_TYPE)) {
            jpegPart = isJpegType(value, length);
        }
        return true;
    }

    private long parseLength(int from, int to) {
        long n = 0;
        int i = from;
        for (; i < to && line[i] >= '0' && line[i] <= '9'; i++) {
            n = n * 10 + (line[i] - '0');
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return i == from ? -1 : n;
    }

    private boolean isJpegType(int from, int to) {
        for (byte[] type : JPEG_TYPES) {
            if (to - from >= type.length && equalsIgnoreCase(line, from, from + type.length, type)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- part bodies

    private void startPart() {
        state = State.HEADERS;
        headerBytes = 0;
        contentLength = -1;
        jpegPart = true; // a part without Content-Type is taken for a JPEG and checked like one
    }

    private void startSeeking() {
        state = State.SEEK_DELIMITER;
        lineLength = 0;
        lineBytes = 0;
    }

    private void startBody() {
        if (!jpegPart) {
            discard(DiscardReason.NOT_JPEG, Math.max(contentLength, 0));
            if (contentLength > 0) {
                skipRemaining = contentLength;
                state = State.SKIP_FIXED;
            } else {
                startSeeking();
            }
        } else if (contentLength > maxFrameSize) {
            discard(DiscardReason.OVERSIZE, contentLength);
            startSeeking(); // never trust it: resynchronise on the next delimiter, in bounded memory
        } else if (contentLength == 0) {
            discard(DiscardReason.CORRUPT_JPEG, 0);
            startSeeking();
        } else if (contentLength > 0) {
            frame = null; // allocated with the first body bytes (see readFixedBody)
            frameFilled = 0;
            state = State.BODY_FIXED;
        } else {
            scanned.clear();
            endScanner.reset();
            scanStarted = false;
            state = State.BODY_SCAN;
        }
    }

    private int skipFixedBody(int from, int to) {
        int n = (int) Math.min(skipRemaining, to - from);
        skipRemaining -= n;
        if (skipRemaining == 0) {
            startSeeking();
        }
        return from + n;
    }

    private int readFixedBody(byte[] buf, int from, int to) {
        if (frame == null) {
            int length = (int) contentLength;
            if (to - from >= length) {
                // the whole body is here: allocating by copying lets the JIT skip zeroing the new array
                frame = Arrays.copyOfRange(buf, from, from + length);
                bodyBytesArrived(length);
                return from + length;
            }
            frame = new byte[length];
        }
        int n = Math.min(frame.length - frameFilled, to - from);
        System.arraycopy(buf, from, frame, frameFilled, n);
        bodyBytesArrived(n);
        return from + n;
    }

    private void bodyBytesArrived(int n) {
        frameFilled += n;
        if (frameFilled == frame.length) {
            byte[] body = frame;
            frame = null;
            startSeeking();
            completeFixedFrame(body);
        }
    }

    private void completeFixedFrame(byte[] body) {
        int end = validEnd(body);
        if (end > 0) {
            emit(end == body.length ? body : Arrays.copyOf(body, end));
        } else {
            // the length lied or the JPEG is damaged: drop it, then look for the next delimiter inside it, so a
            // too-long Content-Length costs this frame only and not the one it swallowed
            discard(DiscardReason.CORRUPT_JPEG, body.length);
            process(body, 2, body.length);
        }
    }

    /** Where the JPEG in a complete body ends (trailing padding trimmed), or -1 when it fails validation. */
    private int validEnd(byte[] body) {
        if (validation == JpegValidation.none) {
            return body.length;
        }
        if (body.length < 4 || (body[0] & 0xFF) != 0xFF || (body[1] & 0xFF) != 0xD8) {
            return -1;
        }
        int end = body.length;
        int limit = Math.max(2, body.length - MAX_TRAILING_PADDING);
        while (end > limit && isPadding(body[end - 1])) {
            end--;
        }
        if ((body[end - 2] & 0xFF) != 0xFF || (body[end - 1] & 0xFF) != 0xD9) {
            return -1;
        }
        if (validation == JpegValidation.structure) {
            JpegEndScanner scanner = endScanner; // idle while a Content-Length body is read
            scanner.reset();
            if (scanner.scan(body, 0, end) != end || !scanner.sawFrameAndScan()) {
                return -1;
            }
        }
        return end;
    }

    private int readScannedBody(byte[] buf, int from, int to) {
        int i = from;
        if (!scanStarted) {
            while (i < to && isPadding(buf[i])) {
                i++;
            }
            if (i == to) {
                return to;
            }
            if (buf[i] != (byte) 0xFF) { // not a JPEG after all: skip the part
                discard(DiscardReason.CORRUPT_JPEG, 0);
                startSeeking();
                return i;
            }
            scanStarted = true;
        }
        boolean wasSkippingSegment = endScanner.isSkippingSegment();
        int end = endScanner.scan(buf, i, to);
        int taken = end >= 0 ? end : to;
        if (scanned.size() + (taken - i) > maxFrameSize) {
            // too big, or a damaged length made the walk skip over the next parts: drop it, and look for
            // delimiters in what was buffered (bounded by maxFrameSize) so the swallowed frames are recovered
            byte[] swallowed = scanned.toArray();
            scanned.clear();
            discard(DiscardReason.OVERSIZE, swallowed.length + (long) (taken - i));
            startSeeking();
            process(swallowed, Math.min(2, swallowed.length), swallowed.length);
            return i;
        }
        int before = scanned.size();
        scanned.append(buf, i, taken);
        if (end == JpegEndScanner.MORE && (wasSkippingSegment || endScanner.isSkippingSegment())
                && containsDelimiter(scanned.array(), Math.max(2, before - boundaryLength() - 3), scanned.size())) {
            end = JpegEndScanner.MALFORMED; // a delimiter inside a "segment": its length was damaged
        }
        if (end >= 0) {
            byte[] jpeg = scanned.toArray();
            scanned.clear();
            startSeeking();
            if (validation != JpegValidation.structure || endScanner.sawFrameAndScan()) {
                emit(jpeg);
            } else {
                discard(DiscardReason.CORRUPT_JPEG, jpeg.length);
            }
        } else if (end == JpegEndScanner.MALFORMED) {
            // damaged or cut short (the next part began inside it): drop it and resynchronise on the delimiter
            byte[] damaged = scanned.toArray();
            scanned.clear();
            discard(DiscardReason.CORRUPT_JPEG, damaged.length);
            startSeeking();
            process(damaged, 2, damaged.length);
        }
        return taken;
    }

    private int boundaryLength() {
        return boundary == null ? 0 : boundary.length;
    }

    /** True when {@code bytes[from, to)} holds a line start followed by {@code --boundary}. */
    private boolean containsDelimiter(byte[] bytes, int from, int to) {
        if (boundary == null) {
            return false;
        }
        int last = to - boundary.length - 3;
        for (int j = from; j <= last; j++) {
            if (bytes[j] == '\n' && bytes[j + 1] == '-' && bytes[j + 2] == '-'
                    && Arrays.equals(bytes, j + 3, j + 3 + boundary.length, boundary, 0, boundary.length)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- outcomes and counters

    private void emit(byte[] jpeg) {
        frames++;
        handler.onFrame(jpeg);
    }

    private void discard(DiscardReason reason, long bytes) {
        discards[reason.ordinal()]++;
        handler.onDiscard(reason, bytes);
    }

    /** Bytes fed so far. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Frames emitted so far. */
    public long frames() {
        return frames;
    }

    /** Bytes passed over while looking for a delimiter: preambles, garbage between parts, remains of bad parts. */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    /** Delimiter lines that came where part headers were expected (a server repeating its boundary). */
    public long duplicateDelimiters() {
        return duplicateDelimiters;
    }

    /** Parts dropped for {@code reason} so far. */
    public long discards(DiscardReason reason) {
        return discards[reason.ordinal()];
    }

    /** The boundary in use, without dashes, or null while it has not been declared nor seen. */
    public String boundary() {
        return boundary == null ? null : new String(boundary, StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- bytes

    private static boolean isPadding(byte b) {
        return b == '\r' || b == '\n' || b == ' ' || b == '\t' || b == 0;
    }

    private static boolean equalsIgnoreCase(byte[] a, int from, int to, byte[] lowerCase) {
        if (to - from != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            int c = a[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
