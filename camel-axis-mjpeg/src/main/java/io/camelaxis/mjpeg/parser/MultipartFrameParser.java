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
 * from the first delimiter line), or declared but not used (the one in use followed once it came three times in a
 * row, see {@link FrameHandler#onBoundaryMismatch});</li>
 * <li>CRLF or LF-only lines, part headers in any order and any case, unknown headers, a preamble, duplicate
 * delimiters, a closing {@code --boundary--}, non-JPEG parts (skipped and reported);</li>
 * <li>damage: a lying or huge {@code Content-Length}, truncated JPEGs, garbage between parts, a boundary that never
 * comes. Memory stays bounded by {@code maxFrameSize}; the parser resynchronises at the next delimiter and reports
 * every dropped part to {@link FrameHandler#onDiscard}.</li>
 * </ul>
 *
 * <p>
 * <b>A damaged part ends at the next delimiter.</b> A body without {@code Content-Length}, and one whose length is
 * watched for a lie (longer than this stream's frames have been), is looked at for a delimiter as it arrives and ends
 * at the first one if its JPEG has not ended before; a JPEG walk that breaks goes back to reading lines from the line
 * it broke in. Such a part never swallows the next one, and the same bytes give the same frames and drops however
 * they were split into reads.
 *
 * <p>
 * <b>Rescanning dropped parts.</b> A trusted {@code Content-Length} body that fails validation (a length that lied
 * within the sizes this stream's frames have had) may have swallowed good parts, so its bytes are looked at once
 * more. That second look is iterative and distrustful: the dropped bytes are queued and read before any new input, and
 * a part that <em>begins</em> inside them is read as one without {@code Content-Length}, whatever its header says: it
 * ends at its JPEG's end or the next delimiter line, the one rule for every body not taken by its length. Such a part
 * can never swallow another one, so nothing is looked at a third time: however deeply crafted lengths nest, each
 * stream byte is read at most twice and the parser holds at most about {@code maxFrameSize} plus one fed chunk.
 * Not thread-safe: one parser per stream, fed from one thread.
 */
public final class MultipartFrameParser {

    /** Default upper bound of a frame: large enough for an 8K Axis JPEG at high quality. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    private static final int MAX_LINE = 1024;
    /** A line, the trailing blanks left out of it and the longest delimiter: what a look back over a line needs. */
    private static final int SKIPPED_TAIL = MAX_LINE + MultipartBoundary.MAX_LENGTH + 8;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /**
     * A boundary that was not declared is taken from the stream's first delimiter line only if that line begins within
     * its first this many bytes: what the stream shows later is not looked for ({@link #noBoundaryWithinLookAhead}).
     */
    public static final int BOUNDARY_LOOK_AHEAD = 64 * 1024;
    /** Same other delimiter lines in a row, the declared boundary never seen, before the parser follows the stream. */
    public static final int OTHER_BOUNDARY_SIGHTINGS = 3;
    /**
     * A declared Content-Length is not trusted with memory: a body's array starts at most this large (or twice the
     * largest body this stream completed) and doubles, up to the declared length, as its bytes arrive. A part that
     * lies about its length holds about what it sent, not what it declared.
     */
    static final int UNTRUSTED_BODY_ALLOCATION = 1 << 20;
    /** A Content-Length up to this (or four times the stream's largest frame) is not watched for a lie on arrival. */
    static final int TRUSTED_LENGTH = 64 * 1024;
    private static final int MAX_TRAILING_PADDING = 64;
    /** Padding a body may follow (a blank line too many); beyond, the part is dropped and the delimiter sought. */
    static final int MAX_BODY_PADDING = 64 * 1024;
    private static final byte[] CONTENT_TYPE = ascii("content-type");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] NO_BYTES = new byte[0];
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
    /** The boundary matched a delimiter line at least once (or was taken from one). */
    private boolean boundarySeen;
    /** A delimiter line with another boundary, and how many times in a row it came, while the declared one never did. */
    private byte[] otherBoundary;
    private int otherBoundarySightings;

    private State state = State.SEEK_DELIMITER;

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private long lineBytes; // long: a line without end may run past 2 GB before a timeout ends the connection
    /** Bytes at the start of the line being read that a dropped part's count holds already (see {@link #endSkip}). */
    private long lineCounted;
    /** Where in the stream the line just ended began (set while no boundary is known, the only time it is needed). */
    private long endedLineStart;

    private int headerBytes;
    private long contentLength;
    /** Padding skipped before the current part's body. */
    private int bodyPadding;
    private boolean jpegPart;

    private byte[] frame;
    private int frameFilled;
    /** The largest Content-Length body this stream completed: bodies up to twice that are allocated at once. */
    private int largestBody;
    private long skipRemaining;
    /** The last bytes of a skipped body watched for a lie ({@link #keepSkippedTail}); allocated when first needed. */
    private byte[] skippedTail;
    private int skippedTailLength;

    private final GrowableBuffer scanned;
    private final JpegEndScanner endScanner = new JpegEndScanner();
    private boolean scanStarted;

    /** Bytes of a dropped part waiting to be rescanned; read before any further input. Null when none. */
    private byte[] rescan;
    private int rescanTo;
    /** The dropped bytes being read again, while they are: parts that begin in them are read without length. */
    private byte[] rescanned;
    /** Where a body ends at the latest: built from the boundary in use when first needed. */
    private DelimiterLineSearch delimiterLines;

    private long bytesIn;

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
        if (core != null && core.length() > MultipartBoundary.MAX_LENGTH) {
            throw new IllegalArgumentException("the multipart boundary has " + core.length()
                    + " characters, more than the " + MultipartBoundary.MAX_LENGTH + " accepted (RFC 2046 allows 70)");
        }
        this.boundary = core == null ? null : ascii(core);
        this.maxFrameSize = maxFrameSize;
        // a body without Content-Length is held up to maxFrameSize (and one byte to tell it was longer)
        this.scanned = new GrowableBuffer(64 * 1024, (int) Math.min(Integer.MAX_VALUE - 8, maxFrameSize + 1L));
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
     * bytes still missing from the current part's {@code Content-Length} body once its first bytes were fed, or 0
     * when the parser is anywhere else. With it a reader copies each frame once, from the socket into the frame array:
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
        if (state != State.BODY_FIXED || frame == null) {
            return 0; // the body's first bytes go through feed: line breaks before the JPEG are skipped there
        }
        if (watchedForALie()) {
            return 0; // through feed, where its bytes are looked at before they are taken
        }
        growIfFull();
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
        int room = state == State.BODY_FIXED && frame != null ? frame.length - frameFilled : 0;
        if (n < 0 || n > room) {
            throw new IllegalArgumentException("directFilled(" + n + ") with " + room + " bytes expected");
        }
        bytesIn += n;
        bodyBytesArrived(n);
        if (rescan != null) {
            readRescan();
        }
    }

    /**
     * Declares the end of the stream (the connection closed or broke). A frame in progress is discarded as
     * {@link DiscardReason#TRUNCATED}, a part that is no JPEG with what came of it; the parser is then ready for a new
     * stream with the same boundary (one not declared and not yet seen is looked for in the first
     * {@link #BOUNDARY_LOOK_AHEAD} bytes fed since the parser was made: the transports make one per connection).
     */
    public void endOfStream() {
        if (state == State.SKIP_FIXED) {
            discard(DiscardReason.NOT_JPEG, contentLength - skipRemaining); // what came of it
            skippedTailLength = 0;
        }
        if (state == State.BODY_FIXED) {
            // a trusted length that lied may have made the part swallow whole parts: recover those before giving up
            discard(DiscardReason.TRUNCATED, frameFilled);
            if (frameFilled > 0) {
                rescanDropped(frame, frameFilled);
                readRescan();
            }
        }
        if (state == State.BODY_SCAN && scanStarted) {
            // it holds no delimiter: nothing to read again. Also a part begun in the bytes just read again
            discard(DiscardReason.TRUNCATED, scanned.size());
        }
        frame = null;
        scanned.clear();
        startSeeking();
    }

    private void process(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            i = step(buf, i, to);
            if (rescan != null) {
                readRescan(); // before the rest of this input: the dropped bytes came first in the stream
            }
        }
    }

    private int step(byte[] buf, int from, int to) {
        return switch (state) {
            case SEEK_DELIMITER, HEADERS -> readLine(buf, from, to);
            case BODY_FIXED -> readFixedBody(buf, from, to);
            case SKIP_FIXED -> skipFixedBody(buf, from, to);
            case BODY_SCAN -> readScannedBody(buf, from, to);
        };
    }

    // ---------------------------------------------------------------- rescanning dropped parts (see class Javadoc)

    /**
     * Queues {@code bytes[0, length)}, a dropped part's body, to be read again from a line start: the body began
     * right after its header block's blank line, and any delimiter it swallowed begins a line too. Takes ownership of
     * the array (no copy).
     */
    private void rescanDropped(byte[] bytes, int length) {
        if (rescanned != null) {
            // parts that begin in rescanned bytes are read without length and never rescanned (class Javadoc)
            throw new IllegalStateException("a rescanned part was rescanned");
        }
        startSeeking();
        rescan = bytes;
        rescanTo = length;
    }

    /** Reads the queued dropped bytes; never queues more (see {@link #rescanDropped}). */
    private void readRescan() {
        byte[] bytes = rescan;
        int to = rescanTo;
        rescan = null;
        rescanned = bytes;
        try {
            int i = 0;
            while (i < to) {
                i = step(bytes, i, to);
            }
        } finally {
            rescanned = null;
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
        if (state == State.HEADERS && headerBytes + lineBytes > MAX_HEADER_BYTES) {
            // an endless header line: drop the part now rather than when (if ever) the line ends. The part's bytes
            // are its complete header lines; this line's are skipped (and counted) as any line that is no delimiter
            discard(DiscardReason.BAD_HEADERS, headerBytes);
            state = State.SEEK_DELIMITER; // the rest of the line is skipped; its last bytes may still be a delimiter
        }
        if (nl == to) {
            return to;
        }
        lineBytes++; // the LF
        boolean overflow = lineBytes > MAX_LINE;
        int length = trimmedLength();
        long consumed = lineBytes;
        long counted = lineCounted;
        lineLength = 0;
        lineBytes = 0;
        lineCounted = 0;
        if (state == State.SEEK_DELIMITER) {
            if (boundary == null) {
                // bytes fed so far, less those after the LF, less the line: no rescan runs before a boundary is known
                endedLineStart = bytesIn - (to - nl - 1) - consumed;
            }
            onSeekLine(length, consumed, counted, overflow);
        } else {
            onHeaderLine(overflow ? 0 : length, (int) consumed, overflow); // a header line ends by MAX_HEADER_BYTES
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

    /** A line read while seeking a delimiter; {@code counted} of its {@code consumed} bytes were counted already. */
    private void onSeekLine(int length, long consumed, long counted, boolean overflow) {
        // a boundary taken from this very line (none declared) is not yet one the stream has shown to be its own: a
        // preamble line such as "-- stream follows --" must not fix it for good, so it stays open to be followed
        boolean hadBoundary = boundary != null;
        LineKind kind = overflow ? LineKind.OTHER : classify(length);
        if (kind == LineKind.OTHER && length > 0) {
            kind = delimiterAtEnd(length);
            if (kind == LineKind.OTHER && !overflow && followsTheBoundaryInUse(length)) {
                kind = LineKind.DELIMITER;
            } else {
                handler.onSkipped(consumed - counted); // the garbage before the delimiter, or the whole line
            }
        }
        if (kind != LineKind.OTHER && hadBoundary) {
            boundarySeen = true;
        }
        if (kind == LineKind.DELIMITER) {
            startPart();
        }
    }

    /**
     * A server that declares one boundary and delimits its parts with another would give no frame at all, nor one
     * whose first dashed line (taken for the boundary when none is declared) was a preamble. While the declared or
     * first boundary has never matched again, the same other delimiter line (two dashes and a boundary of printable
     * characters) {@value #OTHER_BOUNDARY_SIGHTINGS} times in a row makes the parser follow the stream: that boundary
     * is taken, the handler is told, and this line starts a part. The parts before it were skipped (and counted).
     */
    private boolean followsTheBoundaryInUse(int length) {
        if (boundarySeen || boundary == null) {
            return false;
        }
        int dashes = leadingDashes(length);
        int rest = length - dashes;
        if (dashes < 2 || rest < 1 || rest > MultipartBoundary.MAX_LENGTH) {
            return false;
        }
        for (int i = dashes; i < length; i++) {
            if (line[i] < 0x21 || line[i] > 0x7E) {
                return false; // blanks, control or binary bytes: a line of JPEG data, not a delimiter
            }
        }
        if (otherBoundary != null && Arrays.equals(line, dashes, length, otherBoundary, 0, otherBoundary.length)) {
            otherBoundarySightings++;
        } else {
            otherBoundary = Arrays.copyOfRange(line, dashes, length);
            otherBoundarySightings = 1;
        }
        if (otherBoundarySightings < OTHER_BOUNDARY_SIGHTINGS) {
            return false;
        }
        String declared = boundary();
        boundary = otherBoundary;
        delimiterLines = null; // built again from the boundary in use
        otherBoundary = null;
        handler.onBoundaryMismatch(declared, boundary());
        return true;
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
            startPart(); // a repeated delimiter (some servers send two): the part starts again, nothing is lost
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

    /** How many {@code -} begin the current line (a delimiter's two, and any the boundary itself starts with). */
    private int leadingDashes(int length) {
        int dashes = 0;
        while (dashes < length && line[dashes] == '-') {
            dashes++;
        }
        return dashes;
    }

    private LineKind classify(int length) {
        int dashes = leadingDashes(length);
        if (dashes < 2 || dashes == length) {
            return LineKind.OTHER;
        }
        int rest = length - dashes;
        boolean closing = rest > 2 && line[length - 1] == '-' && line[length - 2] == '-';
        if (boundary == null) {
            if ((closing ? rest - 2 : rest) > MultipartBoundary.MAX_LENGTH) {
                return LineKind.OTHER; // too long to be a boundary: not the delimiter line we wait for
            }
            if (endedLineStart >= BOUNDARY_LOOK_AHEAD) {
                return LineKind.OTHER; // begun past the look-ahead: never taken, however the reads fell
            }
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
        if (line[0] == ' ' || line[0] == '\t') {
            return true; // a folded header's continuation (MIME allows it); it never carries what the parser reads
        }
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

    /**
     * Counts {@code n} bytes of padding skipped before a body (line breaks, blanks, NULs). Returns -1 while the part
     * keeps within {@link #MAX_BODY_PADDING}; when these bytes take it past, the part is dropped, the padding is counted
     * up to the byte that did, and that count is returned: the caller goes on after it, and the rest is read as lines,
     * so the count is the same whatever the reads (it counted the whole of the read that crossed the limit). Before,
     * any amount was skipped, counted nowhere.
     */
    private int paddingOverflow(int n) {
        if (n == 0) {
            return -1;
        }
        int counted = (int) Math.min(n, MAX_BODY_PADDING + 1L - bodyPadding);
        handler.onSkipped(counted);
        bodyPadding += counted;
        if (bodyPadding <= MAX_BODY_PADDING) {
            return -1;
        }
        discard(DiscardReason.CORRUPT_JPEG, 0);
        startSeeking();
        return counted;
    }

    private void startPart() {
        bodyPadding = 0;
        state = State.HEADERS;
        headerBytes = 0;
        contentLength = -1;
        jpegPart = true; // a part without Content-Type is taken for a JPEG and checked like one
    }

    private void startSeeking() {
        state = State.SEEK_DELIMITER;
        lineLength = 0;
        lineBytes = 0;
        lineCounted = 0;
    }

    private void startBody() {
        if (rescanned != null) {
            // this part began inside a dropped part: its Content-Length is not trusted (see the class Javadoc)
            if (jpegPart) {
                startScannedBody();
            } else {
                discard(DiscardReason.NOT_JPEG, 0);
                startSeeking();
            }
        } else if (!jpegPart) {
            if (contentLength > 0 && contentLength <= maxFrameSize) {
                skipRemaining = contentLength; // dropped (and counted) where the skip ends: skipFixedBody
                skippedTailLength = 0;
                state = State.SKIP_FIXED;
            } else {
                // no length, or more than any frame may hold (a lie would skip every frame after it): to the next
                // delimiter, as an oversize JPEG part
                discard(DiscardReason.NOT_JPEG, Math.max(contentLength, 0));
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
            startScannedBody();
        }
    }

    /** A body without length (or whose length is not trusted): walked to its JPEG's end, or the next delimiter line. */
    private void startScannedBody() {
        scanned.clear();
        endScanner.reset();
        scanStarted = false;
        state = State.BODY_SCAN;
    }

    /**
     * Skips the body of a part that is no JPEG, every byte of it looked at for a delimiter line, whatever its length:
     * one inside shows that its Content-Length lied, and would have skipped the frames after it. Image parts are
     * watched only beyond the lengths their stream has shown ({@link #watchedForALie}), so that a frame's bytes are
     * not searched twice; a part that is no JPEG is rare in a camera's stream, and a plausible lie (a text part
     * declaring 30 KB amid 40 KB frames) lost the frame it hid, counted nowhere.
     */
    private int skipFixedBody(byte[] buf, int from, int to) {
        int n = (int) Math.min(skipRemaining, to - from);
        byte[] held = skippedTail == null ? NO_BYTES : skippedTail;
        int heldLength = skippedTailLength;
        int delimiterLine = delimiterLineEnd(held, heldLength, buf, from, from + n);
        if (delimiterLine >= 0) {
            // the part ends there, as a watched image part does (readFixedBody): its bytes are those before the line
            skippedTailLength = 0;
            long lineEnd = heldLength + (long) (delimiterLine - from);
            long lineStart = lineStartBefore(lineEnd, held, heldLength, buf, from);
            long skippedBefore = contentLength - skipRemaining; // the body's bytes up to held's end
            discard(DiscardReason.NOT_JPEG, skippedBefore - heldLength + lineStart);
            return readLinesFrom(lineStart, lineEnd, held, heldLength, buf, from);
        }
        keepSkippedTail(buf, from, from + n);
        skipRemaining -= n;
        if (skipRemaining == 0) {
            discard(DiscardReason.NOT_JPEG, contentLength);
            return endSkip(buf, from + n);
        }
        return from + n;
    }

    /**
     * The skip ran to the declared end. When the body's last line (after its last line feed) begins with a dash, the
     * length may have ended inside the next delimiter line ({@code \r\n--} of {@code \r\n--b\r\n}): that line goes
     * on in the line reader, as if the part had ended before it, or the frame behind it would be lost, counted
     * nowhere. Its bytes are the part's already and are not counted again if it is no delimiter line.
     */
    private int endSkip(byte[] buf, int i) {
        int tailLength = skippedTailLength;
        skippedTailLength = 0;
        long lineStart = lineStartBefore(tailLength, skippedTail, tailLength, buf, i);
        if (lineStart >= tailLength || skippedTail[(int) lineStart] != '-') {
            startSeeking();
            return i;
        }
        int resume = readLinesFrom(lineStart, tailLength, skippedTail, tailLength, buf, i);
        lineCounted = lineBytes;
        return resume;
    }

    /**
     * Keeps the last {@link #SKIPPED_TAIL} bytes of a skipped body watched for a lie: enough to look back over a
     * delimiter line cut by a read (its line, up to {@code MAX_LINE} trailing blanks, and the longest boundary), so the
     * skip ends at the same delimiter lines as a held body does, whatever the reads. Offsets in the tail stand for body
     * offsets: a look back never reaches its start once it is full.
     */
    private void keepSkippedTail(byte[] buf, int from, int to) {
        if (skippedTail == null) {
            skippedTail = new byte[SKIPPED_TAIL];
        }
        int n = to - from;
        if (n >= SKIPPED_TAIL) {
            System.arraycopy(buf, to - SKIPPED_TAIL, skippedTail, 0, SKIPPED_TAIL);
            skippedTailLength = SKIPPED_TAIL;
            return;
        }
        int keep = Math.min(skippedTailLength, SKIPPED_TAIL - n);
        System.arraycopy(skippedTail, skippedTailLength - keep, skippedTail, 0, keep);
        System.arraycopy(buf, from, skippedTail, keep, n);
        skippedTailLength = keep + n;
    }

    private int readFixedBody(byte[] buf, int from, int to) {
        if (frame == null) {
            // a line break before the body (a blank line too many after the headers) is not the JPEG's, which starts
            // with FF: counted into the length it made every frame end short, each one dropped as corrupt
            int start = from;
            while (from < to && (buf[from] == '\r' || buf[from] == '\n')) {
                from++;
            }
            int overflow = paddingOverflow(from - start);
            if (overflow >= 0) {
                return start + overflow;
            }
            if (from == to) {
                return to;
            }
        }
        if (watchedForALie()) {
            int delimiterLine = delimiterLineEnd(frame == null ? NO_BYTES : frame, frameFilled, buf, from,
                    (int) Math.min(to, from + (contentLength - frameFilled)));
            if (delimiterLine >= 0) {
                return dropLyingBody(delimiterLine, buf, from);
            }
        }
        if (frame == null) {
            int length = (int) contentLength;
            if (to - from >= length) {
                // the whole body is here: allocating by copying lets the JIT skip zeroing the new array
                frame = Arrays.copyOfRange(buf, from, from + length);
                bodyBytesArrived(length);
                return from + length;
            }
            // a length watched for a lie starts from what arrived: dropped early, it must not have cost a megabyte
            long first = watchedForALie() ? 2L * largestBody : Math.max(UNTRUSTED_BODY_ALLOCATION, 2L * largestBody);
            int initial = (int) Math.min(length, Math.max(first, to - from));
            if (to == buf.length) {
                // the rest comes later: copyOfRange pads with zeros, and the JVM zeroes only that padding
                frame = Arrays.copyOfRange(buf, from, from + initial);
                frameFilled = to - from;
                return to;
            }
            frame = new byte[initial];
        }
        growIfFull();
        int n = Math.min(frame.length - frameFilled, to - from);
        System.arraycopy(buf, from, frame, frameFilled, n);
        bodyBytesArrived(n);
        return from + n;
    }

    /**
     * A body longer than this stream's frames have been (four times its largest, at least {@link #TRUSTED_LENGTH}) is
     * watched: its bytes are looked at for a delimiter before they are taken, and one shows that its Content-Length
     * lied. The part is dropped there, and the parts after it are read on from that delimiter as they came. Before,
     * a part declaring 1 MB amid 2 KB frames held every frame behind it until the megabyte had arrived, 20 s of a
     * small stream, long enough to be taken for a camera without frames.
     *
     * @param delimiterLine the index in {@code buf} of the line feed ending the delimiter line
     * @return the index of {@code buf} where line reading goes on
     */
    private int dropLyingBody(int delimiterLine, byte[] buf, int from) {
        byte[] held = frame == null ? NO_BYTES : frame;
        int heldLength = frameFilled;
        frame = null;
        frameFilled = 0;
        long lineEnd = heldLength + (long) (delimiterLine - from);
        long lineStart = lineStartBefore(lineEnd, held, heldLength, buf, from);
        discard(DiscardReason.CORRUPT_JPEG, lineStart);
        return readLinesFrom(lineStart, lineEnd, held, heldLength, buf, from);
    }

    private boolean watchedForALie() {
        return contentLength > Math.max(4L * largestBody, TRUSTED_LENGTH);
    }

    /** Doubles a full body array that has not reached its declared length (see {@link #UNTRUSTED_BODY_ALLOCATION}). */
    private void growIfFull() {
        int length = (int) contentLength;
        if (frameFilled == frame.length && frame.length < length) {
            frame = Arrays.copyOf(frame, (int) Math.min(length, 2L * frame.length));
        }
    }

    private void bodyBytesArrived(int n) {
        frameFilled += n;
        if (frameFilled == contentLength) { // the array has grown to exactly the declared length by now
            byte[] body = frame;
            frame = null;
            startSeeking();
            completeFixedFrame(body);
        }
    }

    private void completeFixedFrame(byte[] body) {
        int length = validLength(body, 0, body.length);
        if (length > 0) {
            largestBody = Math.max(largestBody, body.length); // a frame, not a lie: its size is allocated at once now
            emit(length == body.length ? body : Arrays.copyOf(body, length));
        } else {
            // the length lied or the JPEG is damaged: drop it, then look for delimiters inside it, so a too-long
            // Content-Length costs this frame only and not the ones it swallowed
            discard(DiscardReason.CORRUPT_JPEG, body.length);
            rescanDropped(body, body.length);
        }
    }

    /**
     * The length of the JPEG in {@code bytes[from, from + length)} with trailing padding trimmed, or -1 when it fails
     * validation.
     */
    private int validLength(byte[] bytes, int from, int length) {
        if (validation == JpegValidation.none) {
            return length;
        }
        if (length < 4 || bytes[from] != (byte) 0xFF || (bytes[from + 1] & 0xFF) != JpegMarkers.SOI) {
            return -1;
        }
        int end = from + length;
        int limit = from + Math.max(2, length - MAX_TRAILING_PADDING);
        while (end > limit && isPadding(bytes[end - 1])) {
            end--;
        }
        if (bytes[end - 2] != (byte) 0xFF || (bytes[end - 1] & 0xFF) != JpegMarkers.EOI) {
            return -1;
        }
        if (validation == JpegValidation.structure) {
            JpegEndScanner scanner = endScanner; // idle while a Content-Length or delimited body is read
            scanner.reset();
            if (scanner.scan(bytes, from, end) != end || !scanner.sawFrameAndScan()) {
                return -1;
            }
        }
        return end - from;
    }

    private int readScannedBody(byte[] buf, int from, int to) {
        int i = from;
        if (!scanStarted) {
            while (i < to && isPadding(buf[i])) {
                i++;
            }
            int overflow = paddingOverflow(i - from);
            if (overflow >= 0) {
                return from + overflow;
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
        // body offsets: scanned holds [0, held), buf[i] is offset held. The part ends at the first delimiter line, so
        // the walk is given the bytes up to it only (and one byte past maxFrameSize at most): each byte is looked at
        // once, however many parts a read holds
        int held = scanned.size();
        int window = (int) Math.min(to, i + (long) (maxFrameSize - held) + 1); // in long: maxFrameSize may be near 2^31
        int delimiterLine = delimiterLineEnd(scanned.array(), held, buf, i, window);
        int end = endScanner.scan(buf, i, delimiterLine >= 0 ? delimiterLine : window);
        if (end >= 0 && held + (long) (end - i) <= maxFrameSize) {
            // the frame's last bytes are copied once, from the input into the frame, and not through 'scanned'
            byte[] jpeg = scanned.toArrayFollowedBy(buf, i, end);
            scanned.clear();
            startSeeking();
            if (validation != JpegValidation.structure || endScanner.sawFrameAndScan()) {
                emit(jpeg);
            } else {
                discard(DiscardReason.CORRUPT_JPEG, jpeg.length);
            }
            return end;
        }
        if (end == JpegEndScanner.MALFORMED) {
            // damaged: lines are read again from the line the walk broke in (a delimiter line after it is read there)
            return dropScannedBody(DiscardReason.CORRUPT_JPEG, held + (long) (endScanner.failedAt() - i), buf, i);
        }
        if (delimiterLine >= 0) {
            // no EOI before the next delimiter line: never a frame holding another part, and the parts after it are
            // read as they came
            return dropScannedBody(DiscardReason.CORRUPT_JPEG, held + (long) (delimiterLine - i), buf, i);
        }
        if (held + (long) (window - i) > maxFrameSize) {
            // too big (an EOI found past maxFrameSize too): the rest of the part is skipped line by line, from the
            // line its last allowed byte is in
            return dropScannedBody(DiscardReason.OVERSIZE, maxFrameSize, buf, i);
        }
        if (held == 0 && buf == rescanned) {
            // a part begun in dropped bytes goes on in new input: its first bytes stay in the dropped array (moved to
            // its start), so reading them again never holds a second array of that size
            scanned.adopt(buf, i, to);
        } else {
            scanned.append(buf, i, to);
        }
        return to;
    }

    /**
     * Drops the body being walked at body offset {@code at}, and reads lines from the start of the line {@code at} is
     * in (found in this input or in {@code scanned}), going on in this input at {@code at}.
     */
    private int dropScannedBody(DiscardReason reason, long at, byte[] buf, int i) {
        byte[] held = scanned.array();
        int heldLength = scanned.size();
        long lineStart = lineStartBefore(at, held, heldLength, buf, i);
        discard(reason, reason == DiscardReason.OVERSIZE ? maxFrameSize + 1L : lineStart);
        int next = readLinesFrom(lineStart, at, held, heldLength, buf, i);
        scanned.clear();
        return next;
    }

    /**
     * The index of the first line feed in {@code buf[from, to)} that ends a delimiter line, or -1 (see
     * {@link DelimiterLineSearch}). The body's bytes before {@code buf[from]} are {@code held[0, heldLength)} and it
     * begins a line. This is the one check that keeps a body (without Content-Length, or with one watched for a lie)
     * from running past a delimiter, and it sees the same lines however the stream was split into reads.
     */
    private int delimiterLineEnd(byte[] held, int heldLength, byte[] buf, int from, int to) {
        if (boundary == null) {
            return -1;
        }
        if (delimiterLines == null) {
            delimiterLines = new DelimiterLineSearch(boundary, MAX_LINE);
        }
        return delimiterLines.lineEnd(held, heldLength, buf, from, to);
    }

    /**
     * The body offset where the line holding body offset {@code offset} begins (the body's bytes before
     * {@code buf[i]} are {@code held[0, heldLength)}). Looks back one line's worth at most: a longer line is too long
     * to be a delimiter and is skipped as such.
     */
    private static long lineStartBefore(long offset, byte[] held, int heldLength, byte[] buf, int i) {
        long stop = Math.max(0, offset - MAX_LINE - 1);
        for (long at = offset - 1; at >= stop; at--) {
            if (DelimiterLineSearch.byteAt(held, heldLength, buf, i, at) == '\n') {
                return at + 1;
            }
        }
        return stop;
    }

    /**
     * Goes back to reading lines (looking for the next delimiter) in the line that begins at body offset
     * {@code lineStart}, going on in {@code buf} at body offset {@code continueAt} (not before {@code buf[i]}): the
     * line's bytes before it, held or in {@code buf}, go to the line buffer as if the line reader had read them, so
     * no byte is read twice. There is no line feed between the two offsets.
     *
     * @return the index of {@code buf} where line reading goes on
     */
    private int readLinesFrom(long lineStart, long continueAt, byte[] held, int heldLength, byte[] buf, int i) {
        startSeeking();
        long start = Math.max(lineStart, continueAt - MAX_LINE); // the line buffer keeps the last MAX_LINE bytes
        if (start < heldLength) {
            appendToLine(held, (int) start, heldLength);
        }
        int inBuf = i + (int) (Math.max(start, heldLength) - heldLength);
        int resume = i + (int) (continueAt - heldLength);
        appendToLine(buf, inBuf, resume);
        lineBytes = continueAt - lineStart;
        return resume;
    }

    // ---------------------------------------------------------------- outcomes and counters

    private void emit(byte[] jpeg) {
        handler.onFrame(jpeg);
    }

    private void discard(DiscardReason reason, long bytes) {
        handler.onDiscard(reason, bytes);
    }

    /**
     * True when no boundary is known (none declared, none taken from a delimiter line) although the stream is past
     * its first {@link #BOUNDARY_LOOK_AHEAD} bytes, and no line that began within them is still arriving short enough
     * to be a delimiter line: none will be taken any more. A delimiter line that begins in the look-ahead is waited
     * for, and one that begins after it is never taken, however the reads fall.
     */
    public boolean noBoundaryWithinLookAhead() {
        if (boundary != null || bytesIn <= BOUNDARY_LOOK_AHEAD) {
            return false;
        }
        boolean lineBeganWithin = lineBytes > 0 && bytesIn - lineBytes < BOUNDARY_LOOK_AHEAD;
        return !lineBeganWithin || lineBytes >= MAX_LINE; // a longer line is never taken for a delimiter
    }

    /**
     * The length of the largest array this parser holds now: the frame being received, the body held while its end is
     * looked for, dropped bytes queued to be read again, the tail of a skipped body (tests: whatever a stream does, it
     * stays within the frame size the parser was given).
     */
    int largestArrayHeld() {
        int largest = Math.max(scanned.array().length, line.length);
        for (byte[] held : new byte[][] { frame, rescan, skippedTail }) {
            largest = Math.max(largest, held == null ? 0 : held.length);
        }
        return largest;
    }

    /** Bytes fed so far. */
    public long bytesIn() {
        return bytesIn;
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
