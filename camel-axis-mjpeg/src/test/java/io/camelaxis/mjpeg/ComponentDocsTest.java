package io.camelaxis.mjpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/axis-mjpeg-component.md true to the generated Camel metadata. */
class ComponentDocsTest {

    @Test
    void everyOptionAndHeaderIsDocumented() throws Exception {
        String json = Files.readString(Path.of("src/generated/resources/META-INF/io/camelaxis/mjpeg/axis-mjpeg.json"));
        String docs = Files.readString(Path.of("../docs/axis-mjpeg-component.md"));
        Matcher names = Pattern.compile("\"([A-Za-z.]+)\": \\{ \"(index|kind)\"").matcher(json);
        int count = 0;
        while (names.find()) {
            assertThat(docs).as("docs mention %s", names.group(1)).contains("`" + names.group(1) + "`");
            count++;
        }
        assertThat(count).isGreaterThan(40);
        assertThat(json).contains("\"secret\": true").contains("\"security\": \"secret\"");
    }

    @Test
    void everyOptionHasADescription() throws Exception {
        String json = Files.readString(Path.of("src/generated/resources/META-INF/io/camelaxis/mjpeg/axis-mjpeg.json"));
        assertThat(json).doesNotContain("\"description\": \"\"");
    }
}
