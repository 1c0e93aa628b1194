package io.camelaxis.mjpeg.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Multipart byte sequences crafted to attack a parser, shared by the simulator's {@link StreamFault}s and the
 * parser's tests.
 */
public final class HostileStreams {

    private HostileStreams() {
    }

    /**
     * {@code levels} parts, each holding the start of a JPEG ({@code FF D8}) and declaring a Content-Length that
     * reaches past all the parts after it into the middle of {@code jpeg}, which follows as a well-formed part. A
     * parser that trusts every length and rescans each dropped body recursively nests once per level and copies the
     * rest of the stream each time: about 100 KB of this is enough for a stack overflow, 1 MB for gigabytes of copies.
     * A sound parser drops the {@code levels} lying parts and still delivers {@code jpeg}.
     *
     * @param boundary   the boundary, without dashes
     * @param lineEnding {@code "\r\n"} or {@code "\n"}
     */
    public static byte[] nestedLyingLengths(String boundary, String lineEnding, int levels, byte[] jpeg) {
        byte[] good = part(boundary, lineEnding, jpeg.length, jpeg);
        byte[] body = concat(new byte[] { (byte) 0xFF, (byte) 0xD8 }, lineEnding.getBytes(StandardCharsets.ISO_8859_1));
        // built from the innermost level outwards: each level's body runs on to the middle of the good part's JPEG
        long rest = good.length - jpeg.length / 2 - lineEnding.length();
        List<byte[]> innermostFirst = new ArrayList<>(levels);
        for (int level = 0; level < levels; level++) {
            byte[] head = head(boundary, lineEnding, body.length + rest);
            rest += head.length + body.length;
            innermostFirst.add(head);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int level = levels - 1; level >= 0; level--) {
            out.writeBytes(innermostFirst.get(level));
            out.writeBytes(body);
        }
        out.writeBytes(good);
        return out.toByteArray();
    }

    /** A delimiter, Axis part headers declaring {@code declaredLength}, the JPEG and a line ending. */
    public static byte[] part(String boundary, String lineEnding, long declaredLength, byte[] jpeg) {
        return concat(head(boundary, lineEnding, declaredLength), jpeg,
                lineEnding.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] head(String boundary, String lineEnding, long declaredLength) {
        return ("--" + boundary + lineEnding + "Content-Type: image/jpeg" + lineEnding + "Content-Length: "
                + declaredLength + lineEnding + lineEnding).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
