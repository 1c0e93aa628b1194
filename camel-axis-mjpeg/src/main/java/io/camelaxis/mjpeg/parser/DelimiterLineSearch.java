package io.camelaxis.mjpeg.parser;

import java.util.Arrays;

/**
 * Finds the end of the next delimiter line in a part's body: the first line feed ending a line whose last bytes,
 * trailing CR and blanks left out, are {@code --boundary} or {@code --boundary--}, within the line's last
 * {@code maxLine} bytes. That is what the line reader, which keeps that many, takes for a delimiter, with more dashes,
 * or glued to garbage before it ({@link MultipartFrameParser}); a body without Content-Length, or with one watched for
 * a lie, ends there at the latest.
 *
 * <p>A body is JPEG data, with a line feed every 70 to 200 bytes: looking at each one cost as much as the JPEG walk
 * itself. This search samples one byte in every {@code |--boundary|} instead (a skip search): a sample that is no byte
 * of {@code --boundary} rules out every occurrence that would cover it, which is almost every sample in JPEG data.
 * Where a sample is such a byte, the occurrences it could be part of are compared, and the line feed after a match
 * (past dashes and blanks only) is checked as a whole line, once. A body crafted from the boundary's own bytes makes
 * every sample a candidate; once the comparisons cost more than a budget in proportion to the bytes searched, the
 * search goes on by looking at every line feed, so it stays linear whatever the bytes, over one body or many small
 * ones.
 *
 * <p>The body's bytes are addressed by body offset: {@code held[0, heldLength)} first, then {@code buf} from
 * {@code from}; the body begins a line.
 */
final class DelimiterLineSearch {

    /**
     * Comparisons allowed beyond one per byte searched before the search falls back to every line feed. JPEG data
     * costs a few per hundred bytes; the budget is checked before each comparison, so no call spends more than this,
     * one comparison and its line's bytes beyond its bytes.
     */
    static final int BUDGET_SLACK = 64;

    private final byte[] boundary;
    /** {@code --boundary}: what a delimiter line holds right before its optional {@code --}, blanks and line feed. */
    private final byte[] pattern;
    /** For each byte value, its offsets in {@link #pattern}, the largest first; null for a byte not in it. */
    private final int[][] offsetsOf = new int[256][];
    private final int maxLine;
    private final int budgetSlack;
    /** Bytes compared and scanned so far, for tests (see {@link #work()}). */
    private long work;

    /**
     * @param boundary the boundary without dashes
     * @param maxLine  how many of a line's last bytes the line reader keeps: a delimiter line's delimiter lies in them
     */
    DelimiterLineSearch(byte[] boundary, int maxLine) {
        this(boundary, maxLine, BUDGET_SLACK);
    }

    DelimiterLineSearch(byte[] boundary, int maxLine, int budgetSlack) {
        for (byte b : boundary) {
            if (b == '\n') {
                // a boundary comes from a header value or a line: neither holds one, and the search relies on it
                throw new IllegalArgumentException("a multipart boundary holds no line feed");
            }
        }
        this.boundary = boundary.clone();
        this.maxLine = maxLine;
        this.budgetSlack = budgetSlack;
        pattern = new byte[boundary.length + 2];
        pattern[0] = '-';
        pattern[1] = '-';
        System.arraycopy(boundary, 0, pattern, 2, boundary.length);
        for (int t = pattern.length - 1; t >= 0; t--) {
            int b = pattern[t] & 0xFF;
            int[] known = offsetsOf[b];
            int[] offsets = known == null ? new int[1] : Arrays.copyOf(known, known.length + 1);
            offsets[offsets.length - 1] = t;
            offsetsOf[b] = offsets;
        }
    }

    /** The index in {@code buf[from, to)} of the first line feed ending a delimiter line, or -1. */
    int lineEnd(byte[] held, int heldLength, byte[] buf, int from, int to) {
        int k = pattern.length;
        if (heldLength > 0) {
            // a delimiter begun in the held bytes ends at the first line feed of buf, within a delimiter's length
            int limit = (int) Math.min(to, from + (long) k + 2 + maxLine + 1);
            int first = JpegEndScanner.indexOfLineFeed(buf, from, limit);
            if (first < limit && endsWithDelimiter(held, heldLength, buf, from, first)) {
                return first;
            }
        }
        long spent = 0;
        int runFrom = -1; // buf[runFrom, runEnd) are known dashes and blanks, and buf[runEnd] is not (or runEnd == to)
        int runEnd = -1;
        int checkedLineFeed = -1; // the line feed last looked at: occurrences sharing its run need no second look
        // every occurrence of the pattern starting in buf covers exactly one sample
        for (int sample = from + k - 1; sample < to; sample += k) {
            int[] offsets = offsetsOf[buf[sample] & 0xFF];
            if (offsets == null) {
                continue;
            }
            for (int t : offsets) { // the largest offset first: occurrences in the order they start
                if (spent > (sample - from) + budgetSlack) {
                    work += spent;
                    // crafted from the boundary's bytes: every occurrence covering an earlier sample was looked at,
                    // so no delimiter line ends before this sample's window; from there every line feed is looked at
                    return everyLineFeed(held, heldLength, buf, from, sample - k + 1, to);
                }
                int start = sample - t;
                int end = start + k;
                if (start < from || end >= to) {
                    continue; // begun in held bytes (checked above), or its line feed is not in this input
                }
                int same = 0;
                while (same < k && buf[start + same] == pattern[same]) {
                    same++;
                }
                spent += same + 1;
                if (same < k) {
                    continue;
                }
                if (end < runFrom || end > runEnd) {
                    runFrom = end;
                    runEnd = end;
                    while (runEnd < to && isDashOrBlank(buf[runEnd])) {
                        runEnd++;
                    }
                    spent += runEnd - end;
                }
                if (runEnd < to && buf[runEnd] == '\n' && runEnd != checkedLineFeed) {
                    if (endsWithDelimiter(held, heldLength, buf, from, runEnd)) {
                        work += spent;
                        return runEnd;
                    }
                    checkedLineFeed = runEnd;
                }
            }
        }
        work += spent;
        return -1;
    }

    /** Bytes compared and scanned so far, lines looked at included (not the line feeds the fall-back passes). */
    long work() {
        return work;
    }

    /** The first line feed in {@code buf[at, to)} that ends a delimiter line, each one looked at, or -1. */
    private int everyLineFeed(byte[] held, int heldLength, byte[] buf, int from, int at, int to) {
        byte last = boundary[boundary.length - 1];
        for (int j = JpegEndScanner.indexOfLineFeed(buf, at, to); j < to;
                j = JpegEndScanner.indexOfLineFeed(buf, j + 1, to)) {
            // most line feeds end no delimiter line: the byte before tells, without a look further back
            byte before = j > from ? buf[j - 1] : heldLength > 0 ? held[heldLength - 1] : (byte) '\n';
            if ((before == last || isDashOrBlank(before)) && endsWithDelimiter(held, heldLength, buf, from, j)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * True when the line ending at the line feed {@code buf[lineFeed]} ends with {@code --boundary} or
     * {@code --boundary--}, trailing blanks and CR left out, all within the line's last {@code maxLine} bytes: what
     * the line reader, which keeps that many, takes for a delimiter.
     */
    private boolean endsWithDelimiter(byte[] held, int heldLength, byte[] buf, int from, int lineFeed) {
        long lineEnd = heldLength + (long) (lineFeed - from);
        long end = lineEnd;
        long window = Math.max(0, lineEnd - maxLine); // where the bytes the line reader keeps of this line begin
        while (end > window && isLineEndBlank(byteAt(held, heldLength, buf, from, end - 1))) {
            end--;
        }
        work += lineEnd - end + pattern.length; // counted for tests: a line is looked at once
        for (int suffix = 0; suffix <= 2; suffix += 2) {
            long start = end - suffix - boundary.length; // where the boundary would begin
            if (start - 2 < window || suffix == 2 && (byteAt(held, heldLength, buf, from, end - 1) != '-'
                                             || byteAt(held, heldLength, buf, from, end - 2) != '-')) {
                continue;
            }
            boolean same = byteAt(held, heldLength, buf, from, start - 1) == '-'
                           && byteAt(held, heldLength, buf, from, start - 2) == '-';
            for (int k = 0; same && k < boundary.length; k++) {
                same = byteAt(held, heldLength, buf, from, start + k) == boundary[k];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLineEndBlank(byte b) {
        return b == '\r' || b == ' ' || b == '\t';
    }

    private static boolean isDashOrBlank(byte b) {
        return b == '-' || isLineEndBlank(b);
    }

    /** The byte at body offset {@code at}: in {@code held[0, heldLength)}, then in {@code buf} from {@code from}. */
    static byte byteAt(byte[] held, int heldLength, byte[] buf, int from, long at) {
        return at < heldLength ? held[(int) at] : buf[from + (int) (at - heldLength)];
    }
}
