package io.camelaxis.mjpeg.kafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The camera options the connector offers, read from the component's generated catalog
 * ({@code META-INF/io/camelaxis/mjpeg/axis-mjpeg.json}) so that a new component option becomes a connector option
 * with its type, default and description, without a second list to keep in step.
 */
final class CameraOptionCatalog {

    static final String CATALOG = "META-INF/io/camelaxis/mjpeg/axis-mjpeg.json";

    /**
     * Catalog options the connector does not offer, and why:
     * cameraId is the camera's id in the {@code cameras} list; bridgeErrorHandler, exceptionHandler and
     * exchangePattern are Camel routing internals with no meaning for a connector; sslContextParameters is a Java
     * object (use https with trustAllCertificates, or a JVM trust store holding the camera's certificate);
     * vapixParameters is offered as the key prefix {@code vapix.}; asyncConsumer lets a route's exchanges end later,
     * and the task's route hands each frame to its queue and ends at once.
     */
    static final Set<String> NOT_OFFERED = Set.of("cameraId", "bridgeErrorHandler", "exceptionHandler",
            "exchangePattern", "sslContextParameters", "vapixParameters", "asyncConsumer");

    /** The prefix of the component's free VAPIX parameters (its {@code vapixParameters} option). */
    static final String VAPIX_PREFIX = "vapix.";

    private static final List<CameraOption> OPTIONS = load();

    private CameraOptionCatalog() {
    }

    /** The offered options, in catalog order. */
    static List<CameraOption> options() {
        return OPTIONS;
    }

    /** Every option name in the catalog, offered or not (for the test that nothing is silently lost). */
    static Set<String> allCatalogOptionNames() {
        return properties(readCatalog()).keySet();
    }

    private static List<CameraOption> load() {
        List<CameraOption> options = new ArrayList<>();
        for (Map.Entry<String, Object> entry : properties(readCatalog()).entrySet()) {
            JsonObject property = (JsonObject) entry.getValue();
            if ("path".equals(property.getString("kind")) || NOT_OFFERED.contains(entry.getKey())) {
                continue; // host and port come from the cameras list
            }
            options.add(toOption(entry.getKey(), property));
        }
        return List.copyOf(options);
    }

    private static CameraOption toOption(String name, JsonObject property) {
        List<String> enums = new ArrayList<>();
        if (property.get("enum") instanceof List<?> values) {
            values.forEach(v -> enums.add(String.valueOf(v)));
        }
        Object defaultValue = property.get("defaultValue");
        return new CameraOption(name, kafkaType(property), List.copyOf(enums),
                defaultValue == null ? null : String.valueOf(defaultValue), property.getStringOrDefault(
                        "description", ""), property.getStringOrDefault("group", "consumer"));
    }

    private static ConfigDef.Type kafkaType(JsonObject property) {
        if (Boolean.TRUE.equals(property.getBoolean("secret"))) {
            return ConfigDef.Type.PASSWORD;
        }
        return switch (property.getStringOrDefault("type", "string")) {
            case "integer" -> "long".equals(property.getString("javaType")) ? ConfigDef.Type.LONG : ConfigDef.Type.INT;
            case "duration" -> ConfigDef.Type.LONG; // milliseconds
            case "boolean" -> ConfigDef.Type.BOOLEAN;
            case "number" -> ConfigDef.Type.DOUBLE;
            default -> ConfigDef.Type.STRING; // string, enum (with a validator) and anything new: Camel converts text
        };
    }

    private static JsonObject properties(JsonObject catalog) {
        return (JsonObject) catalog.get("properties");
    }

    private static JsonObject readCatalog() {
        ClassLoader loader = CameraOptionCatalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is missing: is camel-axis-mjpeg on the plugin path?");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return (JsonObject) Jsoner.deserialize(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOG, e);
        } catch (DeserializationException e) {
            throw new IllegalStateException("cannot parse " + CATALOG, e);
        }
    }
}
