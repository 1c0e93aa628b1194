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
                throw new IllegalArgumentException(usage());
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + usage());
            }
            String value = rest.remove(0);
            switch (name) {
                case "--example" -> o.example = value;
                case "--host" -> o.host = value;
                case "--port" -> o.port = Integer.parseInt(value);
                case "--username" -> o.username = value;
                case "--password" -> o.password = value;
                case "--resolution" -> o.resolution = value;
                case "--fps" -> o.fps = Integer.parseInt(value);
                case "--out" -> o.output = value;
                case "--seconds" -> o.seconds = Integer.parseInt(value);
                case "--kafka" -> o.kafkaBrokers = value;
                case "--topic" -> o.kafkaTopic = value;
                case "--s3-endpoint" -> o.s3Endpoint = value;
                case "--bucket" -> o.s3Bucket = value;
                case "--camera-id" -> o.cameraId = value;
                case "--relay-port" -> o.relayPort = Integer.parseInt(value);
                case "--properties" -> o.properties = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        return o;
    }

    static String usage() {
        return """
                usage: ./run.sh [--example files|throttled|motion|yaml|kafka|analytics|s3|s3-batch|relay|connect] [--seconds N]
                                [--host CAMERA [--port N] [--username U --password P] [--https [--trust-all]]]
                                [--resolution WxH] [--fps N] [--out DIR] [--camera-id ID]
                                [--kafka HOST:PORT] [--topic T] [--s3-endpoint URL] [--bucket B] [--relay-port N]
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
            params.put("username", masked ? "xxxxxx" : "RAW(" + username + ")");
            params.put("password", masked ? "xxxxxx" : "RAW(" + (password == null ? "" : password) + ")");
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

    public boolean simulated() {
        return host == null;
    }
}
