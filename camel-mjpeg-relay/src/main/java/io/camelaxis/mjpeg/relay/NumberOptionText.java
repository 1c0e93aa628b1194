package io.camelaxis.mjpeg.relay;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;

/**
 * Checks the text of the relay's number options before Camel binds it. Camel reads text it cannot parse as a number
 * as a time pattern, and an unreadable one as 0: {@code maxViewers=ten} was refused as "must be at least 1, was 0",
 * {@code maxConnections=5s} silently became 5000 and {@code maxViewers=99999999999} wrapped around to 1215752191.
 * An int option takes a whole number in range; a long option (all of them milliseconds) a number or a duration
 * such as {@code 5s} or {@code 1m30s}. Placeholders and bean references are left to Camel.
 */
final class NumberOptionText {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,19}");
    private static final Pattern ZERO_DURATION = Pattern.compile("0+[a-zA-Z]{1,2}");
    private static final Map<String, Class<?>> SETTER_TYPES = setterTypes();

    private NumberOptionText() {
    }

    /** Throws naming the first option of {@code parameters} whose text its type cannot take. */
    static void check(Map<String, Object> parameters) {
        parameters.forEach(NumberOptionText::check);
    }

    /** Throws naming the option when {@code value} is text its type cannot take (an endpoint or component option). */
    static void check(String name, Object value) {
        if (value instanceof String text && !text.startsWith("#") && !text.contains("{{")) {
            Class<?> type = setterType(name);
            if ((type == int.class || type == Integer.class) && !fitsInt(text)) {
                throw new IllegalArgumentException("mjpeg-relay: " + name + " must be a whole number, was '" + text
                                                   + "'");
            }
            if ((type == long.class || type == Long.class) && !readsAsMillis(text)) {
                throw new IllegalArgumentException("mjpeg-relay: " + name + " must be milliseconds or a duration"
                                                   + " such as 5s or 1m30s, was '" + text + "'");
            }
        }
    }

    private static Class<?> setterType(String option) {
        return SETTER_TYPES.get(option.toLowerCase(Locale.ROOT));
    }

    /** The type each of the configuration's and the component's setters takes, by lower-case option name. */
    private static Map<String, Class<?>> setterTypes() {
        Map<String, Class<?>> types = new HashMap<>();
        for (Class<?> options : new Class<?>[] {MjpegRelayComponent.class, RelayConfiguration.class}) {
            for (Method method : options.getMethods()) {
                if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
                    types.put(method.getName().substring(3).toLowerCase(Locale.ROOT), method.getParameterTypes()[0]);
                }
            }
        }
        return Map.copyOf(types);
    }

    private static boolean fitsInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A long, or a time pattern Camel reads as more than 0 ms (what it cannot read it makes 0), or an explicit 0. */
    private static boolean readsAsMillis(String text) {
        if (WHOLE_NUMBER.matcher(text).matches()) {
            return true; // its range is checked with the value, naming the option
        }
        try {
            return TimeUtils.toMilliSeconds(text) > 0 || ZERO_DURATION.matcher(text).matches();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
