package io.camelaxis.mjpeg.dsl;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written builders against the catalog JSON the components ship: every endpoint option has its method (typed
 * and as text) in the basic or advanced builder as the catalog groups it, and no method names an option the catalog
 * does not have. A new, renamed or retyped option fails here until the builder follows.
 */
class EndpointDslCatalogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/META-INF/io/camelaxis/mjpeg/axis-mjpeg.json, io.camelaxis.mjpeg.dsl.AxisMjpegEndpointBuilderFactory$AxisMjpegEndpointBuilder, io.camelaxis.mjpeg.dsl.AxisMjpegEndpointBuilderFactory$AdvancedAxisMjpegEndpointBuilder",
            "/META-INF/io/camelaxis/mjpeg/relay/mjpeg-relay.json, io.camelaxis.mjpeg.dsl.MjpegRelayEndpointBuilderFactory$MjpegRelayEndpointBuilder, io.camelaxis.mjpeg.dsl.MjpegRelayEndpointBuilderFactory$AdvancedMjpegRelayEndpointBuilder" })
    void everyCatalogOptionHasItsBuilderMethodAndNoMore(String catalog, String basicName, String advancedName)
            throws Exception {
        Map<String, Object> options = options(catalog);
        Class<?> basic = Class.forName(basicName);
        Class<?> advanced = Class.forName(advancedName);
        Set<String> expectedBasic = new TreeSet<>();
        Set<String> expectedAdvanced = new TreeSet<>();
        for (Map.Entry<String, Object> entry : options.entrySet()) {
            JsonObject option = (JsonObject) entry.getValue();
            if ("path".equals(option.getString("kind"))) {
                continue;
            }
            boolean isAdvanced = option.getString("group").contains("advanced");
            (isAdvanced ? expectedAdvanced : expectedBasic).add(entry.getKey());
            Class<?> builder = isAdvanced ? advanced : basic;
            for (List<Class<?>> signature : signatures(option)) {
                assertThat(builder.getMethod(entry.getKey(), signature.toArray(Class<?>[]::new)))
                        .as("%s.%s%s", builder.getSimpleName(), entry.getKey(), signature).isNotNull();
            }
        }
        assertThat(optionMethods(basic)).isEqualTo(expectedBasic);
        assertThat(optionMethods(advanced)).isEqualTo(expectedAdvanced);
    }

    /** What Camel's generated builders offer: the typed setter and the text one; a key/value and a map for multi-value. */
    private static List<List<Class<?>>> signatures(JsonObject option) throws ClassNotFoundException {
        if (Boolean.TRUE.equals(option.getBoolean("multiValue"))) {
            return List.of(List.of(String.class, Object.class), List.of(Map.class));
        }
        Class<?> type = javaType(option);
        return type == String.class ? List.of(List.of(String.class)) : List.of(List.of(type), List.of(String.class));
    }

    private static Class<?> javaType(JsonObject option) throws ClassNotFoundException {
        if ("duration".equals(option.getString("type"))) {
            return long.class; // milliseconds, as the configuration field holds them
        }
        String name = option.getString("javaType");
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "boolean" -> boolean.class;
            default -> Class.forName(name.replaceAll("<.*>", ""));
        };
    }

    private static Set<String> optionMethods(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .map(Method::getName)
                .filter(name -> !name.equals("advanced") && !name.equals("basic"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> options(String resource) throws Exception {
        try (InputStream in = EndpointDslCatalogTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            JsonObject catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return catalog.getMap("properties");
        }
    }
}
