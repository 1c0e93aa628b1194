package io.camelaxis.mjpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.camelaxis.mjpeg.docs.ComponentDocsGenerator;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/axis-mjpeg-component.md true to the generated Camel metadata. */
class ComponentDocsTest {

    private static final Path CATALOG = Path.of("src/generated/resources/META-INF/io/camelaxis/mjpeg/axis-mjpeg.json");
    private static final Path DOCS = Path.of("../docs/axis-mjpeg-component.md");

    @Test
    void theDocsTablesAreTheOnesGeneratedFromTheCatalog() throws Exception {
        String docs = Files.readString(DOCS);
        assertThat(docs).as("run mvn process-test-classes to regenerate the tables")
                .isEqualTo(new ComponentDocsGenerator(Files.readString(CATALOG)).update(docs));
    }

    @Test
    void tablesPrintCatalogDefaultsAndCameraDefaultsForNullableVapixFlags() throws Exception {
        String docs = Files.readString(DOCS);
        assertThat(docs).contains("| `https` | security | boolean | `false` |")
                .contains("| `clock` | vapix | boolean | camera default |")
                .contains("| `squarePixel` | vapix | boolean | camera default |")
                .contains("| `backpressure` | consumer | enum: block, dropOldest, latestOnly | `block` |")
                .contains("| `password` | security | string (secret) |  |")
                .contains("| `useGlobalSslContextParameters` | security | boolean | `false` |")
                .doesNotContain("False").doesNotContain("True");
    }

    @Test
    void theJarNamesItsComponentForCamelTooling() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            properties.load(in);
        }
        assertThat(properties).containsEntry("components", "axis-mjpeg").containsEntry("groupId", "io.camelaxis")
                .containsEntry("artifactId", "camel-axis-mjpeg");
        assertThat(properties.getProperty("version")).doesNotContain("${");
    }

    @Test
    void descriptionsHaveNoJavadocMarkupAndNoneIsEmpty() throws Exception {
        String json = Files.readString(CATALOG);
        assertThat(json).doesNotContain("\"description\": \"\"").doesNotContain("{code").doesNotContain("{@")
                .doesNotContain("{link");
        assertThat(json).contains("\"secret\": true").contains("\"security\": \"secret\"");
    }

    /**
     * Outside the generated tables the pages quote options in URIs and properties and name headers by hand: each
     * must be one the catalog has (a renamed or misspelt one would fail the user's route at start, or do nothing).
     */
    @Test
    void everyOptionPropertyAndHeaderTheDocsQuoteIsInTheCatalog() throws Exception {
        JsonObject catalog = (JsonObject) Jsoner.deserialize(Files.readString(CATALOG));
        Map<?, ?> endpoint = (Map<?, ?>) catalog.get("properties");
        Map<?, ?> component = (Map<?, ?>) catalog.get("componentProperties");
        Map<?, ?> headers = (Map<?, ?>) catalog.get("headers");
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern property = Pattern.compile("camel\\.component\\.axis-mjpeg\\.([A-Za-z0-9-]+)");
        Pattern uri = Pattern.compile("axis-mjpeg:[^\\s\"`)?]*\\?([^\\s\"`]+)");
        Pattern uriOption = Pattern.compile("(?:^|&)([A-Za-z]+)=");
        Pattern header = Pattern.compile("CamelAxisMjpeg[A-Za-z]+");
        List<String> unknown = new ArrayList<>();
        int quoted = 0;
        for (Path page : pages) {
            String text = Files.readString(page);
            for (Matcher m = property.matcher(text); m.find(); quoted++) {
                if (!component.containsKey(camelCase(m.group(1)))) {
                    unknown.add(page.getFileName() + ": " + m.group());
                }
            }
            for (Matcher m = uri.matcher(text); m.find();) {
                for (Matcher o = uriOption.matcher(m.group(1)); o.find(); quoted++) {
                    if (!endpoint.containsKey(o.group(1))) {
                        unknown.add(page.getFileName() + ": " + o.group(1) + " in " + m.group());
                    }
                }
            }
            for (Matcher m = header.matcher(text); m.find(); quoted++) {
                if (!headers.containsKey(m.group())) {
                    unknown.add(page.getFileName() + ": header " + m.group());
                }
            }
        }
        assertThat(unknown).as("options, properties and headers the docs name but the catalog has not").isEmpty();
        assertThat(quoted).isGreaterThan(50);
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(headers.keySet().stream().map(String::valueOf).filter(h -> h.startsWith("CamelAxisMjpeg")))
                .as("the README's header table names every header").allSatisfy(h -> assertThat(readme).contains(h));
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
