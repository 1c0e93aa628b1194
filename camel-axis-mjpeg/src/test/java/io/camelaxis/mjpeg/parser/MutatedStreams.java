package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.camelaxis.mjpeg.TestData;

import static io.camelaxis.mjpeg.parser.ParserPropertiesTest.splice;

/**
 * Multipart streams to damage a parser with: synthetic ones (JPEGs of random size and entropy, with and without
 * Content-Length, LF or CRLF, text parts, empty parts, parts without headers or with endless header lines, cut and
 * nested JPEGs, lengths beyond the maximum, fill bytes, headers in any case, doubled delimiters) or the real Axis
 * capture; six in seven are then damaged one to twelve times by the {@link #mutate} operations: bit flips, random
 * bytes inserted or deleted, repeated ranges, truncation, repeated delimiter and header lines, lying Content-Length
 * values, endless lines, thousands of empty parts, FF chains, SOI and EOI inserted or removed, segment lengths that
 * point elsewhere, bad COM timestamps, closing delimiters, text parts with lying lengths, CRLF turned into LF, and
 * delimiters spliced into JPEG data. Deterministic for a seed.
 */
final class MutatedStreams {

    static final String B = "myboundary";

    /** One stream to parse, with the parser settings it is parsed with, and how it was made (for a failure's text). */
    record Stream(byte[] bytes, String boundary, int maxFrameSize, JpegValidation validation, String how) {
    }

    private static final byte[] CAPTURE = TestData.captureBytes();
    private static final List<byte[]> CAPTURE_JPEGS = TestData.captureFrames();

    private final Random r;
    private long ids;

    MutatedStreams(long seed) {
        this.r = new Random(seed);
    }

    /** A seed for how the next stream is cut into reads. */
    long nextSplitSeed() {
        return r.nextLong();
    }

    Stream next() {
        String le = r.nextInt(4) == 0 ? "\n" : "\r\n";
        int maxFrame = switch (r.nextInt(5)) {
            case 0 -> 4 + r.nextInt(4000);
            case 1 -> 64 * 1024;
            case 2 -> 100_000 + r.nextInt(200_000);
            case 3 -> 1 << 20;
            default -> MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE;
        };
        JpegValidation validation = JpegValidation.values()[r.nextInt(JpegValidation.values().length)];
        String declared = switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> "--" + B;
            case 2 -> "\"" + B + "\"";
            default -> B;
        };
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        StringBuilder how = new StringBuilder();
        if (r.nextInt(5) == 0) {
            how.append("capture");
            o.writeBytes(CAPTURE);
            le = "\r\n";
        } else {
            how.append("synthetic");
            if (r.nextInt(4) == 0) {
                o.writeBytes(ascii("preamble line" + le + "-- not a delimiter --" + le));
                if (declared == null) {
                    declared = B; // an undetected boundary would be taken from the preamble's dashed line
                }
            }
            int parts = 1 + r.nextInt(12);
            for (int i = 0; i < parts; i++) {
                o.writeBytes(part(le, maxFrame));
            }
            if (r.nextBoolean()) {
                o.writeBytes(ascii("--" + B + "--" + le));
            }
        }
        byte[] stream = o.toByteArray();
        if (r.nextInt(7) != 0) {
            how.append(" damaged:");
            int damages = 1 + r.nextInt(r.nextInt(3) == 0 ? 12 : 4);
            for (int i = 0; i < damages; i++) {
                stream = mutate(stream, le, how);
            }
        }
        return new Stream(stream, declared, maxFrame, validation, how.toString());
    }

    private byte[] part(String le, int maxFrame) {
        byte[] j = anyJpeg();
        return switch (r.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5 -> head(le, "image/jpeg", String.valueOf(j.length)).concat(j, le);
            case 6, 7, 8 -> head(le, "image/jpeg", null).concat(j, le);
            case 9 -> head(le, "text/plain", r.nextBoolean() ? "12" : null)
                    .concat(ascii("hello\r\nworld"), le); // a text part
            case 10 -> head(le, "image/jpeg", "0").concat(new byte[0], le);
            case 11 -> new Bytes().s("--" + B + le + le).concat(new byte[0], ""); // an empty part
            case 12 -> new Bytes().s("--" + B + le + "garbage without colon" + le + le).concat(j, le);
            case 13 -> new Bytes().s("--" + B + le + "X-Long: " + "x".repeat(17_000 + r.nextInt(3000)) + le + le)
                    .concat(j, le); // an endless header line
            case 14 -> { // SOI without EOI
                byte[] cut = Arrays.copyOf(j, Math.max(2, j.length - 2 - r.nextInt(Math.min(j.length - 2, 200))));
                yield head(le, "image/jpeg", r.nextBoolean() ? String.valueOf(cut.length) : null).concat(cut, le);
            }
            case 15 -> { // a nested SOI
                byte[] nested = splice(j, 2, 2, hex("FFD8"));
                yield head(le, "image/jpeg", r.nextBoolean() ? String.valueOf(nested.length) : null)
                        .concat(nested, le);
            }
            case 16 -> head(le, "image/jpeg", String.valueOf((long) maxFrame + 1 + r.nextInt(1000))).concat(j, le);
            case 17 -> { // fill bytes before markers: FF FF FF ... is legal
                byte[] filled = splice(j, 2, 2, fill(1 + r.nextInt(50)));
                yield head(le, "image/jpeg", r.nextBoolean() ? String.valueOf(filled.length) : null)
                        .concat(filled, le);
            }
            case 18 -> new Bytes().s("--" + B + le + "X-Foo: bar" + le + "CONTENT-LENGTH:" + j.length + le
                                     + "content-type:IMAGE/JPEG" + le + le).concat(j, le);
            default -> new Bytes().s("--" + B + le).concat(head(le, "image/jpeg", String.valueOf(j.length))
                    .concat(j, le), ""); // a second delimiter line, as some servers send
        };
    }

    /** A structurally valid baseline JPEG with a unique id in an Axis-like COM segment and random entropy data. */
    private byte[] jpeg(int entropy) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0xFF);
        o.write(0xD8);
        o.writeBytes(hex("FFE000104A46494600010100000100010000"));
        long id = ++ids;
        long secs = 1374676485L + r.nextInt(1000);
        // Axis COM: 0A 01 + seconds + hundredths, and an id so every JPEG is unique
        o.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, 15, 0x0A, 0x01, (byte) (secs >> 24), (byte) (secs >> 16),
                (byte) (secs >> 8), (byte) secs, (byte) r.nextInt(100), (byte) (id >> 40), (byte) (id >> 32),
                (byte) (id >> 24), (byte) (id >> 16), (byte) (id >> 8), (byte) id });
        o.writeBytes(hex("FFDB0043" + "00".repeat(65)));
        o.writeBytes(hex("FFC0000B080010001001011100"));
        o.writeBytes(hex("FFC4001F0000010501010101010100000000000000000102030405060708090A0B"));
        o.writeBytes(hex("FFDA0008010100003F00"));
        int rst = 0;
        for (int i = 0; i < entropy; i++) {
            int b = r.nextInt(256);
            o.write(b);
            if (b == 0xFF) {
                o.write(0);
            }
            if (r.nextInt(200) == 0) {
                o.write(0xFF);
                o.write(0xD0 + (rst++ & 7));
            }
        }
        o.write(0xFF);
        o.write(0xD9);
        return o.toByteArray();
    }

    private byte[] anyJpeg() {
        if (r.nextInt(4) == 0) {
            return CAPTURE_JPEGS.get(r.nextInt(CAPTURE_JPEGS.size()));
        }
        return jpeg(r.nextInt(8) == 0 ? r.nextInt(40_000) : r.nextInt(600));
    }

    private static Bytes head(String le, String type, String length) {
        Bytes b = new Bytes().s("--" + B + le);
        if (type != null) {
            b.s("Content-Type: " + type + le);
        }
        if (length != null) {
            b.s("Content-Length: " + length + le);
        }
        return b.s(le);
    }

    private static final class Bytes {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();

        Bytes s(String s) {
            o.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        byte[] concat(byte[] body, String le) {
            o.writeBytes(body);
            s(le);
            return o.toByteArray();
        }
    }

    /** One damage at a random place: flipped, replaced, inserted, deleted or repeated bytes, or a targeted lie. */
    private byte[] mutate(byte[] s, String le, StringBuilder log) {
        if (s.length == 0) {
            return ("--" + B + le).getBytes(StandardCharsets.ISO_8859_1);
        }
        int at = r.nextInt(s.length);
        int op = r.nextInt(18);
        log.append(' ').append(op).append('@').append(at);
        switch (op) {
            case 0: {
                byte[] c = s.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1: {
                byte[] c = s.clone();
                c[at] = (byte) r.nextInt(256);
                return c;
            }
            case 2: {
                byte[] g = new byte[1 + r.nextInt(r.nextBoolean() ? 8 : 400)];
                r.nextBytes(g);
                return splice(s, at, at, g);
            }
            case 3:
                return splice(s, at, Math.min(s.length, at + 1 + r.nextInt(r.nextBoolean() ? 4 : 2000)), new byte[0]);
            case 4: {
                int end = Math.min(s.length, at + 1 + r.nextInt(3000));
                return splice(s, at, at, Arrays.copyOfRange(s, at, end));
            }
            case 5: // truncate
                return Arrays.copyOf(s, at);
            case 6: { // duplicate a delimiter line, or a header line
                int d = lineStartingWith(s, at, r.nextBoolean() ? "--" : "Content-");
                if (d < 0) {
                    return s;
                }
                int e = indexOf(s, (byte) '\n', d) + 1;
                if (e <= 0) {
                    return s;
                }
                int copies = 1 + r.nextInt(r.nextInt(4) == 0 ? 200 : 3);
                byte[] line = Arrays.copyOfRange(s, d, e);
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                for (int i = 0; i < copies; i++) {
                    o.writeBytes(line);
                }
                return splice(s, d, d, o.toByteArray());
            }
            case 7: { // rewrite a Content-Length value
                int d = lineStartingWith(s, at, "Content-Length:");
                if (d < 0) {
                    return s;
                }
                int vs = d + "Content-Length:".length();
                int ve = vs;
                while (ve < s.length && s[ve] != '\r' && s[ve] != '\n') {
                    ve++;
                }
                long old = parseLong(new String(s, vs, ve - vs, StandardCharsets.ISO_8859_1).trim());
                String nv = switch (r.nextInt(12)) {
                    case 0 -> " 99999999999999999999999";
                    case 1 -> " -1";
                    case 2 -> " -" + r.nextInt(100000);
                    case 3 -> " abc";
                    case 4 -> " " + (old + 1 + r.nextInt(r.nextBoolean() ? 10 : 100_000));
                    case 5 -> " " + Math.max(0, old - 1 - r.nextInt(r.nextBoolean() ? 10 : 5000));
                    case 6 -> " 2147483647";
                    case 7 -> " 2147483648";
                    case 8 -> " " + old + "abc";
                    case 9 -> "";
                    case 10 -> " 0x" + Long.toHexString(old);
                    default -> " " + (old + 16 + r.nextInt(64)) + " " + old;
                };
                return splice(s, vs, ve, nv.getBytes(StandardCharsets.ISO_8859_1));
            }
            case 8: { // an endless line
                byte[] g = new byte[1000 + r.nextInt(40_000)];
                Arrays.fill(g, (byte) ('A' + r.nextInt(26)));
                if (r.nextBoolean()) {
                    g[g.length - 1] = '\n';
                }
                return splice(s, at, at, g);
            }
            case 9: { // many empty parts
                String one = r.nextBoolean() ? "--" + B + le + le : "--" + B + le;
                return splice(s, lineStart(s, at), lineStart(s, at),
                        one.repeat(1 + r.nextInt(2000)).getBytes(StandardCharsets.ISO_8859_1));
            }
            case 10: { // FF chains
                return splice(s, at, at, fill(1 + r.nextInt(r.nextBoolean() ? 10 : 70_000)));
            }
            case 11: { // SOI inserted (nested SOI), or EOI removed, or a stray EOI
                int j = indexOf(s, (byte) 0xFF, at);
                if (j < 0) {
                    return s;
                }
                return switch (r.nextInt(3)) {
                    case 0 -> splice(s, j, j, hex("FFD8"));
                    case 1 -> {
                        int e = indexOfPair(s, 0xFF, 0xD9, at);
                        yield e < 0 ? s : splice(s, e, e + 2, new byte[0]);
                    }
                    default -> splice(s, j, j, hex("FFD9"));
                };
            }
            case 12: { // a segment length pointing elsewhere (past the end, zero, one)
                int j = findSegment(s, at);
                if (j < 0) {
                    return s;
                }
                byte[] c = s.clone();
                int len = switch (r.nextInt(5)) {
                    case 0 -> 0xFFFF;
                    case 1 -> 0;
                    case 2 -> 1;
                    case 3 -> r.nextInt(0x10000);
                    default -> ((c[j + 2] & 0xFF) << 8 | (c[j + 3] & 0xFF)) + 1 + r.nextInt(3000);
                };
                c[j + 2] = (byte) (len >> 8);
                c[j + 3] = (byte) len;
                return c;
            }
            case 13: { // a COM segment with a bad timestamp, or a short one
                int e = indexOfPair(s, 0xFF, 0xD8, at);
                if (e < 0) {
                    return s;
                }
                byte[] com = switch (r.nextInt(4)) {
                    case 0 -> hex("FFFE00040A01");
                    case 1 -> hex("FFFE00090A01FFFFFFFFFF00");
                    case 2 -> hex("FFFE00090A01FFFFFFFFFF");
                    default -> hex("FFFE000F0A0100000000FF");
                };
                return splice(s, e + 2, e + 2, com);
            }
            case 14: { // the next delimiter replaced by a closing one, or by another boundary
                int d = lineStartingWith(s, at, "--" + B);
                if (d < 0) {
                    return s;
                }
                int e = d + 2 + B.length();
                return splice(s, e, e, (r.nextBoolean() ? "--" : "x").getBytes(StandardCharsets.ISO_8859_1));
            }
            case 15: { // a text part inserted before a delimiter, with a length that may lie
                int d = lineStartingWith(s, at, "--" + B);
                if (d < 0) {
                    return s;
                }
                int len = r.nextBoolean() ? 5 : r.nextInt(200_000);
                return splice(s, d, d, ("--" + B + le + "Content-Type: text/plain" + le + "Content-Length: " + len
                        + le + le + "hello" + le).getBytes(StandardCharsets.ISO_8859_1));
            }
            case 16: { // a line break cut in two, or CRLF turned into LF
                int j = indexOf(s, (byte) '\n', at);
                if (j <= 0) {
                    return s;
                }
                return s[j - 1] == '\r' ? splice(s, j - 1, j, new byte[0]) : splice(s, j, j, hex("0D0A"));
            }
            default: { // a part boundary spliced into the middle of a JPEG
                return splice(s, at, at, ("\r\n--" + B + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] fill(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static int indexOf(byte[] s, byte b, int from) {
        for (int i = from; i < s.length; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfPair(byte[] s, int a, int b, int from) {
        for (int i = from; i < s.length - 1; i++) {
            if ((s[i] & 0xFF) == a && (s[i + 1] & 0xFF) == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lineStart(byte[] s, int at) {
        while (at > 0 && s[at - 1] != '\n') {
            at--;
        }
        return at;
    }

    /** The start of the first line at or after {@code at} (wrapping round) that begins with {@code prefix}. */
    private static int lineStartingWith(byte[] s, int at, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        for (int pass = 0; pass < 2; pass++) {
            int i = pass == 0 ? lineStart(s, at) : 0;
            int end = pass == 0 ? s.length : Math.min(s.length, at);
            while (i < end) {
                if (i + p.length <= s.length && Arrays.equals(s, i, i + p.length, p, 0, p.length)) {
                    return i;
                }
                int nl = indexOf(s, (byte) '\n', i);
                if (nl < 0) {
                    break;
                }
                i = nl + 1;
            }
        }
        return -1;
    }

    /** A marker segment with a length (APPn, COM, DQT, SOF, DHT, SOS) at or after {@code at}. */
    private static int findSegment(byte[] s, int at) {
        for (int i = at; i < s.length - 3; i++) {
            if ((s[i] & 0xFF) == 0xFF) {
                int c = s[i + 1] & 0xFF;
                if (c >= 0xC0 && c <= 0xFE && c != 0xD8 && c != 0xD9 && !(c >= 0xD0 && c <= 0xD7)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
