package io.camelaxis.mjpeg.relay;

import org.apache.camel.CamelContext;

/**
 * The component's generated configurer, with each value's text checked first ({@link NumberOptionText}). Options set
 * on the component through properties ({@code camel.component.mjpeg-relay.max-connections=5s} in camel-main or Spring
 * Boot) reach it as text, which the generated code converts as Camel does: {@code 5s} became 5000 connections and
 * {@code 99999999999} viewers wrapped around, where the same text on an endpoint URI is refused.
 */
final class CheckedComponentConfigurer extends MjpegRelayComponentConfigurer {

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        NumberOptionText.check(name, value);
        return super.configure(camelContext, target, name, value, ignoreCase);
    }
}
