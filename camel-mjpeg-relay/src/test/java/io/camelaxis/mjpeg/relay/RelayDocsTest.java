package io.camelaxis.mjpeg.relay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/relay.md true to the generated Camel metadata. */
class RelayDocsTest {

    @Test
    void everyOptionIsDocumented() throws Exception {
        String json = Files.readString(Path.of(
                "src/generated/resources/META-INF/io/camelaxis/mjpeg/relay/mjpeg-relay.json"));
        String docs = Files.readString(Path.of("../docs/relay.md"));
        Matcher names = Pattern.compile("\"([A-Za-z.]+)\": \\{ \"index\"").matcher(json);
        int count = 0;
        while (names.find()) {
            assertThat(docs).as("docs mention %s", names.group(1)).contains("`" + names.group(1) + "`");
            count++;
        }
        assertThat(count).isGreaterThan(8);
        assertThat(json).doesNotContain("\"description\": \"\"");
    }
}
