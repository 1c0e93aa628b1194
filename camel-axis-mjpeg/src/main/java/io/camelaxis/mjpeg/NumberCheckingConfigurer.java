package io.camelaxis.mjpeg;

import java.util.function.BiConsumer;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.GeneratedPropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;

/**
 * The component's generated configurer, with each value's text checked first. Options set on the component through
 * properties ({@code camel.component.axis-mjpeg.connect-timeout=abc} in camel-main or Spring Boot) reach it as text,
 * which the generated code converts as Camel does: what it cannot read becomes 0 (no connect timeout at all), where
 * the same text on an endpoint URI is refused. Everything else is the generated configurer's.
 */
final class NumberCheckingConfigurer implements GeneratedPropertyConfigurer, PropertyConfigurerGetter {

    private final PropertyConfigurer generated;
    private final BiConsumer<String, Object> check;

    NumberCheckingConfigurer(PropertyConfigurer generated, BiConsumer<String, Object> check) {
        this.generated = generated;
        this.check = check;
    }

    PropertyConfigurer generated() {
        return generated;
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        check.accept(name, value);
        return generated.configure(camelContext, target, name, value, ignoreCase);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return generated instanceof PropertyConfigurerGetter getter ? getter.getOptionType(name, ignoreCase) : null;
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        return generated instanceof PropertyConfigurerGetter getter ? getter.getOptionValue(target, name, ignoreCase)
                : null;
    }

    @Override
    public Object getCollectionValueType(Object target, String name, boolean ignoreCase) {
        return generated instanceof PropertyConfigurerGetter getter
                ? getter.getCollectionValueType(target, name, ignoreCase) : null;
    }

    @Override
    public String[] getAutowiredNames() {
        return generated instanceof PropertyConfigurerGetter getter ? getter.getAutowiredNames() : null;
    }
}
