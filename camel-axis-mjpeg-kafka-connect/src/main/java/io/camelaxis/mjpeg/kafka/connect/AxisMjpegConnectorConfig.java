package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.camelaxis.mjpeg.Backpressure;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's configuration: the cameras, the topic, the task queue, and every {@code axis-mjpeg} option twice,
 * as a connector-wide default ({@code axis.<option>}) and per camera ({@code camera.<id>.<option>}, which wins).
 * The {@link ConfigDef} is built for the properties it reads: it defines the per-camera keys that are set, for listed
 * cameras, so that a per-camera password is a {@code PASSWORD} too (masked in logs and validation answers). Defining
 * every option for every camera instead would make a fleet of thousands of cameras a definition of hundreds of
 * thousands of keys, which Connect documents and sends back on every validation.
 */
final class AxisMjpegConnectorConfig extends AbstractConfig {

    static final String CAMERAS = "cameras";
    static final String TOPIC = "topic";
    static final String CAMERA_PLACEHOLDER = "${camera}";
    static final String TIMESTAMP_MAX_SKEW_MS = "record.timestamp.max.skew.ms";
    static final String RECORD_MAX_BYTES = "record.max.bytes";
    static final String PRODUCER_MAX_REQUEST_SIZE = "producer.override.max.request.size";
    /** Room left in a produce request for the key, the headers and the batch framing. */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;
    /**
     * Kafka's default for the producer's {@code max.request.size} and, within 12 bytes, for what a topic accepts
     * (the broker's {@code message.max.bytes}, which a topic's {@code max.message.bytes} defaults to).
     */
    private static final int KAFKA_DEFAULT_MESSAGE_BYTES = 1024 * 1024;
    static final String QUEUE_CAPACITY = "queue.capacity";
    static final String QUEUE_MAX_BYTES = "queue.max.bytes";
    static final String QUEUE_BACKPRESSURE = "queue.backpressure";
    static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    static final String WAITING_FOR_KAFKA_MS = "waiting.for.kafka.ms";
    static final long WAITING_FOR_KAFKA_MS_DEFAULT = 10_000;
    static final String DEFAULTS_PREFIX = "axis.";
    static final String CAMERA_PREFIX = "camera.";
    /** Set by the connector on each task's configuration: the ids of the cameras that task runs. */
    static final String TASK_CAMERAS = "task.cameras";

    private static final String GROUP_CAMERAS = "Cameras";
    private static final String GROUP_KAFKA = "Kafka records";
    private static final String GROUP_QUEUE = "Task queue";
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final List<CameraAddress> cameras;

    AxisMjpegConnectorConfig(Map<String, String> props) {
        super(configDef(props), props, false);
        this.cameras = parseCameras(getList(CAMERAS));
        for (CameraAddress camera : cameras) {
            String topic = topicFor(camera.id());
            if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new ConfigException(TOPIC, getString(TOPIC), "gives the topic name '" + topic + "' for camera "
                        + camera.id() + ", which Kafka does not allow (letters, digits, '.', '_', '-')");
            }
        }
    }

    // ------------------------------------------------------------------ the ConfigDef

    /** The definition with the per-camera keys set in these properties, for cameras in their list. */
    static ConfigDef configDef(Map<String, String> props) {
        ConfigDef def = baseConfigDef();
        Set<String> ids = cameraIdsIn(props);
        Map<String, CameraOption> options = new LinkedHashMap<>();
        CameraOptionCatalog.options().forEach(o -> options.put(o.name(), o));
        for (String key : props.keySet()) {
            if (!key.startsWith(CAMERA_PREFIX)) {
                continue;
            }
            int dot = key.indexOf('.', CAMERA_PREFIX.length());
            String id = dot < 0 ? "" : key.substring(CAMERA_PREFIX.length(), dot);
            CameraOption option = dot < 0 ? null : options.get(key.substring(dot + 1));
            if (option != null && ids.contains(id)) {
                defineCameraOption(def, key, option, "Camera " + id,
                        CameraOptionCatalog.options().indexOf(option) + 1, "For camera " + id + " only (overrides "
                        + DEFAULTS_PREFIX + "<option>): ");
            }
        }
        return def;
    }

    /** The definition without per-camera keys, as {@code Connector.config()} returns it. */
    static ConfigDef baseConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CAMERAS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new CamerasValidator(), Importance.HIGH,
                "The cameras, comma separated, each as id=host, id=host:port or id=[ipv6]:port, for example"
                + " gate=192.168.0.90,dock=192.168.0.91:8080. The id (letters, digits, _ and -) is the record key"
                + " and the source partition; it names the per-camera keys camera.<id>.<option>.",
                GROUP_CAMERAS, ++order, Width.LONG, "Cameras");

        order = 0;
        def.define(TOPIC, Type.STRING, "camera-frames", ConfigDef.CompositeValidator.of(
                        new ConfigDef.NonEmptyString(), topicValidator()), Importance.HIGH,
                "The topic of the frames: one name for all cameras, or a pattern with " + CAMERA_PLACEHOLDER
                + " replaced by the camera id (for example frames-" + CAMERA_PLACEHOLDER + ").",
                GROUP_KAFKA, ++order, Width.MEDIUM, "Topic");
        def.define(TIMESTAMP_MAX_SKEW_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                "The record timestamp is the camera's capture time, unless it is further than this from the arrival"
                + " time (a camera clock that is wrong): then the arrival time is used (counted in the metric"
                + " timestamps-replaced; the header camera.timestamp keeps the camera's value). A clock years behind"
                + " would make time-based retention delete the frames at once, one ahead of the broker's"
                + " message.timestamp.after.max.ms (1 hour) would make Kafka refuse them and fail the task. -1 trusts"
                + " the camera's clock however far behind; a capture time more than an hour ahead is always replaced.",
                GROUP_KAFKA, ++order, Width.SHORT, "Max camera clock skew (ms)");
        def.define(RECORD_MAX_BYTES, Type.INT, null, nullOr(ConfigDef.Range.atLeast(1024)), Importance.MEDIUM,
                "Largest JPEG handed to Kafka; larger frames are dropped, counted (metric frames-too-large) and"
                + " logged, because one record over the producer's max.request.size or the topic's"
                + " max.message.bytes would fail the whole task and stop its other cameras. Default: the smaller of "
                + PRODUCER_MAX_REQUEST_SIZE + " and Kafka's default 1 MiB, minus " + RECORD_OVERHEAD_BYTES
                + " bytes for key and headers; the connector cannot see the topic's limit, so for larger frames raise"
                + " the topic's max.message.bytes and set this below it.", GROUP_KAFKA, ++order,
                Width.SHORT, "Max frame bytes");

        order = 0;
        def.define(QUEUE_CAPACITY, Type.INT, 100, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
                "Frames a task holds between its cameras and poll(), for all its cameras together.",
                GROUP_QUEUE, ++order, Width.SHORT, "Queue capacity (frames)");
        def.define(QUEUE_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.between(1024, Integer.MAX_VALUE),
                Importance.MEDIUM, "Bytes of JPEG a task holds between its cameras and poll(); one frame is always"
                + " accepted into an empty queue, however large. A task whose queue may take more than half of the"
                + " worker's heap does not start; tasks that together may take more start with a warning.",
                GROUP_QUEUE, ++order, Width.SHORT,
                "Queue bytes");
        def.define(QUEUE_BACKPRESSURE, Type.STRING, Backpressure.block.name(),
                ConfigDef.ValidString.in(names(Backpressure.values())), Importance.MEDIUM,
                "What a camera does when the task queue is full (Kafka slower than the cameras): block (the camera's"
                + " reading waits, TCP slows the camera; no frame is lost in the connector), dropOldest (the oldest"
                + " queued frame is dropped) or latestOnly (a camera keeps at most its newest frame queued). Drops"
                + " are counted per camera (metric frames-dropped).", GROUP_QUEUE, ++order, Width.SHORT,
                "Backpressure");
        def.define(POLL_TIMEOUT_MS, Type.LONG, 200L, ConfigDef.Range.between(1, 5000), Importance.LOW,
                "Longest time poll() waits for a first frame before it returns nothing to the worker.",
                GROUP_QUEUE, ++order, Width.SHORT, "Poll timeout (ms)");
        def.define(WAITING_FOR_KAFKA_MS, Type.LONG, WAITING_FOR_KAFKA_MS_DEFAULT,
                ConfigDef.Range.between(1000, 3_600_000), Importance.LOW,
                "How long Kafka may acknowledge none of a streaming camera's frames on their way (in the task queue or"
                + " sent) before the camera is reported WAITING_FOR_KAFKA (metric camera-state) and a warning is"
                + " logged: Kafka takes nothing from the task (a deleted topic, unreachable brokers). 1 s to 1 hour.",
                GROUP_QUEUE, ++order, Width.SHORT, "Waiting for Kafka after (ms)");
        def.defineInternal(TASK_CAMERAS, Type.LIST, "", Importance.LOW);

        order = 0;
        for (CameraOption option : CameraOptionCatalog.options()) {
            defineCameraOption(def, DEFAULTS_PREFIX + option.name(), option, "Camera defaults", ++order,
                    "Connector-wide default for every camera: ");
        }
        return def;
    }

    private static void defineCameraOption(ConfigDef def, String key, CameraOption option, String group, int order,
                                           String docPrefix) {
        ConfigDef.Validator validator = option.enumValues().isEmpty() ? null
                : ConfigDef.ValidString.in(option.enumValues().toArray(String[]::new));
        String doc = docPrefix + option.description()
                     + (option.componentDefault() == null ? "" : " Component default: "
                                                                 + option.componentDefault() + ".");
        // no default: an option nobody set is not sent, so the component's own default applies
        def.define(key, option.type(), null, nullOr(validator), option.advanced() ? Importance.LOW
                : Importance.MEDIUM, doc, group, order, Width.MEDIUM, option.name());
    }

    private static ConfigDef.Validator nullOr(ConfigDef.Validator validator) {
        if (validator == null) {
            return null;
        }
        return (name, value) -> {
            if (value != null) {
                validator.ensureValid(name, value);
            }
        };
    }

    private static ConfigDef.Validator topicValidator() {
        return (name, value) -> {
            String example = String.valueOf(value).replace(CAMERA_PLACEHOLDER, "id");
            if (!TOPIC_NAME.matcher(example).matches()) {
                throw new ConfigException(name, value, "a topic name is letters, digits, '.', '_' and '-' (with "
                        + CAMERA_PLACEHOLDER + " for the camera id)");
            }
        };
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }

    /** The ids in a raw {@code cameras} value, leniently (the validator reports malformed entries). */
    static Set<String> cameraIdsIn(Map<String, String> props) {
        Set<String> ids = new LinkedHashSet<>();
        String raw = props.get(CAMERAS);
        if (raw == null) {
            return ids;
        }
        for (String entry : raw.split(",")) {
            int equals = entry.indexOf('=');
            String id = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (CameraAddress.ID.matcher(id).matches()) {
                ids.add(id);
            }
        }
        return ids;
    }

    static List<CameraAddress> parseCameras(List<String> entries) {
        List<CameraAddress> cameras = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : entries) {
            CameraAddress camera;
            try {
                camera = CameraAddress.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(CAMERAS, entries, e.getMessage());
            }
            if (!ids.add(camera.id())) {
                throw new ConfigException(CAMERAS, entries, "camera id '" + camera.id() + "' is listed twice");
            }
            cameras.add(camera);
        }
        if (cameras.isEmpty()) {
            throw new ConfigException(CAMERAS, entries, "list at least one camera, as id=host[:port]");
        }
        return List.copyOf(cameras);
    }

    /** Checks every entry, so that a bad entry fails {@code validate()} on the {@code cameras} field. */
    private static final class CamerasValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            parseCameras(entries == null ? List.of() : entries);
        }

        @Override
        public String toString() {
            return "id=host[:port],...";
        }
    }

    // ------------------------------------------------------------------ reading it

    List<CameraAddress> cameras() {
        return cameras;
    }

    String topicFor(String cameraId) {
        return getString(TOPIC).replace(CAMERA_PLACEHOLDER, cameraId);
    }

    /** The ids given to this task by the connector. */
    List<String> taskCameraIds() {
        return getList(TASK_CAMERAS);
    }

    /**
     * The largest JPEG to hand to Kafka: the set value, else what both the producer's request size and Kafka's default
     * topic limit leave room for. A raised {@code producer.override.max.request.size} alone does not raise it: the
     * connector cannot see the topic's {@code max.message.bytes}, and a record the broker refuses fails the task with
     * all its cameras (Connect's default {@code errors.tolerance=none}), so larger frames are sent only when
     * {@code record.max.bytes} says the topic takes them.
     */
    int recordMaxBytes() {
        Integer set = getInt(RECORD_MAX_BYTES);
        if (set != null) {
            return set;
        }
        Integer override = producerMaxRequestSize();
        int requestSize = override == null ? KAFKA_DEFAULT_MESSAGE_BYTES
                : Math.min(override, KAFKA_DEFAULT_MESSAGE_BYTES);
        return Math.max(1024, requestSize - RECORD_OVERHEAD_BYTES);
    }

    /** The connector's {@code producer.override.max.request.size}, or null when it is not set or not a number. */
    Integer producerMaxRequestSize() {
        Object override = originals().get(PRODUCER_MAX_REQUEST_SIZE);
        if (override == null) {
            return null;
        }
        try {
            return Integer.parseInt(override.toString().trim());
        } catch (NumberFormatException e) {
            return null; // Connect itself rejects the producer override
        }
    }

    /** The key a camera's option value came from: the camera's own, or the connector-wide default. */
    String keyOf(String cameraId, String option) {
        String cameraKey = CAMERA_PREFIX + cameraId + "." + option;
        return originals().containsKey(cameraKey) ? cameraKey : DEFAULTS_PREFIX + option;
    }

    long timestampMaxSkewMillis() {
        return getLong(TIMESTAMP_MAX_SKEW_MS);
    }

    int queueCapacity() {
        return getInt(QUEUE_CAPACITY);
    }

    long queueMaxBytes() {
        return getLong(QUEUE_MAX_BYTES);
    }

    Backpressure queueBackpressure() {
        return Backpressure.valueOf(getString(QUEUE_BACKPRESSURE));
    }

    long pollTimeoutMillis() {
        return getLong(POLL_TIMEOUT_MS);
    }

    long waitingForKafkaMillis() {
        return getLong(WAITING_FOR_KAFKA_MS);
    }

    /**
     * The endpoint options of one camera, as text for the component: each option set per camera, else its
     * connector-wide default, else nothing (the component's default). Free VAPIX parameters
     * ({@code axis.vapix.<name>}, {@code camera.<id>.vapix.<name>}) are passed as {@code vapix.<name>}.
     */
    Map<String, Object> endpointParameters(String cameraId) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String cameraPrefix = CAMERA_PREFIX + cameraId + ".";
        for (CameraOption option : CameraOptionCatalog.options()) {
            String cameraKey = cameraPrefix + option.name();
            Object value = typeOf(cameraKey) == null ? null : get(cameraKey); // defined only when set
            if (value == null) {
                value = get(DEFAULTS_PREFIX + option.name());
            }
            if (value != null) {
                parameters.put(option.name(), CameraOption.endpointValue(value));
            }
        }
        String vapix = CameraOptionCatalog.VAPIX_PREFIX;
        originalsWithPrefix(DEFAULTS_PREFIX + vapix).forEach((k, v) -> parameters.put(vapix + k, String.valueOf(v)));
        originalsWithPrefix(cameraPrefix + vapix).forEach((k, v) -> parameters.put(vapix + k, String.valueOf(v)));
        return parameters;
    }

    /**
     * Keys under {@code axis.} or {@code camera.} that mean nothing: a typo, or a camera not in the list. Without
     * this check they would be ignored silently.
     */
    static List<String> unknownCameraKeys(Map<String, String> props, ConfigDef def) {
        Set<String> ids = cameraIdsIn(props);
        List<String> unknown = new ArrayList<>();
        for (String key : props.keySet()) {
            boolean ours = key.startsWith(DEFAULTS_PREFIX) || key.startsWith(CAMERA_PREFIX);
            if (ours && !def.configKeys().containsKey(key) && !isVapixKey(key, ids)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    private static boolean isVapixKey(String key, Set<String> cameraIds) {
        String rest;
        if (key.startsWith(DEFAULTS_PREFIX)) {
            rest = key.substring(DEFAULTS_PREFIX.length());
        } else {
            int dot = key.indexOf('.', CAMERA_PREFIX.length());
            if (dot < 0 || !cameraIds.contains(key.substring(CAMERA_PREFIX.length(), dot))) {
                return false;
            }
            rest = key.substring(dot + 1);
        }
        return rest.startsWith(CameraOptionCatalog.VAPIX_PREFIX)
               && rest.length() > CameraOptionCatalog.VAPIX_PREFIX.length();
    }
}
