package io.camelaxis.mjpeg.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by the examples: which camera (none means the built-in simulator), its credentials
 * and VAPIX settings, and where frames go.
 */
public final class CameraOptions {

    String example = "files";
    String host;
    int port;
    String username;
    String password;
    boolean https;
    boolean trustAll;
    String resolution = "640x480";
    int fps = 10;
    String output = "frames";
    int seconds;
    String kafkaBrokers;
    String kafkaTopic = "camera-frames";
    String s3Endpoint;
    String s3Bucket = "camera-archive";
    String cameraId;
    int relayPort = 8090;
    String properties;
    boolean help;

    /** The values of {@code --example}. */
    static final List<String> EXAMPLES = List.of("files", "throttled", "motion", "yaml", "kafka", "analytics", "s3",
            "s3-batch", "relay", "connect");

    public static CameraOptions parse(String... args) {
        CameraOptions o = new CameraOptions();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (name.equals("--https")) {
                o.https = true;
                continue;
            }
            if (name.equals("--trust-all")) {
                o.trustAll = true;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) {
                o.help = true;
                continue;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + usage());
            }
            String value = rest.remove(0);
            switch (name) {
                case "--example" -> o.example = value;
                case "--host" -> o.host = value;
                case "--port" -> o.port = number(name, value);
                case "--username" -> o.username = value;
                case "--password" -> o.password = value;
                case "--resolution" -> o.resolution = value;
                case "--fps" -> o.fps = number(name, value);
                case "--out" -> o.output = value;
                case "--seconds" -> o.seconds = number(name, value);
                case "--kafka" -> o.kafkaBrokers = value;
                case "--topic" -> o.kafkaTopic = value;
                case "--s3-endpoint" -> o.s3Endpoint = value;
                case "--bucket" -> o.s3Bucket = value;
                case "--camera-id" -> o.cameraId = value;
                case "--relay-port" -> o.relayPort = number(name, value);
                case "--properties" -> o.properties = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        if (!EXAMPLES.contains(o.example)) {
            throw new IllegalArgumentException("unknown example '" + o.example + "', expected one of "
                                               + String.join(", ", EXAMPLES) + "\n" + usage());
        }
        if (o.username != null) { // refused here rather than when the route starts
            raw("--username", o.username);
            raw("--password", o.password == null ? "" : o.password);
        }
        return o;
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number of 0 or more, was '" + value + "'");
    }

    static String usage() {
        return """
                usage: ./run.sh [--example files|throttled|motion|yaml|kafka|analytics|s3|s3-batch|relay|connect] [--seconds N]
                                [--host CAMERA [--port N] [--username U --password P] [--https [--trust-all]]]
                                [--resolution WxH] [--fps N] [--out DIR] [--camera-id ID]
                                [--kafka HOST:PORT] [--topic T] [--s3-endpoint URL|aws] [--bucket B] [--relay-port N]
                       ./run.sh --properties FILE   your own routes: camel-main with FILE (application.properties naming
                                them in camel.main.routes-include-pattern, camel.component.axis-mjpeg.*)
                without --host a simulated Axis camera is started in the same JVM; without --kafka an in-JVM
                Kafka KRaft broker, without --s3-endpoint an in-JVM S3 server (S3Proxy); connect: 6 simulated cameras
                on an in-JVM 3-worker Kafka Connect cluster, one worker stopped half way (--seconds, default 40)""";
    }

    /** The axis-mjpeg endpoint URI for {@code host:port}. */
    public String cameraUri(String hostAndPort) {
        return cameraUri(hostAndPort, false);
    }

    /**
     * The same URI with the user name and password replaced by {@code xxxxxx}, to print. Built without the
     * credentials instead of masking them afterwards: a password holding ')' or '&' defeats any pattern over RAW(...).
     */
    public String maskedCameraUri(String hostAndPort) {
        return cameraUri(hostAndPort, true);
    }

    private String cameraUri(String hostAndPort, boolean masked) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("resolution", resolution);
        params.put("fps", Integer.toString(fps));
        params.put("statisticsLogInterval", "5000");
        if (cameraId != null) {
            params.put("cameraId", cameraId);
        }
        if (username != null) {
            params.put("username", masked ? "xxxxxx" : raw("--username", username));
            params.put("password", masked ? "xxxxxx" : raw("--password", password == null ? "" : password));
        }
        if (https) {
            params.put("https", "true");
        }
        if (trustAll) {
            params.put("trustAllCertificates", "true");
        }
        StringBuilder uri = new StringBuilder("axis-mjpeg:").append(hostAndPort);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            uri.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = '&';
        }
        return uri.toString();
    }

    /**
     * The value as Camel's raw URI value: {@code RAW(...)}, which ends at a ')' followed by '&' or the end of the URI,
     * or {@code RAW{...}} for a value holding such a ')' (a password "p4ss)&w0rd" in RAW(...) would be read as "p4ss").
     */
    static String raw(String name, String value) {
        if (!value.contains(")&")) {
            return "RAW(" + value + ")";
        }
        if (!value.contains("}&")) {
            return "RAW{" + value + "}";
        }
        throw new IllegalArgumentException(name + " holds both ')&' and '}&', which no Camel URI can carry:"
                                           + " set it as camel.component.axis-mjpeg.* with --properties");
    }

    public boolean simulated() {
        return host == null;
    }
}
