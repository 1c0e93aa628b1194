package io.camelaxis.mjpeg.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a {@code multipart/x-mixed-replace} response in a given {@link StreamFormat}. */
final class MultipartWriter {

    private final OutputStream out;
    private final StreamFormat format;
    private final String le;

    MultipartWriter(OutputStream out, StreamFormat format) {
        this.out = out;
        this.format = format;
        this.le = format.lineEnding();
    }

    void head() throws IOException {
        head(format.contentType(), "HTTP/1.0 200 OK", "");
    }

    /**
     * The response head with another Content-Type and status line, and extra header lines (each ending in the line
     * ending), for servers that do not answer like an Axis camera.
     */
    static void head(OutputStream out, String lineEnding, String statusLine, String contentType, String extraHeaders)
            throws IOException {
        String le = lineEnding;
        out.write((statusLine + le + "Cache-Control: no-cache" + le + "Pragma: no-cache" + le
                + "Expires: Thu, 01 Dec 1994 16:00:00 GMT" + le + "Connection: close" + le
                + (contentType == null ? "" : "Content-Type: " + contentType + le) + extraHeaders + le)
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void head(String contentType, String statusLine, String extraHeaders) throws IOException {
        head(out, le, statusLine, contentType, extraHeaders);
        preamble();
    }

    /** The text before the first delimiter, if the format has one. */
    void preamble() throws IOException {
        if (!format.preamble().isEmpty()) {
            ascii(format.preamble() + le);
        }
        out.flush();
    }

    boolean wantsTextPart(long frameNumber) {
        return format.textPartEvery() > 0 && frameNumber % format.textPartEvery() == 0;
    }

    void textPart(String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        delimiter();
        ascii("Content-Type: text/plain" + le + "Content-Length: " + body.length + le + le);
        out.write(body);
        ascii(le);
    }

    /** A JPEG part declaring {@code declaredLength} (which a fault may make differ from the real length). */
    void part(byte[] jpeg, long declaredLength) throws IOException {
        partHeaders(declaredLength);
        out.write(jpeg);
        ascii(le);
        out.flush();
    }

    /** Headers and the first {@code sent} bytes of a JPEG, then nothing. */
    void partCut(byte[] jpeg, int sent) throws IOException {
        partHeaders(jpeg.length);
        out.write(jpeg, 0, sent);
        out.flush();
    }

    void partWithHeaderGarbage(byte[] garbage) throws IOException {
        delimiter();
        out.write(garbage);
        ascii(le);
        out.flush();
    }

    /** A part without Content-Length whose JPEG never ends: SOI, then bytes with no marker and no delimiter. */
    void endlessPart(long bytes) throws IOException {
        delimiter();
        ascii("Content-Type: image/jpeg" + le + le);
        out.write(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0x00, 0x02 });
        byte[] chunk = new byte[64 * 1024];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('A' + random.nextInt(26)); // no 0xFF: a marker never appears
        }
        for (long sent = 0; sent < bytes; sent += chunk.length) {
            out.write(chunk);
        }
        out.flush();
    }

    /** A part whose headers and JPEG bytes are flushed one byte every {@code millis}, until the viewer leaves. */
    void tricklePart(byte[] jpeg, long millis) throws IOException, InterruptedException {
        partHeaders(jpeg.length);
        out.flush();
        for (int i = 0; ; i = (i + 1) % jpeg.length) {
            out.write(jpeg[i]);
            out.flush();
            Thread.sleep(millis);
        }
    }

    /** A delimiter, then a header line that never ends: {@code chunk} letters every {@code millis}. */
    void endlessHeaderLine(int chunk, long millis) throws IOException, InterruptedException {
        delimiter();
        ascii("X-Endless: ");
        byte[] letters = new byte[chunk];
        java.util.Arrays.fill(letters, (byte) 'a');
        while (true) {
            out.write(letters);
            out.flush();
            Thread.sleep(millis);
        }
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void end() throws IOException {
        if (format.closeDelimiterAtEnd()) {
            ascii("--" + format.boundary() + "--" + le);
        }
        out.flush();
    }

    private void partHeaders(long declaredLength) throws IOException {
        delimiter();
        String type = "Content-Type: image/jpeg" + le;
        String length = format.contentLength() ? "Content-Length: " + declaredLength + le : "";
        if (format.lengthBeforeType()) {
            ascii(length.toLowerCase(java.util.Locale.ROOT) + type.toLowerCase(java.util.Locale.ROOT));
        } else {
            ascii(type + length);
        }
        if (!format.extraHeaders().isEmpty()) {
            ascii(format.extraHeaders() + le);
        }
        ascii(le);
    }

    private void delimiter() throws IOException {
        String line = "--" + format.boundary() + le;
        ascii(line);
        if (format.duplicateDelimiters()) {
            ascii(line);
        }
    }

    private void ascii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
