package io.camelaxis.mjpeg.kafka.connect;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;

/**
 * One {@code axis-mjpeg} endpoint option as the component's catalog describes it, and how the connector types it.
 *
 * @param name         the component's option name, for example {@code fps}; also the suffix of the connector keys
 *                     {@code axis.fps} and {@code camera.<id>.fps}
 * @param type         the Kafka config type: durations become LONG milliseconds, enums STRING with a validator,
 *                     secrets PASSWORD
 * @param enumValues   the allowed values of an enum option, otherwise empty
 * @param componentDefault the component's default as text, or null (shown in the docs; never sent: an option the
 *                     user did not set is left to the component)
 * @param description  the component's own description
 * @param group        the component's group: consumer, consumer (advanced), security, vapix
 */
record CameraOption(String name, ConfigDef.Type type, List<String> enumValues, String componentDefault,
                    String description, String group) {

    boolean advanced() {
        return group.contains("advanced");
    }

    /** The text to hand the component: Camel converts it like a URI parameter. */
    static String endpointValue(Object parsed) {
        if (parsed instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        return String.valueOf(parsed);
    }
}
