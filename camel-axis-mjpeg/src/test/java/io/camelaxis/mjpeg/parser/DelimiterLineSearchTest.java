package io.camelaxis.mjpeg.parser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import io.camelaxis.mjpeg.TestData;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampling search for the next delimiter line finds exactly the line feed a line-by-line reading finds: the first
 * one ending a line whose last bytes, trailing blanks left out, are {@code --boundary} or {@code --boundary--}. Checked
 * against a plain reference on bodies made mostly of the boundary's own bytes, dashes, blanks and line feeds (where
 * samples, comparisons and the fall-back meet most), split at every kind of place between held bytes and the input.
 */
class DelimiterLineSearchTest {

    private static final int MAX_LINE = 1024;

    @Property(tries = 3000)
    void findsTheLineFeedALineByLineReadingFinds(@ForAll @IntRange(min = 1, max = 12) int boundaryLength,
                                                 @ForAll @IntRange(min = 0, max = 3000) int bodyLength,
                                                 @ForAll boolean tightBudget,
                                                 @ForAll boolean shortLines,
                                                 @ForAll long seed) {
        Random random = new Random(seed);
        byte[] boundary = randomBoundary(boundaryLength, random);
        byte[] body = randomBody(boundary, bodyLength, random);
        int held = bodyLength == 0 ? 0 : random.nextInt(bodyLength + 1);
        int padding = random.nextInt(3);
        // the input may hold bytes before and after the window searched
        byte[] buf = new byte[padding + bodyLength - held + padding];
        System.arraycopy(body, held, buf, padding, bodyLength - held);
        byte[] heldBytes = Arrays.copyOf(body, held + random.nextInt(3)); // an array may be longer than its content

        // a budget of nothing beyond a comparison per byte makes most searches here end looking at every line feed
        int slack = tightBudget ? 0 : DelimiterLineSearch.BUDGET_SLACK;
        // lines longer than the line reader keeps are common with a short limit: the delimiter must lie in its window
        int maxLine = shortLines ? 1 + random.nextInt(2 * boundaryLength + 8) : MAX_LINE;
        int found = new DelimiterLineSearch(boundary, maxLine, slack).lineEnd(heldBytes, held, buf, padding,
                padding + bodyLength - held);

        int expected = reference(boundary, body, held, maxLine);
        assertThat(found).as("boundary %s, %d bytes held", new String(boundary, StandardCharsets.ISO_8859_1), held)
                .isEqualTo(expected < 0 ? -1 : padding + expected - held);
    }

    @Test
    void findsTheDelimitersAfterRealAxisFrames() {
        byte[] boundary = ascii("myboundary");
        byte[] stream = StreamBuilder.crlf().partWithoutLength("myboundary", TestData.captureFrames().get(0))
                .partWithoutLength("myboundary", TestData.captureFrames().get(1)).build();
        int firstBody = indexOf(stream, ascii("\r\n\r\n"), 0) + 4;
        DelimiterLineSearch search = new DelimiterLineSearch(boundary, MAX_LINE);

        int found = search.lineEnd(new byte[0], 0, stream, firstBody, stream.length);

        int delimiter = indexOf(stream, ascii("--myboundary\r\n"), firstBody);
        assertThat(found).isEqualTo(delimiter + "--myboundary\r".length());
        byte[] body = Arrays.copyOfRange(stream, firstBody, stream.length);
        assertThat(found).isEqualTo(reference(boundary, body, 0, MAX_LINE) + firstBody);
    }

    @Test
    void aBodyMadeOfTheBoundarysBytesIsSearchedInLinearTimeAndStillFindsItsDelimiter() {
        // every sample a candidate, every comparison nearly whole: the budget hands over to the line feeds
        byte[] boundary = new byte[256];
        Arrays.fill(boundary, (byte) '-');
        boundary[255] = 'x';
        byte[] body = new byte[4 << 20];
        Arrays.fill(body, (byte) '-');
        byte[] end = ascii("\r\n--" + new String(boundary, StandardCharsets.ISO_8859_1) + "--\r\n");
        System.arraycopy(end, 0, body, body.length - end.length, end.length);
        DelimiterLineSearch search = new DelimiterLineSearch(boundary, MAX_LINE);

        int found = search.lineEnd(new byte[0], 0, body, 0, body.length);

        assertThat(found).isEqualTo(body.length - 1);
        assertThat(found).isEqualTo(reference(boundary, body, 0, MAX_LINE));
        // the first comparison already costs more than the budget: 4 MB compared at every sample would be 1e9
        assertThat(search.work()).isLessThan(4_000);
    }

    @Test
    void aDelimiterBegunInTheHeldBytesEndsAtTheFirstLineFeedOfTheInput() {
        byte[] held = ascii("abc\r\n--mybou");
        byte[] buf = ascii("ndary-- \t\r\nrest");
        DelimiterLineSearch search = new DelimiterLineSearch(ascii("myboundary"), MAX_LINE);

        assertThat(search.lineEnd(held, held.length, buf, 0, buf.length)).isEqualTo("ndary-- \t\r".length());
        assertThat(search.lineEnd(held, held.length, buf, 0, "ndary-- \t\r".length())).isEqualTo(-1);
    }

    @Test
    void manySmallBodiesOfTheBoundarysBytesCostAFewComparisonsPerByteEach() {
        // each call's first sample offers 257 candidates of 257 bytes: the budget is checked before each comparison
        byte[] boundary = ascii("-".repeat(255) + "x");
        byte[] body = ascii("-".repeat(600) + "\r\n");
        DelimiterLineSearch search = new DelimiterLineSearch(boundary, MAX_LINE);

        for (int i = 0; i < 1_000; i++) {
            assertThat(search.lineEnd(new byte[0], 0, body, 0, body.length)).isEqualTo(-1);
        }

        // two per byte; every candidate of a first sample compared would be 257 * 257 per call
        assertThat(search.work()).isLessThan(1_000L * 2 * body.length);
    }

    @Test
    void occurrencesThatShareALineFeedLookAtItsLineOnce() {
        // a boundary of one dash: every dash of a run is an occurrence, all ending at the same line feed after 1000
        // blanks, which is no delimiter line (the line reader keeps only the last 1024 bytes of it)
        byte[] body = ascii(("Z".repeat(40_000) + "-".repeat(8_000) + " ".repeat(1_100) + "\n").repeat(20));
        DelimiterLineSearch search = new DelimiterLineSearch(ascii("-"), MAX_LINE);

        assertThat(search.lineEnd(new byte[0], 0, body, 0, body.length)).isEqualTo(-1);
        assertThat(search.lineEnd(new byte[0], 0, body, 0, body.length))
                .isEqualTo(reference(ascii("-"), body, 0, MAX_LINE));
        assertThat(search.work()).isLessThan(2L * body.length);
    }

    @ParameterizedTest
    @CsvSource({ "1020, 0", "1021, -1" })
    void aDelimiterCountsOnlyWithinTheLineReadersLastBytesOfItsLine(int blanks, int found) {
        // the line reader keeps a line's last 1024 bytes: "--b", the blanks and the CR must fit
        byte[] body = ascii("--b" + " ".repeat(blanks) + "\r\n");
        DelimiterLineSearch search = new DelimiterLineSearch(ascii("b"), MAX_LINE);

        assertThat(search.lineEnd(new byte[0], 0, body, 0, body.length)).isEqualTo(found < 0 ? -1 : body.length - 1);
    }

    /**
     * Line by line over the whole body, as the line reader sees each line (its last {@code maxLine} bytes): the body
     * offset of the first line feed ending a delimiter line, or -1.
     */
    private static int reference(byte[] boundary, byte[] body, int from, int maxLine) {
        byte[] delimiter = ascii("--" + new String(boundary, StandardCharsets.ISO_8859_1));
        for (int j = from; j < body.length; j++) {
            if (body[j] != '\n') {
                continue;
            }
            int kept = Math.max(0, j - maxLine);
            int end = j;
            while (end > kept && (body[end - 1] == '\r' || body[end - 1] == ' ' || body[end - 1] == '\t')) {
                end--;
            }
            if (endsWith(body, kept, end, delimiter)
                || end - 2 >= kept && body[end - 1] == '-' && body[end - 2] == '-'
                   && endsWith(body, kept, end - 2, delimiter)) {
                return j;
            }
        }
        return -1;
    }

    private static boolean endsWith(byte[] bytes, int kept, int end, byte[] suffix) {
        return end - suffix.length >= kept
               && Arrays.equals(bytes, end - suffix.length, end, suffix, 0, suffix.length);
    }

    private static byte[] randomBoundary(int length, Random random) {
        byte[] letters = ascii(random.nextBoolean() ? "-ab" : "myboundary-");
        byte[] boundary = new byte[length];
        for (int i = 0; i < length; i++) {
            boundary[i] = letters[random.nextInt(letters.length)];
        }
        return boundary;
    }

    /** Mostly the boundary's bytes, dashes, blanks and line feeds; now and then a whole delimiter line. */
    private static byte[] randomBody(byte[] boundary, int length, Random random) {
        byte[] alphabet = new byte[boundary.length + 7];
        System.arraycopy(boundary, 0, alphabet, 0, boundary.length);
        System.arraycopy(new byte[] { '-', '-', '\r', '\n', ' ', '\t', (byte) 0xFF }, 0, alphabet, boundary.length, 7);
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = alphabet[random.nextInt(alphabet.length)];
        }
        int delimiters = random.nextInt(3);
        for (int d = 0; d < delimiters && length > 0; d++) {
            String tail = new String[] { "\n", "\r\n", "--\r\n", " \t\r\n", "---\n" }[random.nextInt(5)];
            byte[] line = ascii("--" + new String(boundary, StandardCharsets.ISO_8859_1) + tail);
            int at = random.nextInt(length);
            System.arraycopy(line, 0, body, at, Math.min(line.length, length - at));
        }
        return body;
    }

    /** Where {@code pattern} first occurs in {@code bytes} at or after {@code from}, or -1. */
    static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
