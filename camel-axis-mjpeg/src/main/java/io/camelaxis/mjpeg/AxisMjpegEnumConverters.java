package io.camelaxis.mjpeg;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.camelaxis.mjpeg.parser.JpegValidation;
import org.apache.camel.Converter;

/**
 * Text to the component's enum options, case-insensitive as Camel's own enum conversion, but naming the valid values
 * when the text is none of them: for options bound outside an endpoint URI, such as camel.component.axis-mjpeg.*
 * properties, where Camel's generic conversion would only say that the enum has no such constant.
 */
@Converter(generateLoader = true)
public final class AxisMjpegEnumConverters {

    private AxisMjpegEnumConverters() {
    }

    @Converter
    public static Backpressure toBackpressure(String text) {
        return parse(Backpressure.class, text);
    }

    @Converter
    public static Transport toTransport(String text) {
        return parse(Transport.class, text);
    }

    @Converter
    public static AuthMethod toAuthMethod(String text) {
        return parse(AuthMethod.class, text);
    }

    @Converter
    public static JpegValidation toJpegValidation(String text) {
        return parse(JpegValidation.class, text);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String wanted = text == null ? "" : text.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                + " (" + type.getSimpleName() + ")");
    }
}
