package io.camelaxis.mjpeg.parser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.camelaxis.mjpeg.TestData;
import io.camelaxis.mjpeg.simulator.HostileStreams;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.camelaxis.mjpeg.parser.ParserPropertiesTest.splice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged stream gives the same frames and the same drops however TCP split it into reads: what a camera sent
 * decides, not the timing of the network. Before, the parts after a JPEG without Content-Length that broke, or after
 * a length watched for a lie, were read one way when they came in the same read and another way when they came later
 * (their Content-Length trusted or not), so the frames delivered changed from run to run of the same bytes.
 */
class SameOutcomeAnyChunkingTest {

    private static final List<byte[]> FRAMES = TestData.captureFrames();
    private static final int MAX_FRAME = 64 * 1024;

    @Property(tries = 300)
    void damagedStreamsGiveTheSameOutcomeWhateverTheReads(@ForAll @IntRange(min = 0, max = 2) int base,
                                                         @ForAll @IntRange(min = 1, max = 6) int mutations,
                                                         @ForAll long seed,
                                                         @ForAll JpegValidation validation) {
        Random random = new Random(seed);
        byte[] stream = mutate(baseStream(base), mutations, random);
        Outcome whole = Outcome.parse(stream, validation, new int[] { stream.length }, false);
        Outcome chunked = Outcome.parse(stream, validation, randomCuts(stream.length, random), random.nextBoolean());
        Outcome direct = Outcome.readThrough(stream, validation, random);
        assertThat(chunked.events).isEqualTo(whole.events);
        assertThat(chunked.skipped).isEqualTo(whole.skipped);
        assertThat(direct.events).as("through StreamReader (bodies read straight into the frame)")
                .isEqualTo(whole.events);
        assertThat(direct.skipped).isEqualTo(whole.skipped);
    }

    @Test
    void aJpegWithoutLengthCutShortEndsAtTheDelimiterAndTheNextPartIsReadAsItCame() {
        byte[] cut = Arrays.copyOf(FRAMES.get(0), FRAMES.get(0).length / 2);
        byte[] stream = StreamBuilder.crlf()
                .partWithoutLength("myboundary", cut)
                // declares more than maxFrameSize: dropped as OVERSIZE, whatever came before it
                .bytes(HostileStreams.part("myboundary", "\r\n", MAX_FRAME + 1L, FRAMES.get(1)))
                .part("myboundary", FRAMES.get(2))
                .build();
        for (int read : new int[] { 1, 7, 1000, stream.length }) {
            Outcome o = Outcome.parse(stream, JpegValidation.markers, everyNBytes(stream.length, read), true);
            assertThat(o.kinds()).as("reads of %d bytes", read).containsExactly(
                    "D" + DiscardReason.CORRUPT_JPEG, "D" + DiscardReason.OVERSIZE, Outcome.frame(FRAMES.get(2)));
        }
    }

    /**
     * A JPEG without length cut short, then the next part's delimiter glued to its last byte, or written with more
     * dashes (RFC style {@code ----b} for boundary {@code --b}): the line reader takes both for delimiters, so the
     * cut JPEG ends there too, and the frame after it arrives.
     */
    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void aJpegCutShortEndsAtADelimiterGluedToItOrWithMoreDashes(boolean glued) {
        String prefix = glued ? "" : "\r\n--"; // "\r\n----myboundary"
        byte[] cut = Arrays.copyOf(FRAMES.get(0), FRAMES.get(0).length / 2);
        byte[] stream = concat(ascii("--myboundary\r\nContent-Type: image/jpeg\r\n\r\n"), cut, ascii(prefix),
                HostileStreams.part("myboundary", "\r\n", FRAMES.get(1).length, FRAMES.get(1)));
        for (int read : new int[] { 1, 4096, stream.length }) {
            Outcome o = Outcome.parse(stream, JpegValidation.markers, everyNBytes(stream.length, read), true,
                    MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE, "myboundary");
            assertThat(o.kinds()).as("reads of %d bytes", read)
                    .containsExactly("D" + DiscardReason.CORRUPT_JPEG, Outcome.frame(FRAMES.get(1)));
        }
    }

    /**
     * Tiny parts without length whose JPEG segments chain each walk onto the next part's bytes (an APP0 length that
     * lands on the next body's marker): each part ends at its own delimiter, all dropped and counted, whatever the
     * reads. Before the walk was bounded by the delimiter, each part walked the rest of its read: 16 MB in one read
     * took hours (see reliability.md).
     */
    @Test
    void partsWhoseWalksChainIntoTheNextOnesEndEachAtItsDelimiter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("--b\r\n\r\n"));
        byte[] body = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x12, 0, 0, 0, 0, 0 };
        for (int i = 0; i < 20_000; i++) {
            out.writeBytes(body);
            out.writeBytes(ascii("\r\n--b\r\n\r\n"));
        }
        byte[] stream = out.toByteArray();
        for (int read : new int[] { 7, 65536, stream.length }) {
            Outcome o = Outcome.parse(stream, JpegValidation.markers, everyNBytes(stream.length, read), false,
                    MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE, "b");
            assertThat(o.kinds()).as("reads of %d bytes", read).hasSize(20_000)
                    .allMatch(e -> e.equals("D" + DiscardReason.CORRUPT_JPEG));
        }
    }

    @Test
    void aLyingLengthThatEndsOnALaterFramesEndIsDroppedWhenItArrivesInOneRead() {
        // a part declaring the length up to the end of the sixth frame after it, more than the stream's frames have
        // been (so it is watched); it starts and ends like a JPEG
        ByteArrayOutputStream swallowed = new ByteArrayOutputStream();
        swallowed.writeBytes(FRAMES.get(0));
        swallowed.writeBytes(crlf());
        for (int i = 1; i <= 6; i++) {
            swallowed.writeBytes(HostileStreams.part("myboundary", "\r\n", FRAMES.get(i).length, FRAMES.get(i)));
        }
        int declared = swallowed.size() - 2; // up to frame 6's EOI, its line ending left out
        assertThat(declared).isGreaterThan(MultipartFrameParser.TRUSTED_LENGTH);
        byte[] lying = HostileStreams.part("myboundary", "\r\n", declared, FRAMES.get(0));
        byte[] stream = StreamBuilder.crlf()
                .bytes(Arrays.copyOf(lying, lying.length - 2 - FRAMES.get(0).length)) // its headers only
                .bytes(swallowed.toByteArray())
                .part("myboundary", FRAMES.get(7))
                .build();
        List<String> expected = new ArrayList<>();
        expected.add("D" + DiscardReason.CORRUPT_JPEG);
        for (int i = 1; i <= 7; i++) {
            expected.add(Outcome.frame(FRAMES.get(i)));
        }
        for (int read : new int[] { 100, 4096, stream.length }) {
            Outcome o = Outcome.parse(stream, JpegValidation.markers, everyNBytes(stream.length, read), false,
                    1 << 20);
            assertThat(o.kinds()).as("reads of %d bytes", read).containsExactlyElementsOf(expected);
            assertThat(o.frameSizes()).as("no frame holds another part").allMatch(size -> size < 20_000);
        }
    }

    /** The real capture with Content-Length, the same frames without it, and lying lengths in front of both. */
    private static byte[] baseStream(int which) {
        StreamBuilder b = StreamBuilder.crlf();
        switch (which) {
            case 0 -> FRAMES.forEach(f -> b.part("myboundary", f));
            case 1 -> FRAMES.forEach(f -> b.partWithoutLength("myboundary", f));
            default -> {
                b.bytes(HostileStreams.nestedLyingLengths("myboundary", "\r\n", 3, FRAMES.get(0)));
                for (int i = 1; i < FRAMES.size(); i++) {
                    if (i % 2 == 0) {
                        b.part("myboundary", FRAMES.get(i));
                    } else {
                        b.partWithoutLength("myboundary", FRAMES.get(i));
                    }
                }
            }
        }
        return b.build();
    }

    /** Flips, deletes, duplicates or inserts garbage or a delimiter line at random places. */
    private static byte[] mutate(byte[] stream, int mutations, Random random) {
        byte[] s = stream;
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(s.length);
            s = switch (random.nextInt(5)) {
                case 0 -> {
                    byte[] c = s.clone();
                    c[at] = (byte) random.nextInt(256);
                    yield c;
                }
                case 1 -> splice(s, at, Math.min(s.length, at + 1 + random.nextInt(2000)), new byte[0]);
                case 2 -> {
                    byte[] garbage = new byte[1 + random.nextInt(300)];
                    random.nextBytes(garbage);
                    yield splice(s, at, at, garbage);
                }
                case 3 -> {
                    int end = Math.min(s.length, at + 1 + random.nextInt(3000));
                    yield splice(s, at, at, Arrays.copyOfRange(s, at, end));
                }
                default -> splice(s, at, at, "\r\n--myboundary\r\n".getBytes(StandardCharsets.ISO_8859_1));
            };
        }
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] crlf() {
        return new byte[] { '\r', '\n' };
    }

    /** Read sizes from 1 byte to 64 KB, as sockets hand them over. */
    private static int[] randomCuts(int length, Random random) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = Math.min(left, readSize(random));
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-4, 1-100, 1-4096 or 1-65536 bytes, as a socket may hand them over. */
    static int readSize(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(4);
            case 1 -> 1 + random.nextInt(100);
            case 2 -> 1 + random.nextInt(4096);
            default -> 1 + random.nextInt(65536);
        };
    }

    private static int[] everyNBytes(int length, int n) {
        int[] sizes = new int[(length + n - 1) / n];
        Arrays.fill(sizes, n);
        sizes[sizes.length - 1] = length - n * (sizes.length - 1);
        return sizes;
    }

    /** Every outcome in order (frames by size and content, drops by reason and bytes) and the bytes skipped. */
    private static final class Outcome implements FrameHandler {
        final List<String> events = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        long skipped;

        static String frame(byte[] jpeg) {
            return "F" + jpeg.length + ":" + Integer.toHexString(Arrays.hashCode(jpeg));
        }

        @Override
        public void onFrame(byte[] jpeg) {
            frames.add(jpeg);
            events.add(frame(jpeg));
        }

        @Override
        public void onDiscard(DiscardReason reason, long bytes) {
            events.add("D" + reason + ":" + bytes);
        }

        @Override
        public void onSkipped(long bytes) {
            skipped += bytes;
        }

        /** The events with the bytes of each drop left out. */
        List<String> kinds() {
            return events.stream().map(e -> e.startsWith("D") ? e.substring(0, e.indexOf(':')) : e).toList();
        }

        List<Integer> frameSizes() {
            return frames.stream().map(f -> f.length).toList();
        }

        static Outcome parse(byte[] stream, JpegValidation validation, int[] reads, boolean ownArrays) {
            return parse(stream, validation, reads, ownArrays, MAX_FRAME);
        }

        static Outcome parse(byte[] stream, JpegValidation validation, int[] reads, boolean ownArrays,
                             int maxFrameSize) {
            return parse(stream, validation, reads, ownArrays, maxFrameSize, "myboundary");
        }

        static Outcome parse(byte[] stream, JpegValidation validation, int[] reads, boolean ownArrays,
                             int maxFrameSize, String boundary) {
            Outcome o = new Outcome();
            MultipartFrameParser parser = new MultipartFrameParser(boundary, maxFrameSize, validation, o);
            int at = 0;
            for (int n : reads) {
                if (ownArrays) {
                    parser.feed(Arrays.copyOfRange(stream, at, at + n), 0, n);
                } else {
                    parser.feed(stream, at, n);
                }
                at += n;
            }
            parser.endOfStream();
            return o;
        }

        static Outcome readThrough(byte[] stream, JpegValidation validation, Random random) {
            Outcome o = new Outcome();
            MultipartFrameParser parser = new MultipartFrameParser("myboundary", MAX_FRAME, validation, o);
            InputStream in = new InputStream() {
                private int at;

                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (at == stream.length) {
                        return -1;
                    }
                    int n = Math.min(Math.min(len, readSize(random)), stream.length - at);
                    System.arraycopy(stream, at, b, off, n);
                    at += n;
                    return n;
                }
            };
            StreamReader reader = new StreamReader(in, parser, 1 + random.nextInt(65536));
            try {
                while (reader.readOnce() >= 0) {
                    // reads until the end of the stream
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            parser.endOfStream();
            return o;
        }
    }
}
