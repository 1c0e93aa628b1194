package io.camelaxis.mjpeg.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.camelaxis.mjpeg.parser.SameOutcomeAnyChunkingTest.readSize;
import static org.assertj.core.api.Assertions.fail;

/**
 * Thousands of damaged streams ({@link MutatedStreams}), each parsed four ways: in one feed, in random reads into
 * arrays of their own, in random reads of one shared array, and through {@link StreamReader} (bodies read straight
 * into the frame). For every stream, whatever was sent:
 * <ul>
 * <li>the four give the same frames, drops (reason and bytes) and skipped bytes, in the same order: the camera's bytes
 * decide, not how TCP cut them;</li>
 * <li>nothing is thrown, every byte is counted in, and no array the parser holds outgrows the frame size it was given
 * (by more than a line and a boundary);</li>
 * <li>every frame is bytes the camera sent, within the frame size, and from SOI to EOI unless validation is off.</li>
 * </ul>
 * A failure writes the stream to {@code target/mutated-streams/} and names its settings and split seed. More streams:
 * {@code -DmutatedStreams=100000} (and {@code -DmutatedStreams.seed=N}).
 */
class MutatedStreamsTest {

    private static final int STREAMS = Integer.getInteger("mutatedStreams", 3000);
    private static final long SEED = Long.getLong("mutatedStreams.seed", 20261204L);

    @Test
    @Timeout(600)
    void damagedStreamsGiveTheSameOutcomeWhateverTheReadsInBoundedMemory() throws IOException {
        MutatedStreams streams = new MutatedStreams(SEED);
        for (int i = 0; i < STREAMS; i++) {
            MutatedStreams.Stream stream = streams.next();
            long splitSeed = streams.nextSplitSeed();
            String broken;
            try {
                broken = check(stream, splitSeed);
            } catch (RuntimeException | AssertionError e) {
                broken = "threw " + e;
            }
            if (broken != null) {
                Path dir = Files.createDirectories(Path.of("target", "mutated-streams"));
                Path file = dir.resolve("stream-" + SEED + "-" + i + ".bin");
                Files.write(file, stream.bytes());
                fail("stream %d of seed %d (%s; boundary %s, maxFrameSize %d, validation %s, split seed %d, saved as %s):"
                     + " %s", i, SEED, stream.how(), stream.boundary(), stream.maxFrameSize(), stream.validation(),
                        splitSeed, file, broken);
            }
        }
    }

    /** What is wrong with the parses of one stream, or null. */
    private static String check(MutatedStreams.Stream stream, long splitSeed) throws IOException {
        int[] largestHeld = new int[1];
        Outcome whole = parse(stream, Reads.WHOLE, splitSeed, largestHeld);
        String badFrame = badFrame(stream, whole);
        if (badFrame != null) {
            return badFrame;
        }
        for (Reads reads : new Reads[] { Reads.OWN_ARRAYS, Reads.SHARED_ARRAY, Reads.STREAM_READER }) {
            Outcome split = parse(stream, reads, splitSeed + reads.ordinal(), largestHeld);
            if (!split.events.equals(whole.events) || split.skipped != whole.skipped) {
                return reads + " differs from one feed:\n  one feed " + whole + "\n  " + reads + " " + split;
            }
        }
        long bound = Math.max(64 * 1024, (long) stream.maxFrameSize() + 64 + 3 + MultipartBoundary.MAX_LENGTH);
        if (largestHeld[0] > bound) {
            return "the parser held an array of " + largestHeld[0] + " bytes";
        }
        return null;
    }

    private static String badFrame(MutatedStreams.Stream stream, Outcome outcome) {
        for (byte[] f : outcome.frames) {
            if (f.length > stream.maxFrameSize()) {
                return "a frame of " + f.length + " bytes";
            }
            boolean soiToEoi = f.length >= 4 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8
                               && (f[f.length - 2] & 0xFF) == 0xFF && (f[f.length - 1] & 0xFF) == 0xD9;
            if (stream.validation() != JpegValidation.none && !soiToEoi) {
                return "a frame of " + f.length + " bytes not from SOI to EOI";
            }
            if (DelimiterLineSearchTest.indexOf(stream.bytes(), f, 0) < 0) {
                return "a frame of " + f.length + " bytes that is not in the stream";
            }
        }
        return null;
    }

    private enum Reads { WHOLE, OWN_ARRAYS, SHARED_ARRAY, STREAM_READER }

    private static Outcome parse(MutatedStreams.Stream stream, Reads reads, long splitSeed, int[] largestHeld)
            throws IOException {
        Outcome outcome = new Outcome();
        MultipartFrameParser parser = new MultipartFrameParser(stream.boundary(), stream.maxFrameSize(),
                stream.validation(), outcome);
        byte[] bytes = stream.bytes();
        Random random = new Random(splitSeed);
        switch (reads) {
            case WHOLE -> parser.feed(bytes.clone(), 0, bytes.length);
            case STREAM_READER -> {
                StreamReader reader = new StreamReader(new RandomReads(bytes, random), parser, readSize(random));
                while (reader.readOnce() >= 0) {
                    largestHeld[0] = Math.max(largestHeld[0], parser.largestArrayHeld());
                }
            }
            default -> {
                for (int at = 0; at < bytes.length; ) {
                    int n = Math.min(readSize(random), bytes.length - at);
                    if (reads == Reads.OWN_ARRAYS) {
                        parser.feed(Arrays.copyOfRange(bytes, at, at + n), 0, n);
                    } else {
                        parser.feed(bytes, at, n);
                    }
                    at += n;
                    largestHeld[0] = Math.max(largestHeld[0], parser.largestArrayHeld());
                }
            }
        }
        largestHeld[0] = Math.max(largestHeld[0], parser.largestArrayHeld());
        parser.endOfStream();
        if (parser.bytesIn() != bytes.length) {
            throw new AssertionError(reads + ": " + parser.bytesIn() + " bytes counted in of " + bytes.length);
        }
        return outcome;
    }

    /** The stream's bytes in reads of random sizes. */
    private static final class RandomReads extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int at;

        RandomReads(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the reader reads arrays");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, readSize(random)), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    /** Every frame (its length and hash), drop (reason and bytes) and boundary change, in order; skipped bytes. */
    private static final class Outcome implements FrameHandler {
        final List<String> events = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        long skipped;

        @Override
        public void onFrame(byte[] jpeg) {
            frames.add(jpeg);
            events.add("frame " + jpeg.length + ":" + Integer.toHexString(Arrays.hashCode(jpeg)));
        }

        @Override
        public void onDiscard(DiscardReason reason, long bytes) {
            if (bytes < 0) {
                throw new AssertionError("a drop of " + bytes + " bytes");
            }
            events.add(reason + " " + bytes);
        }

        @Override
        public void onSkipped(long bytes) {
            if (bytes < 0) {
                throw new AssertionError(bytes + " bytes skipped");
            }
            skipped += bytes;
        }

        @Override
        public void onBoundaryMismatch(String declared, String used) {
            events.add("boundary " + declared + " -> " + used);
        }

        @Override
        public String toString() {
            return events + ", skipped " + skipped;
        }
    }
}
