package io.camelaxis.mjpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        List<String> unknown = new ArrayList<>();
        int quoted = 0;
        for (DocsQuotes.Quote q : DocsQuotes.componentProperties("axis-mjpeg")) {
            quoted++;
            if (!component.containsKey(q.option())) {
                unknown.add(q.page() + ": " + q.quotedAs());
            }
        }
        for (DocsQuotes.Quote q : DocsQuotes.uriOptions("axis-mjpeg")) {
            quoted++;
            if (!endpoint.containsKey(q.option())) {
                unknown.add(q.page() + ": " + q.option() + " in " + q.quotedAs());
            }
        }
        Pattern header = Pattern.compile("CamelAxisMjpeg[A-Za-z]+");
        for (Path page : DocsQuotes.pages()) {
            for (Matcher m = header.matcher(Files.readString(page)); m.find(); quoted++) {
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
}
