package io.camelaxis.mjpeg.kafka.connect;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelaxis.mjpeg.AxisMjpegComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Validates each camera's settings with the component itself (its option conversion and its
 * {@code AxisMjpegConfiguration.validate()}), so that {@code validate()} rejects what the component would reject,
 * and names the connector key that holds the bad value.
 */
final class CameraSettingsCheck {

    private CameraSettingsCheck() {
    }

    /** Error messages by connector key; empty when every camera's settings are accepted. */
    static Map<String, String> check(AxisMjpegConnectorConfig config) {
        Map<String, String> errors = new LinkedHashMap<>();
        CamelContext camel = new DefaultCamelContext();
        try {
            AxisMjpegComponent component = new AxisMjpegComponent();
            camel.addComponent("axis-mjpeg", component);
            camel.start();
            for (CameraAddress camera : config.cameras()) {
                Map<String, Object> parameters = config.endpointParameters(camera.id());
                boolean eachOptionAccepted = true;
                // one option at a time first, so that an error names its key
                for (Map.Entry<String, Object> option : parameters.entrySet()) {
                    String failure = failure(component, camera, alone(option, parameters));
                    if (failure != null) {
                        errors.putIfAbsent(config.keyOf(camera.id(), option.getKey()), failure);
                        eachOptionAccepted = false;
                    }
                }
                if (eachOptionAccepted) {
                    String failure = failure(component, camera, parameters);
                    if (failure != null) { // options that do not go together, such as a password without user
                        errors.merge(AxisMjpegConnectorConfig.CAMERAS, "camera " + camera.id() + ": " + failure,
                                (a, b) -> a + "; " + b);
                    }
                }
            }
        } finally {
            stopQuietly(camel);
        }
        return errors;
    }

    /** One option with what it needs to be judged alone: a password is checked with its user name. */
    private static Map<String, Object> alone(Map.Entry<String, Object> option, Map<String, Object> all) {
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(option.getKey(), option.getValue());
        if (option.getKey().equals("password") && all.containsKey("username")) {
            single.put("username", all.get("username"));
        }
        return single;
    }

    private static void stopQuietly(CamelContext camel) {
        try {
            camel.close();
        } catch (Exception e) {
            // nothing was started in it but the component: nothing to clean up
        }
    }

    private static String failure(AxisMjpegComponent component, CameraAddress camera, Map<String, Object> options) {
        try {
            TaskCameras.endpoint(component, camera, options);
            return null;
        } catch (Exception e) {
            return rootMessage(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int depth = 0; depth < 16 && t.getCause() != null && t.getCause() != t; depth++) {
            t = t.getCause(); // bounded: a cause chain is not trusted to end
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
