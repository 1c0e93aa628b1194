import java.io.InputStream;
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
 * Writes the Spring Boot configuration properties and auto-configuration of each component from the Camel catalog
 * JSON its jar ships, as camel-spring-boot generates them for Camel's own components (whose generator only runs in
 * Camel's source tree). Run by the build in generate-sources as a single-file Java program, so a new component
 * option is a new property without anyone editing this module.
 *
 * <p>Usage: {@code java -cp <compile classpath> StarterSourceGenerator.java <java out> <resources out>
 * <catalog resource>=<package>=<ClassPrefix>=<component class> ...}
 */
public class StarterSourceGenerator {

    public static void main(String[] args) throws Exception {
        Path javaOut = Path.of(args[0]);
        Path resourcesOut = Path.of(args[1]);
        List<String> autoConfigurations = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split("=");
            JsonObject catalog = load(spec[0]);
            String pkg = spec[1];
            String prefix = spec[2];
            String componentClass = spec[3];
            Path dir = javaOut.resolve(pkg.replace('.', '/'));
            Files.createDirectories(dir);
            write(dir.resolve(prefix + "ComponentConfiguration.java"), configuration(catalog, pkg, prefix));
            write(dir.resolve(prefix + "ComponentAutoConfiguration.java"),
                    autoConfiguration(catalog, pkg, prefix, componentClass));
            autoConfigurations.add(pkg + "." + prefix + "ComponentAutoConfiguration");
        }
        Path imports = resourcesOut.resolve("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        Files.createDirectories(imports.getParent());
        write(imports, String.join("\n", autoConfigurations) + "\n");
    }

    private static JsonObject load(String resource) throws Exception {
        try (InputStream in = StarterSourceGenerator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no catalog " + resource + " on the classpath");
            }
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void write(Path file, String content) throws Exception {
        if (!Files.exists(file) || !Files.readString(file).equals(content)) {
            Files.writeString(file, content);
        }
    }

    /** The options the component itself has (as camel.component.<scheme>.* binds them), in catalog order. */
    private static List<Map.Entry<String, JsonObject>> options(JsonObject catalog) {
        List<Map.Entry<String, JsonObject>> options = new ArrayList<>();
        JsonObject properties = (JsonObject) catalog.get("componentProperties");
        String configurationClass = null;
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            JsonObject option = (JsonObject) e.getValue();
            if (option.getString("configurationClass") != null) {
                configurationClass = option.getString("configurationClass");
            }
        }
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            JsonObject option = (JsonObject) e.getValue();
            if (option.getString("javaType").equals(configurationClass)) {
                continue; // the whole configuration object: its options are listed one by one
            }
            options.add(Map.entry(e.getKey(), option));
        }
        options.sort(Comparator.comparingInt(o -> ((Number) o.getValue().get("index")).intValue()));
        return options;
    }

    /** Java type of the property: wrappers so unset stays unset; durations and bean references as text. */
    private static String type(JsonObject option) {
        String javaType = option.getString("javaType");
        if ("duration".equals(option.getString("type"))) {
            return "String";
        }
        switch (javaType) {
            case "boolean", "java.lang.Boolean": return "Boolean";
            case "int", "java.lang.Integer": return "Integer";
            case "long", "java.lang.Long": return "Long";
            case "java.lang.String": return "String";
            default:
        }
        if (javaType.startsWith("java.util.Map")) {
            return "java.util.Map<String, Object>";
        }
        if ("enum".equals(option.getString("type")) && !javaType.startsWith("java.")) {
            return javaType;
        }
        return "String"; // a bean: #name or #bean:name
    }

    private static String initializer(JsonObject option, String type) {
        Object value = option.get("defaultValue");
        if (value == null || "java.lang.Boolean".equals(option.getString("javaType"))) {
            return ""; // a nullable flag has no default: unset leaves the decision to the camera
        }
        String text = value.toString();
        return switch (type) {
            case "Boolean", "Integer" -> " = " + text;
            case "Long" -> " = " + text + "L";
            case "String" -> " = \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> type.contains(".") && !type.startsWith("java.") ? " = " + type + "." + text : "";
        };
    }

    private static String javadoc(String text, String indent) {
        StringBuilder doc = new StringBuilder(indent + "/**\n");
        StringBuilder line = new StringBuilder();
        for (String word : text.replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("@", "&#64;").split("\\s+")) {
            if (line.length() + word.length() > 100) {
                doc.append(indent).append(" * ").append(line.toString().trim()).append('\n');
                line.setLength(0);
            }
            line.append(word).append(' ');
        }
        doc.append(indent).append(" * ").append(line.toString().trim()).append('\n');
        return doc.append(indent).append(" */\n").toString();
    }

    private static String configuration(JsonObject catalog, String pkg, String prefix) {
        JsonObject component = (JsonObject) catalog.get("component");
        String scheme = component.getString("scheme");
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        fields.append(javadoc("Whether to enable auto configuration of the " + scheme
                + " component. This is enabled by default.", "    ")).append("    private Boolean enabled;\n");
        for (Map.Entry<String, JsonObject> entry : options(catalog)) {
            String name = entry.getKey();
            JsonObject option = entry.getValue();
            String type = type(option);
            String description = option.getString("description");
            if ("String".equals(type) && "object".equals(option.getString("type"))) {
                description += " The option is a " + option.getString("javaType")
                               + " type, given as a reference to a bean: #name.";
            }
            fields.append(javadoc(description, "    "));
            fields.append("    private ").append(type).append(' ').append(name).append(initializer(option, type))
                    .append(";\n");
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            accessors.append("\n    public ").append(type).append(" get").append(cap).append("() {\n        return ")
                    .append(name).append(";\n    }\n\n    public void set").append(cap).append('(').append(type)
                    .append(' ').append(name).append(") {\n        this.").append(name).append(" = ").append(name)
                    .append(";\n    }\n");
        }
        return "/* Generated by StarterSourceGenerator from the " + scheme + " catalog - do not edit this file! */\n"
               + "package " + pkg + ";\n\n"
               + "import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n"
               + "import org.springframework.boot.context.properties.ConfigurationProperties;\n\n"
               + javadoc(component.getString("description") + " Properties camel.component." + scheme
                         + ".* of the component, as its Camel catalog lists them.", "")
               + "@ConfigurationProperties(prefix = \"camel.component." + scheme + "\")\n"
               + "public class " + prefix + "ComponentConfiguration extends ComponentConfigurationPropertiesCommon {\n\n"
               + fields + accessors + "}\n";
    }

    private static String autoConfiguration(JsonObject catalog, String pkg, String prefix, String componentClass) {
        String scheme = ((JsonObject) catalog.get("component")).getString("scheme");
        return "/* Generated by StarterSourceGenerator from the " + scheme + " catalog - do not edit this file! */\n"
               + "package " + pkg + ";\n\n"
               + "import org.apache.camel.Component;\n"
               + "import org.apache.camel.spi.ComponentCustomizer;\n"
               + "import org.apache.camel.spring.boot.CamelAutoConfiguration;\n"
               + "import org.apache.camel.spring.boot.ComponentConfigurationProperties;\n"
               + "import org.apache.camel.spring.boot.util.CamelPropertiesHelper;\n"
               + "import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;\n"
               + "import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;\n"
               + "import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;\n"
               + "import org.springframework.boot.autoconfigure.AutoConfiguration;\n"
               + "import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;\n"
               + "import org.springframework.boot.context.properties.EnableConfigurationProperties;\n"
               + "import org.springframework.context.ApplicationContext;\n"
               + "import org.springframework.context.annotation.Bean;\n"
               + "import org.springframework.context.annotation.Conditional;\n"
               + "import org.springframework.context.annotation.Lazy;\n\n"
               + "/** Applies camel.component." + scheme + ".* to the " + scheme + " component. */\n"
               + "@AutoConfiguration(after = CamelAutoConfiguration.class)\n"
               + "@ConditionalOnClass(name = \"" + componentClass + "\")\n"
               + "@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)\n"
               + "@EnableConfigurationProperties({ ComponentConfigurationProperties.class, " + prefix
               + "ComponentConfiguration.class })\n"
               + "@ConditionalOnHierarchicalProperties({ \"camel.component\", \"camel.component." + scheme + "\" })\n"
               + "public class " + prefix + "ComponentAutoConfiguration {\n\n"
               + "    private final ApplicationContext applicationContext;\n"
               + "    private final " + prefix + "ComponentConfiguration configuration;\n\n"
               + "    public " + prefix + "ComponentAutoConfiguration(ApplicationContext applicationContext, " + prefix
               + "ComponentConfiguration configuration) {\n"
               + "        this.applicationContext = applicationContext;\n"
               + "        this.configuration = configuration;\n"
               + "    }\n\n"
               + "    @Lazy\n"
               + "    @Bean\n"
               + "    public ComponentCustomizer configure" + prefix + "Component() {\n"
               + "        return new ComponentCustomizer() {\n"
               + "            @Override\n"
               + "            public void configure(String name, Component target) {\n"
               + "                CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);\n"
               + "            }\n\n"
               + "            @Override\n"
               + "            public boolean isEnabled(String name, Component target) {\n"
               + "                return HierarchicalPropertiesEvaluator.evaluate(applicationContext,\n"
               + "                        \"camel.component.customizer\", \"camel.component." + scheme + ".customizer\")\n"
               + "                       && target instanceof " + componentClass + ";\n"
               + "            }\n"
               + "        };\n"
               + "    }\n"
               + "}\n";
    }
}
