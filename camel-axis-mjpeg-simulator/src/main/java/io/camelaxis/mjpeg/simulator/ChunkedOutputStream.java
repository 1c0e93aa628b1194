package io.camelaxis.mjpeg.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 chunked transfer coding: every flush sends what was written as one chunk; {@link #finish} ends it. */
final class ChunkedOutputStream extends FilterOutputStream {

    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    ChunkedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) {
        pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (pending.size() > 0) {
            out.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            pending.writeTo(out);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            pending.reset();
        }
        out.flush();
    }

    /** Sends what is pending and the last (empty) chunk. */
    void finish() throws IOException {
        flush();
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
