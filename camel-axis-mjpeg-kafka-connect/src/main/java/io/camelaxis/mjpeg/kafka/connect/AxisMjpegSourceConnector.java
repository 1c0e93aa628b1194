package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect source connector for Axis cameras: spreads the configured cameras over up to {@code tasks.max}
 * tasks, each running the {@code axis-mjpeg} component's consumers for its cameras ({@link AxisMjpegSourceTask}).
 * A config update through the REST API (a camera added or removed) gives new task configurations, which Connect
 * applies by restarting the tasks.
 */
public class AxisMjpegSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegSourceConnector.class);

    private Map<String, String> props;
    private AxisMjpegConnectorConfig config;

    @Override
    public String version() {
        return Versions.connector();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            this.config = new AxisMjpegConnectorConfig(props);
            ConnectorLimits.require(config);
        } catch (ConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        }
        this.props = Map.copyOf(props);
        LOG.info("Connector started for {} camera(s): {}", config.cameras().size(), config.cameras());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AxisMjpegSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>();
        Set<String> allIds = new HashSet<>();
        config.cameras().forEach(c -> allIds.add(c.id()));
        for (List<CameraAddress> group : CameraAssignment.spread(config.cameras(), maxTasks)) {
            Set<String> ids = new LinkedHashSet<>();
            group.forEach(c -> ids.add(c.id()));
            // the connector's own values, unchanged (Connect puts ${provider:...} references back before storing),
            // but only this task's cameras and their keys: every task config is a record in Connect's config topic,
            // so the whole fleet in each would grow as cameras x tasks
            Map<String, String> task = new HashMap<>();
            props.forEach((key, value) -> {
                String id = cameraIdOfKey(key);
                if (id == null || !allIds.contains(id) || ids.contains(id)) {
                    task.put(key, value);
                }
            });
            task.put(AxisMjpegConnectorConfig.CAMERAS, String.join(",", group.stream().map(String::valueOf)
                    .toList()));
            task.put(AxisMjpegConnectorConfig.TASK_CAMERAS, String.join(",", ids));
            tasks.add(task);
        }
        return tasks;
    }

    /** The camera id of a {@code camera.<id>.<option>} key, else null. */
    private static String cameraIdOfKey(String key) {
        String prefix = AxisMjpegConnectorConfig.CAMERA_PREFIX;
        int dot = key.startsWith(prefix) ? key.indexOf('.', prefix.length()) : -1;
        return dot < 0 ? null : key.substring(prefix.length(), dot);
    }

    @Override
    public void stop() {
        LOG.info("Connector stopped");
    }

    /**
     * Checks offsets written through Connect's REST API ({@code PATCH /connectors/<name>/offsets}) before Connect
     * stores them: a partition is {@code {"camera": "<id>"}}, an offset {@code {"frame": <last frame number>}} (with
     * the optional {@code captureTime}), or null to reset the camera. A malformed offset would be read by the next
     * task as no offset at all: the camera's frame numbers would start again at 1, repeating numbers on the topic.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (partition == null || partition.size() != 1
                || !(partition.get(FrameRecords.PARTITION_CAMERA) instanceof String id)
                || !CameraAddress.ID.matcher(id).matches()) {
                throw new ConnectException("a source partition of this connector is {\"camera\": \"<camera id>\"},"
                        + " was " + partition);
            }
            Map<String, ?> offset = entry.getValue();
            if (offset == null) {
                continue; // a reset: the camera's frame numbers start again at 1
            }
            boolean wellFormed = FrameRecords.isUsableFrameNumber(offset.get(FrameRecords.OFFSET_FRAME))
                    && Set.of(FrameRecords.OFFSET_FRAME, FrameRecords.OFFSET_CAPTURE_TIME).containsAll(offset.keySet())
                    && (!offset.containsKey(FrameRecords.OFFSET_CAPTURE_TIME)
                        || isWholeNumberAtLeastZero(offset.get(FrameRecords.OFFSET_CAPTURE_TIME)));
            if (!wellFormed) {
                throw new ConnectException("camera " + id + ": an offset is {\"frame\": <the last frame number"
                        + " written, 0 to " + FrameRecords.MAX_FRAME_NUMBER + ">} with an optional \"captureTime\" (epoch ms), was " + offset);
            }
        }
        return true;
    }

    private static boolean isWholeNumberAtLeastZero(Object value) {
        return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0;
    }

    @Override
    public ConfigDef config() {
        return AxisMjpegConnectorConfig.baseConfigDef();
    }

    /**
     * Validates with the per-camera keys set for listed cameras (so their passwords are masked too), reports keys
     * that mean nothing, and, when every value is well formed, lets the component judge each camera's settings.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        ConfigDef def = AxisMjpegConnectorConfig.configDef(connectorConfigs);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : def.validate(connectorConfigs)) {
            values.put(value.name(), value);
        }
        // the component can judge the cameras once every defined value is well formed (unknown keys do not matter)
        boolean wellFormed = values.values().stream().allMatch(v -> v.errorMessages().isEmpty());
        for (String key : AxisMjpegConnectorConfig.unknownCameraKeys(connectorConfigs, def)) {
            // its value is not echoed: an unknown key may hold a password (camera.<unlisted id>.password, a typo)
            // that no definition marks secret, and the validate answer is shown in UIs and logs
            ConfigValue unknown = new ConfigValue(key, null, List.of(), new ArrayList<>());
            unknown.addErrorMessage(key + " is not an option: camera options are " + AxisMjpegConnectorConfig
                    .DEFAULTS_PREFIX + "<option> and " + AxisMjpegConnectorConfig.CAMERA_PREFIX
                    + "<id>.<option> for a listed camera id (see the connector's documentation)");
            values.put(key, unknown);
        }
        if (wellFormed) {
            try {
                AxisMjpegConnectorConfig parsed = new AxisMjpegConnectorConfig(connectorConfigs);
                Map<String, String> errors = new LinkedHashMap<>(CameraSettingsCheck.check(parsed));
                ConnectorLimits.check(parsed).forEach(errors::putIfAbsent);
                errors.forEach((key, message) -> values.computeIfAbsent(key,
                        k -> new ConfigValue(k, null, List.of(), new ArrayList<>())).addErrorMessage(message));
            } catch (ConfigException e) {
                String key = e.getMessage() != null && e.getMessage().contains(AxisMjpegConnectorConfig.TOPIC)
                        ? AxisMjpegConnectorConfig.TOPIC : AxisMjpegConnectorConfig.CAMERAS;
                values.get(key).addErrorMessage(e.getMessage());
            }
        }
        return new Config(new ArrayList<>(values.values()));
    }
}
