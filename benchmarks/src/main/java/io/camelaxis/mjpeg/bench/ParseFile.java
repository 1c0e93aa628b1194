package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camelaxis.mjpeg.parser.DiscardReason;
import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.parser.StreamReader;

/** Parses an MJPEG file as the consumer parses a socket: {@link StreamReader}, 64 KB reads, bodies read in place. */
public final class ParseFile {

    /** What one pass measured. */
    public record Result(long bytes, long frames, long discarded, long nanos) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }

        public double framesPerSecond() {
            return frames / (nanos / 1e9);
        }
    }

    private ParseFile() {
    }

    public static Result run(Path file, int readSize, JpegValidation validation) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return run(in, readSize, validation);
        }
    }

    /** Parses a stream to its end (a file, or the body of a loopback answer: {@code bench read-cost --from-port}). */
    public static Result run(InputStream in, int readSize, JpegValidation validation) throws IOException {
        long[] counts = new long[2];
        FrameHandler handler = new FrameHandler() {
            @Override
            public void onFrame(byte[] jpeg) {
                counts[0]++;
            }

            @Override
            public void onDiscard(DiscardReason reason, long bytes) {
                counts[1]++;
            }
        };
        MultipartFrameParser parser = new MultipartFrameParser("myboundary",
                MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE, validation, handler);
        long bytes = 0;
        long start = System.nanoTime();
        StreamReader reader = new StreamReader(in, parser, readSize);
        int n;
        while ((n = reader.readOnce()) >= 0) {
            bytes += n;
        }
        parser.endOfStream();
        return new Result(bytes, counts[0], counts[1], System.nanoTime() - start);
    }
}
