package io.camelaxis.mjpeg.relay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaxis.mjpeg.DocsQuotes;
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

    /** Every relay option a page quotes in a URI or a property is one the catalog has, under that name. */
    @Test
    void everyOptionTheDocsQuoteIsInTheCatalog() throws Exception {
        String json = Files.readString(Path.of(
                "src/generated/resources/META-INF/io/camelaxis/mjpeg/relay/mjpeg-relay.json"));
        String componentJson = json.substring(json.indexOf("\"componentProperties\""), json.indexOf("\"properties\""));
        String endpointJson = json.substring(json.indexOf("\"properties\""));
        List<String> unknown = new ArrayList<>();
        int quoted = 0;
        for (DocsQuotes.Quote q : DocsQuotes.componentProperties("mjpeg-relay")) {
            quoted++;
            if (!componentJson.contains("\"" + q.option() + "\": { \"index\"")) {
                unknown.add(q.page() + ": " + q.quotedAs());
            }
        }
        for (DocsQuotes.Quote q : DocsQuotes.uriOptions("mjpeg-relay")) {
            quoted++;
            if (!endpointJson.contains("\"" + q.option() + "\": { \"index\"")) {
                unknown.add(q.page() + ": " + q.option() + " in " + q.quotedAs());
            }
        }
        assertThat(unknown).as("relay options the docs name but the catalog has not").isEmpty();
        assertThat(quoted).isGreaterThan(8);
    }
}
