package io.camelaxis.mjpeg.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.camelaxis.mjpeg.TestData;
import io.camelaxis.mjpeg.simulator.HostileStreams;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the parser over the real Axis capture, with many random chunkings and random damage.
 */
class ParserPropertiesTest {

    private static final byte[] CAPTURE = TestData.captureBytes();
    private static final List<byte[]> FRAMES = TestData.captureFrames();
    private static final byte[] NO_LENGTH_STREAM = withoutContentLength();

    /**
     * @param ownArrays each chunk in an array of its own, as a socket read hands it over: a body's first bytes then
     *                  end their array, the case where the frame array is allocated by copying them
     */
    @Property(tries = 300)
    void anyChunkingYieldsTheSameFrames(@ForAll("splitPoints") List<Integer> cuts, @ForAll boolean withLength,
                                        @ForAll boolean ownArrays) {
        byte[] stream = withLength ? CAPTURE : NO_LENGTH_STREAM;
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 1 << 20, JpegValidation.structure, h);
        int at = 0;
        for (int cut : cuts.stream().map(c -> c % stream.length).sorted().toList()) {
            feed(parser, stream, at, cut - at, ownArrays);
            at = cut;
        }
        feed(parser, stream, at, stream.length - at, ownArrays);
        parser.endOfStream();
        assertThat(h.frames).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(h.frames.get(i)).isEqualTo(FRAMES.get(i));
        }
        assertThat(h.discards).isEmpty();
    }

    @Property(tries = 500)
    void damageNeverThrowsNeverEmitsAnInvalidFrameAndCostsAFewFramesAtMost(
            @ForAll @IntRange(min = 1, max = 4) int mutations, @ForAll long seed, @ForAll boolean withLength,
            @ForAll @IntRange(min = 1, max = 5000) int chunk, @ForAll boolean ownArrays) {
        Random random = new Random(seed);
        byte[] stream = mutate((withLength ? CAPTURE : NO_LENGTH_STREAM).clone(), mutations, random);
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 64 * 1024, JpegValidation.markers, h);
        for (int i = 0; i < stream.length; i += chunk) {
            feed(parser, stream, i, Math.min(chunk, stream.length - i), ownArrays);
        }
        parser.endOfStream();
        for (byte[] frame : h.frames) {
            assertThat(frame.length).isLessThanOrEqualTo(64 * 1024);
            assertThat(frame[0] & 0xFF).isEqualTo(0xFF);
            assertThat(frame[1] & 0xFF).isEqualTo(0xD8);
            assertThat(frame[frame.length - 2] & 0xFF).isEqualTo(0xFF);
            assertThat(frame[frame.length - 1] & 0xFF).isEqualTo(0xD9);
        }
        long intact = FRAMES.stream().filter(f -> h.frames.stream().anyMatch(e -> java.util.Arrays.equals(e, f)))
                .count();
        assertThat(intact).as("intact frames after %d mutations", mutations)
                .isGreaterThanOrEqualTo(10 - 3L * mutations);
    }

    @Property(tries = 200)
    void randomBytesAreSurvivedInBoundedMemory(@ForAll @Size(max = 20_000) byte[] noise,
                                               @ForAll @IntRange(min = 1, max = 700) int chunk) {
        CollectingHandler h = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser("myboundary", 32 * 1024, JpegValidation.markers, h);
        for (int i = 0; i < noise.length; i += chunk) {
            parser.feed(noise, i, Math.min(chunk, noise.length - i));
        }
        byte[] tail = StreamBuilder.crlf().line("").part("myboundary", FRAMES.get(0)).build();
        parser.feed(tail, 0, tail.length);
        parser.endOfStream();
        assertThat(h.frames).isNotEmpty();
        assertThat(h.frames.get(h.frames.size() - 1)).isEqualTo(FRAMES.get(0));
    }

    @Property(tries = 100)
    void nestedLyingLengthsCostExactlyTheirOwnPartsWhateverTheChunking(
            @ForAll @IntRange(min = 1, max = 3000) int levels, @ForAll @IntRange(min = 1, max = 70_000) int chunk,
            @ForAll boolean lfOnly, @ForAll boolean structure) {
        String le = lfOnly ? "\n" : "\r\n";
        StreamBuilder tail = lfOnly ? StreamBuilder.lf() : StreamBuilder.crlf();
        FRAMES.subList(1, 4).forEach(f -> tail.part("myboundary", f));
        byte[] stream = MultipartFrameParserTest.concat(
                HostileStreams.nestedLyingLengths("myboundary", le, levels, FRAMES.get(0)), tail.build());
        CollectingHandler h = CollectingHandler.parse("myboundary", stream, chunk,
                structure ? JpegValidation.structure : JpegValidation.markers, 1 << 20);
        assertThat(h.frames).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(h.frames.get(i)).isEqualTo(FRAMES.get(i));
        }
        assertThat(h.discarded(DiscardReason.CORRUPT_JPEG)).isEqualTo(levels);
        assertThat(h.discards).hasSize(1);
    }

    @Provide
    Arbitrary<List<Integer>> splitPoints() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(60);
    }

    /** Flips, deletes, duplicates or inserts garbage at random places. */
    private static byte[] mutate(byte[] stream, int mutations, Random random) {
        byte[] s = stream;
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(s.length);
            switch (random.nextInt(4)) {
                case 0 -> s[at] = (byte) random.nextInt(256);
                case 1 -> s = splice(s, at, Math.min(s.length, at + 1 + random.nextInt(200)), new byte[0]);
                case 2 -> {
                    byte[] garbage = new byte[1 + random.nextInt(300)];
                    random.nextBytes(garbage);
                    s = splice(s, at, at, garbage);
                }
                default -> {
                    int end = Math.min(s.length, at + 1 + random.nextInt(500));
                    s = splice(s, at, at, java.util.Arrays.copyOfRange(s, at, end));
                }
            }
        }
        return s;
    }

    /** {@code s} with {@code [from, to)} replaced by {@code insert}. */
    static byte[] splice(byte[] s, int from, int to, byte[] insert) {
        byte[] out = new byte[s.length - (to - from) + insert.length];
        System.arraycopy(s, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(s, to, out, from + insert.length, s.length - to);
        return out;
    }

    private static byte[] withoutContentLength() {
        StreamBuilder b = StreamBuilder.crlf();
        List<byte[]> frames = new ArrayList<>(FRAMES);
        for (byte[] f : frames) {
            b.partWithoutLength("myboundary", f);
        }
        return b.build();
    }

    private static void feed(MultipartFrameParser parser, byte[] stream, int from, int length, boolean ownArray) {
        if (ownArray) {
            parser.feed(java.util.Arrays.copyOfRange(stream, from, from + length), 0, length);
        } else {
            parser.feed(stream, from, length);
        }
    }
}
