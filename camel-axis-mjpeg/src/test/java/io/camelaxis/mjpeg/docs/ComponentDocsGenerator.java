package io.camelaxis.mjpeg.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Writes the option and header tables of a component's Markdown reference from its generated Camel catalog JSON, so
 * the docs cannot drift from the code. Run by the build ({@code exec:java} after the catalog is generated); the
 * Markdown keeps its prose, only the text between {@code <!-- generated:NAME START -->} and
 * {@code <!-- generated:NAME END -->} is replaced. Sections: endpoint-options, component-options, headers.
 *
 * <p>Usage: {@code ComponentDocsGenerator <catalog.json> <doc.md>}
 */
public final class ComponentDocsGenerator {

    /** Printed instead of the catalog's {@code false} for an unset nullable VAPIX flag: the camera decides. */
    static final String CAMERA_DEFAULT = "camera default";

    private final JsonObject catalog;

    public ComponentDocsGenerator(String catalogJson) {
        try {
            this.catalog = (JsonObject) Jsoner.deserialize(catalogJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a Camel catalog JSON", e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ComponentDocsGenerator <catalog.json> <doc.md>");
        }
        Path doc = Path.of(args[1]);
        String before = Files.readString(doc, StandardCharsets.UTF_8);
        String after = new ComponentDocsGenerator(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8))
                .update(before);
        if (!after.equals(before)) {
            Files.writeString(doc, after, StandardCharsets.UTF_8);
        }
    }

    /** The document with every generated section replaced by the tables of this catalog. */
    public String update(String markdown) {
        String result = replaceSection(markdown, "endpoint-options", optionTable("properties", true));
        result = replaceSection(result, "component-options", optionTable("componentProperties", false));
        return replaceSection(result, "headers", headerTable());
    }

    private static String replaceSection(String markdown, String name, String content) {
        String start = "<!-- generated:" + name + " START -->";
        String end = "<!-- generated:" + name + " END -->";
        int from = markdown.indexOf(start);
        int to = markdown.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the document has no section " + start + " ... " + end);
        }
        return markdown.substring(0, from + start.length()) + "\n" + content + markdown.substring(to);
    }

    private String optionTable(String key, boolean endpoint) {
        StringBuilder table = new StringBuilder("| option | group | type | default | description |\n|---|---|---|---|---|\n");
        for (Map<String, Object> option : sorted(key)) {
            String group = String.valueOf(option.get("group")).replace(" (advanced)", "");
            if (String.valueOf(option.get("label")).contains("advanced") && !group.contains("advanced")) {
                group += " (advanced)";
            }
            if (endpoint && "path".equals(option.get("kind"))) {
                group += " (path)";
            }
            String type = String.valueOf(option.get("type"));
            if (Boolean.TRUE.equals(option.get("secret"))) {
                type += " (secret)";
            }
            if (option.get("enum") instanceof List<?> values) {
                type += ": " + String.join(", ", values.stream().map(String::valueOf).toList());
            }
            table.append("| `").append(option.get("name")).append("` | ").append(group).append(" | ").append(type)
                    .append(" | ").append(defaultValue(option)).append(" | ").append(cell(option.get("description")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private String headerTable() {
        StringBuilder table = new StringBuilder("| header | type | description |\n|---|---|---|\n");
        for (Map<String, Object> header : sorted("headers")) {
            table.append("| `").append(header.get("name")).append("` | ").append(header.get("javaType")).append(" | ")
                    .append(cell(header.get("description"))).append(" |\n");
        }
        return table.toString();
    }

    /** The catalog's default as the catalog writes it, except for the nullable VAPIX flags it reports as false. */
    static String defaultValue(Map<String, Object> option) {
        if ("vapix".equals(option.get("group")) && "java.lang.Boolean".equals(option.get("javaType"))) {
            return CAMERA_DEFAULT;
        }
        Object value = option.get("defaultValue");
        return value == null || value.toString().isEmpty() ? "" : "`" + value + "`";
    }

    private List<Map<String, Object>> sorted(String key) {
        Map<String, Object> entries = catalog.getMap(key);
        List<Map<String, Object>> options = new ArrayList<>();
        if (entries == null) {
            return options;
        }
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> option = new java.util.LinkedHashMap<>((Map<String, Object>) entry.getValue());
            option.put("name", entry.getKey());
            options.add(option);
        }
        options.sort(Comparator.comparing(o -> ((Number) o.getOrDefault("index", 0)).intValue()));
        return options;
    }

    private static String cell(Object text) {
        return text == null ? "" : text.toString().replace("|", "\\|").replace("\n", " ");
    }
}
