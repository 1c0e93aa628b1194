package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        for (List<CameraAddress> group : CameraAssignment.spread(config.cameras(), maxTasks)) {
            // the connector's own values, unchanged: Connect puts ${provider:...} references back before storing
            Map<String, String> task = new HashMap<>(props);
            task.put(AxisMjpegConnectorConfig.TASK_CAMERAS,
                    String.join(",", group.stream().map(CameraAddress::id).toList()));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
        LOG.info("Connector stopped");
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
            ConfigValue unknown = new ConfigValue(key, connectorConfigs.get(key), List.of(), new ArrayList<>());
            unknown.addErrorMessage(key + " is not an option: camera options are " + AxisMjpegConnectorConfig
                    .DEFAULTS_PREFIX + "<option> and " + AxisMjpegConnectorConfig.CAMERA_PREFIX
                    + "<id>.<option> for a listed camera id (see the connector's documentation)");
            values.put(key, unknown);
        }
        if (wellFormed) {
            try {
                AxisMjpegConnectorConfig parsed = new AxisMjpegConnectorConfig(connectorConfigs);
                CameraSettingsCheck.check(parsed).forEach((key, message) -> values.computeIfAbsent(key,
                        k -> new ConfigValue(k, connectorConfigs.get(k), List.of(), new ArrayList<>()))
                        .addErrorMessage(message));
            } catch (ConfigException e) {
                String key = e.getMessage() != null && e.getMessage().contains(AxisMjpegConnectorConfig.TOPIC)
                        ? AxisMjpegConnectorConfig.TOPIC : AxisMjpegConnectorConfig.CAMERAS;
                values.get(key).addErrorMessage(e.getMessage());
            }
        }
        return new Config(new ArrayList<>(values.values()));
    }
}
