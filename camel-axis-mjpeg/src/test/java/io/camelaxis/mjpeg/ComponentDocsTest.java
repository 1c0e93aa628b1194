package io.camelaxis.mjpeg;

import java.nio.file.Files;
import java.nio.file.Path;

import io.camelaxis.mjpeg.docs.ComponentDocsGenerator;
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
}
