package io.camelaxis.mjpeg.parser;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream into a parser. When at least a whole read buffer of a Content-Length body is still missing, the bytes
 * go straight from the stream into the frame array ({@link MultipartFrameParser#directCapacity()}): one copy for the
 * bulk of a large frame. Smaller remainders go through the read buffer, because for small frames one large read that
 * spans several parts costs less than twice as many reads.
 */
public final class StreamReader {

    private final InputStream in;
    private final MultipartFrameParser parser;
    private final byte[] buffer;

    public StreamReader(InputStream in, MultipartFrameParser parser, int bufferSize) {
        this.in = in;
        this.parser = parser;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Reads once (blocking) and feeds the parser.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    public int readOnce() throws IOException {
        int direct = parser.directCapacity();
        if (direct >= buffer.length) {
            int n = in.read(parser.directArray(), parser.directOffset(), direct);
            if (n > 0) {
                parser.directFilled(n);
            }
            return n;
        }
        int n = in.read(buffer);
        if (n > 0) {
            parser.feed(buffer, 0, n);
        }
        return n;
    }
}
