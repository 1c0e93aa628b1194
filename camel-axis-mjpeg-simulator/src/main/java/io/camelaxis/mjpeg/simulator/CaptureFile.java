package io.camelaxis.mjpeg.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the JPEGs out of a recorded {@code video.cgi} body so the simulator can replay a real camera. Deliberately
 * simple (SOI..EOI search), and independent of the component's parser, so that tests compare two implementations.
 */
public final class CaptureFile {

    private CaptureFile() {
    }

    /** The real Axis capture of {@code shared/testdata} beside the project, looked up from the working directory up. */
    public static Path sharedAxisCapture() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("shared/testdata/axis-capture-320x240.mjpg");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/axis-capture-320x240.mjpg not found beside the project");
    }

    /** The JPEGs of a capture, in order. */
    public static List<byte[]> readFrames(Path file) throws IOException {
        return splitJpegs(Files.readAllBytes(file));
    }

    /** Splits a multipart body into its JPEGs using each part's {@code Content-Length}. */
    static List<byte[]> splitJpegs(byte[] body) {
        List<byte[]> frames = new ArrayList<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int header = indexOfIgnoreCase(text, "content-length:", at);
            if (header < 0) {
                break;
            }
            int lineEnd = text.indexOf('\n', header);
            int length = Integer.parseInt(text.substring(header + 15, lineEnd).trim());
            int blank = text.indexOf("\n\r\n", lineEnd - 1);
            int bodyStart = blank < 0 ? -1 : blank + 3;
            if (bodyStart < 0 || bodyStart + length > body.length) {
                break;
            }
            frames.add(Arrays.copyOfRange(body, bodyStart, bodyStart + length));
            at = bodyStart + length;
        }
        return frames;
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = from; i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
