package io.camelaxis.mjpeg.relay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

    /** Every relay option a page quotes in a URI or a property is one the catalog has, under that name. */
    @Test
    void everyOptionTheDocsQuoteIsInTheCatalog() throws Exception {
        String json = Files.readString(Path.of(
                "src/generated/resources/META-INF/io/camelaxis/mjpeg/relay/mjpeg-relay.json"));
        String componentJson = json.substring(json.indexOf("\"componentProperties\""), json.indexOf("\"properties\""));
        String endpointJson = json.substring(json.indexOf("\"properties\""));
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern property = Pattern.compile("camel\\.component\\.mjpeg-relay\\.([A-Za-z0-9-]+)");
        Pattern uri = Pattern.compile("mjpeg-relay:[^\\s\"`)?]*\\?([^\\s\"`]+)");
        Pattern uriOption = Pattern.compile("(?:^|&)([A-Za-z]+)=");
        List<String> unknown = new ArrayList<>();
        int quoted = 0;
        for (Path page : pages) {
            String text = Files.readString(page);
            for (Matcher m = property.matcher(text); m.find(); quoted++) {
                if (!componentJson.contains("\"" + camelCase(m.group(1)) + "\": { \"index\"")) {
                    unknown.add(page.getFileName() + ": " + m.group());
                }
            }
            for (Matcher m = uri.matcher(text); m.find();) {
                for (Matcher o = uriOption.matcher(m.group(1)); o.find(); quoted++) {
                    if (!endpointJson.contains("\"" + o.group(1) + "\": { \"index\"")) {
                        unknown.add(page.getFileName() + ": " + o.group(1) + " in " + m.group());
                    }
                }
            }
        }
        assertThat(unknown).as("relay options the docs name but the catalog has not").isEmpty();
        assertThat(quoted).isGreaterThan(8);
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
