package io.camelaxis.mjpeg.kafka.connect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * What the component accepts but a connector must not run, each by the key that holds it:
 * <ul>
 * <li>a finite stream ({@code nbrOfFrames}, {@code duration}, or the same as a free {@code vapix.} parameter): the
 * camera would end its stream and sit idle in a task that reports it running, or, through {@code vapix.}, be
 * reconnected for ever;</li>
 * <li>a {@code record.max.bytes} the producer cannot send: one frame of that size would fail the whole task, with
 * all its cameras.</li>
 * </ul>
 */
final class ConnectorLimits {

    private static final String[] FINITE_STREAM_OPTIONS = {"nbrOfFrames", "duration"};

    private ConnectorLimits() {
    }

    /** Error messages by connector key; empty when the connector can run this configuration. */
    static Map<String, String> check(AxisMjpegConnectorConfig config) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkRecordSize(config, errors);
        for (CameraAddress camera : config.cameras()) {
            checkEndlessStream(config, camera.id(), errors);
        }
        return errors;
    }

    /** Throws on the first error, for a connector or task started without {@code validate()} (standalone files). */
    static void require(AxisMjpegConnectorConfig config) {
        check(config).entrySet().stream().findFirst().ifPresent(error -> {
            throw new ConfigException(error.getKey() + ": " + error.getValue());
        });
    }

    private static void checkRecordSize(AxisMjpegConnectorConfig config, Map<String, String> errors) {
        Integer set = config.getInt(AxisMjpegConnectorConfig.RECORD_MAX_BYTES);
        Integer requestSize = config.producerMaxRequestSize();
        if (set == null || requestSize == null) {
            return; // without the override, the worker's producer settings decide, and the connector cannot see them
        }
        int room = requestSize - AxisMjpegConnectorConfig.RECORD_OVERHEAD_BYTES;
        if (set > room) {
            errors.put(AxisMjpegConnectorConfig.RECORD_MAX_BYTES, "is " + set + " bytes, but "
                    + AxisMjpegConnectorConfig.PRODUCER_MAX_REQUEST_SIZE + " is " + requestSize + ": with "
                    + AxisMjpegConnectorConfig.RECORD_OVERHEAD_BYTES + " bytes for key and headers, a frame over "
                    + room + " bytes would be refused by the producer and fail the task with all its cameras");
        }
    }

    private static void checkEndlessStream(AxisMjpegConnectorConfig config, String cameraId,
                                           Map<String, String> errors) {
        Map<String, Object> parameters = config.endpointParameters(cameraId);
        for (String option : FINITE_STREAM_OPTIONS) {
            Object value = parameters.get(option);
            if (value != null && !"0".equals(String.valueOf(value).trim())) {
                errors.putIfAbsent(config.keyOf(cameraId, option), "camera " + cameraId + ": a connector streams"
                        + " without end; " + option + "=" + value + " would end the camera's stream and leave it idle"
                        + " (leave it unset, or 0)");
            }
        }
        String vapix = CameraOptionCatalog.VAPIX_PREFIX;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith(vapix)) {
                continue;
            }
            String vapixName = name.substring(vapix.length()).toLowerCase(Locale.ROOT);
            boolean finite = vapixName.equals("nbrofframes") || vapixName.equals("duration");
            if (finite && !"0".equals(String.valueOf(parameter.getValue()).trim())) {
                errors.putIfAbsent(config.keyOf(cameraId, name), "camera " + cameraId + ": a connector streams"
                        + " without end; " + name + " would end the camera's stream every time, and the camera"
                        + " would be reconnected in a loop");
            }
        }
    }
}
