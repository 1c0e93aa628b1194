package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes multipart streams by hand, for parser tests: every byte of the quirk under test is visible. */
final class StreamBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String le;

    StreamBuilder(String lineEnding) {
        this.le = lineEnding;
    }

    static StreamBuilder crlf() {
        return new StreamBuilder("\r\n");
    }

    static StreamBuilder lf() {
        return new StreamBuilder("\n");
    }

    StreamBuilder text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    StreamBuilder line(String s) {
        return text(s + le);
    }

    StreamBuilder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** An Axis-style part: delimiter, Content-Type, Content-Length, blank line, JPEG, line end. */
    StreamBuilder part(String boundary, byte[] jpeg) {
        return line("--" + boundary).line("Content-Type: image/jpeg").line("Content-Length: " + jpeg.length).line("")
                .bytes(jpeg).text(le);
    }

    /** A part without Content-Length. */
    StreamBuilder partWithoutLength(String boundary, byte[] jpeg) {
        return line("--" + boundary).line("Content-Type: image/jpeg").line("").bytes(jpeg).text(le);
    }

    byte[] build() {
        return out.toByteArray();
    }
}
