package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The configuration without a cluster: the ConfigDef, validate(), per-camera resolution and task spreading. */
class ConnectorConfigTest {

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("cameras", "gate=192.0.2.10,dock=192.0.2.11:8080");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config result = new AxisMjpegSourceConnector().validate(props);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : result.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void everyComponentOptionIsOfferedAsDefaultAndPerCameraExceptTheDocumentedOnes() {
        Set<String> expected = new HashSet<>(CameraOptionCatalog.allCatalogOptionNames());
        expected.removeAll(Set.of("host", "port"));
        expected.removeAll(CameraOptionCatalog.NOT_OFFERED);
        Set<String> offered = CameraOptionCatalog.options().stream().map(CameraOption::name)
                .collect(Collectors.toSet());
        assertThat(offered).isEqualTo(expected).contains("fps", "resolution", "transport", "authFailureDelay");

        Map<String, String> everyOption = props();
        offered.forEach(option -> everyOption.put("camera.gate." + option, "x"));
        ConfigDef def = AxisMjpegConnectorConfig.configDef(everyOption);
        for (String option : offered) {
            assertThat(def.configKeys()).containsKeys("axis." + option, "camera.gate." + option);
        }
        assertThat(def.configKeys().get("axis.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("camera.gate.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("axis.fps").type).isEqualTo(ConfigDef.Type.INT);
        assertThat(def.configKeys().get("axis.connectTimeout").type).isEqualTo(ConfigDef.Type.LONG);
        assertThat(def.configKeys().get("axis.https").type).isEqualTo(ConfigDef.Type.BOOLEAN);
        assertThat(def.configKeys().get("axis.fps").group).isEqualTo("Camera defaults");
        assertThat(def.configKeys().get("camera.gate.fps").group).isEqualTo("Camera gate");
        assertThat(def.configKeys().get("axis.fps").documentation).contains("frames per second");
    }

    @Test
    void aCamerasOwnValueWinsOverTheDefaultAndUnsetOptionsAreLeftToTheComponent() {
        AxisMjpegConnectorConfig config = new AxisMjpegConnectorConfig(props("axis.fps", "10", "camera.gate.fps", "5",
                "axis.vapix.color", "0", "camera.dock.vapix.textpos", "bottom", "axis.username", "root",
                "camera.dock.password", "s3cret", "axis.password", "default"));

        assertThat(config.endpointParameters("gate")).containsExactlyInAnyOrderEntriesOf(Map.of("fps", "5",
                "username", "root", "password", "default", "vapix.color", "0"));
        assertThat(config.endpointParameters("dock")).containsExactlyInAnyOrderEntriesOf(Map.of("fps", "10",
                "username", "root", "password", "s3cret", "vapix.color", "0", "vapix.textpos", "bottom"));
        assertThat(config.values().get("camera.dock.password")).isInstanceOf(Password.class)
                .hasToString("[hidden]");
    }

    @Test
    void badValuesFailValidateOnTheFieldThatHoldsThem() {
        assertThat(errors(props("cameras", "gate"))).containsOnlyKeys("cameras");
        assertThat(errors(props("cameras", "gate")).get("cameras").get(0)).contains("id=host");
        assertThat(errors(props("cameras", "gate=a,gate=b")).get("cameras")).singleElement().asString()
                .contains("listed twice");
        assertThat(errors(props("cameras", "gate=a:70000")).get("cameras")).singleElement().asString()
                .contains("port must be 1..65535");
        assertThat(errors(props("cameras", "ga.te=a")).get("cameras")).singleElement().asString()
                .contains("letters, digits");
        assertThat(errors(props("topic", "frames of ${camera}"))).containsOnlyKeys("topic");
        assertThat(errors(props("axis.fps", "ten"))).containsOnlyKeys("axis.fps");
        assertThat(errors(props("axis.backpressure", "sometimes"))).containsOnlyKeys("axis.backpressure");
        assertThat(errors(props("axis.resolution", "big")).get("axis.resolution"))
                .containsExactly("axis-mjpeg: resolution must look like 640x480, was 'big'");
        assertThat(errors(props("camera.gate.rotation", "45"))).containsOnlyKeys("camera.gate.rotation");
        assertThat(errors(props("camera.nobody.fps", "5")).get("camera.nobody.fps")).singleElement().asString()
                .startsWith("camera.nobody.fps is not an option");
        assertThat(errors(props("camera.gate.password", "p"))).containsExactly(Map.entry("camera.gate.password",
                List.of("axis-mjpeg: a password was given without a username")));
        assertThat(errors(props("queue.capacity", "0"))).containsOnlyKeys("queue.capacity");
        assertThat(errors(props("axis.maxQueuedBytes", "0")).get("axis.maxQueuedBytes"))
                .containsExactly("axis-mjpeg: maxQueuedBytes must be at least 1024 bytes, was 0");
        assertThat(errors(props("axis.fps", "10", "camera.dock.vapix.color", "0", "topic", "frames-${camera}")))
                .isEmpty();
    }

    @Test
    void howLongAFrameWaitsForKafkaBeforeItsCameraIsReportedIsBetweenASecondAndAnHour() {
        assertThat(new AxisMjpegConnectorConfig(props()).waitingForKafkaMillis()).isEqualTo(10_000);
        assertThat(new AxisMjpegConnectorConfig(props("waiting.for.kafka.ms", "2000")).waitingForKafkaMillis())
                .isEqualTo(2000);
        assertThat(errors(props("waiting.for.kafka.ms", "0")).get("waiting.for.kafka.ms")).singleElement()
                .asString().contains("Value must be at least 1000");
        assertThat(errors(props("waiting.for.kafka.ms", "-1"))).containsOnlyKeys("waiting.for.kafka.ms");
        assertThat(errors(props("waiting.for.kafka.ms", "999"))).containsOnlyKeys("waiting.for.kafka.ms");
        assertThat(errors(props("waiting.for.kafka.ms", "3600001")).get("waiting.for.kafka.ms")).singleElement()
                .asString().contains("Value must be no more than 3600000");
        assertThat(errors(props("waiting.for.kafka.ms", "ten seconds"))).containsOnlyKeys("waiting.for.kafka.ms");
        assertThat(errors(props("waiting.for.kafka.ms", "3600000"))).isEmpty();
        assertThatThrownBy(() -> new AxisMjpegConnectorConfig(props("waiting.for.kafka.ms", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("waiting.for.kafka.ms");
    }

    @Test
    void aFleetOfTenThousandCamerasIsValidatedWithTheKeysItSetsNotThirtyFourPerCamera() {
        StringJoiner cameras = new StringJoiner(",");
        for (int i = 0; i < 10_000; i++) {
            cameras.add("cam" + i + "=10.1." + i / 250 + "." + (i % 250 + 1));
        }
        Map<String, String> props = props("cameras", cameras.toString(), "axis.fps", "10", "camera.cam9999.fps",
                "5", "camera.cam17.password", "s3cret", "camera.cam17.username", "root");

        // the answer Connect builds (and sends for a validate request) holds a definition with its documentation for
        // every value: one per camera option and camera was 340,000 values and 74 million characters here, more
        // than a worker's REST timeout to build
        Config result = new AxisMjpegSourceConnector().validate(props);

        assertThat(result.configValues()).hasSize(AxisMjpegConnectorConfig.baseConfigDef().configKeys().size() + 3);
        assertThat(result.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
        AxisMjpegConnectorConfig config = new AxisMjpegConnectorConfig(props);
        assertThat(config.endpointParameters("cam9999")).containsExactlyInAnyOrderEntriesOf(Map.of("fps", "5"));
        assertThat(config.endpointParameters("cam17")).containsExactlyInAnyOrderEntriesOf(Map.of("fps", "10",
                "username", "root", "password", "s3cret"));
        assertThat(config.values().get("camera.cam17.password")).isInstanceOf(Password.class);
    }

    @Test
    void framesAreKeptUnderWhatTheProducerAndADefaultTopicAcceptUnlessTheLimitIsSet() {
        assertThat(new AxisMjpegConnectorConfig(props()).recordMaxBytes()).isEqualTo(1024 * 1024 - 64 * 1024);
        assertThat(new AxisMjpegConnectorConfig(props("producer.override.max.request.size", "524288"))
                .recordMaxBytes()).isEqualTo(524288 - 64 * 1024);
        // the topic's max.message.bytes, which the connector cannot see, may still be Kafka's default 1 MiB
        assertThat(new AxisMjpegConnectorConfig(props("producer.override.max.request.size", "10485760"))
                .recordMaxBytes()).isEqualTo(1024 * 1024 - 64 * 1024);
        assertThat(new AxisMjpegConnectorConfig(props("producer.override.max.request.size", "10485760",
                "record.max.bytes", "10420224")).recordMaxBytes()).isEqualTo(10420224);
        assertThat(new AxisMjpegConnectorConfig(props("record.max.bytes", "2000000")).recordMaxBytes())
                .isEqualTo(2000000);
        assertThat(errors(props("record.max.bytes", "10"))).containsOnlyKeys("record.max.bytes");
    }

    @Test
    void aRecordLimitTheProducerCannotSendIsRefused() {
        assertThat(errors(props("producer.override.max.request.size", "1048576", "record.max.bytes", "2000000"))
                .get("record.max.bytes")).singleElement().asString().contains("is 2000000 bytes, but"
                + " producer.override.max.request.size is 1048576").contains("fail the task");
        assertThat(errors(props("producer.override.max.request.size", "1048576", "record.max.bytes",
                String.valueOf(1048576 - 65536)))).isEmpty();
        // without the override the worker's producer settings decide, which the connector cannot see
        assertThat(errors(props("record.max.bytes", "2000000"))).isEmpty();
        AxisMjpegSourceConnector connector = new AxisMjpegSourceConnector();
        assertThatThrownBy(() -> connector.start(props("producer.override.max.request.size", "1048576",
                "record.max.bytes", "2000000"))).hasMessageContaining("record.max.bytes: is 2000000 bytes");
    }

    @Test
    void aFiniteStreamIsRefusedOnTheKeyThatAsksForIt() {
        assertThat(errors(props("axis.nbrOfFrames", "100")).get("axis.nbrOfFrames")).singleElement().asString()
                .contains("a connector streams without end; nbrOfFrames=100");
        assertThat(errors(props("camera.dock.duration", "60"))).containsOnlyKeys("camera.dock.duration");
        assertThat(errors(props("camera.gate.vapix.NbrOfFrames", "5")).get("camera.gate.vapix.NbrOfFrames"))
                .singleElement().asString().contains("reconnected in a loop");
        assertThat(errors(props("axis.vapix.duration", "10"))).containsOnlyKeys("axis.vapix.duration");
        assertThat(errors(props("axis.nbrOfFrames", "0", "axis.duration", "0", "axis.vapix.duration", "0")))
                .isEmpty();
        assertThatThrownBy(() -> new AxisMjpegSourceConnector().start(props("axis.duration", "60")))
                .hasMessageContaining("axis.duration: camera gate: a connector streams without end");
    }

    @Test
    void theValueOfAKeyThatIsNotAnOptionIsNotEchoedItMayBeAPassword() {
        Config result = new AxisMjpegSourceConnector().validate(props("camera.gaet.password", "s3cret",
                "axis.pasword", "s3cret"));
        List<ConfigValue> unknown = result.configValues().stream()
                .filter(v -> v.name().equals("camera.gaet.password") || v.name().equals("axis.pasword")).toList();
        assertThat(unknown).hasSize(2).allSatisfy(v -> {
            assertThat(v.value()).isNull();
            assertThat(v.errorMessages()).singleElement().asString().contains("is not an option")
                    .doesNotContain("s3cret");
        });
        assertThat(result.configValues()).allSatisfy(v -> assertThat(String.valueOf(v.value()))
                .doesNotContain("s3cret"));
    }

    @Test
    void theConnectorRefusesToStartOnAConfigurationThatDoesNotParse() {
        assertThatThrownBy(() -> new AxisMjpegConnectorConfig(props("cameras", "")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void camerasAreSpreadEvenlyAndEachTaskGetsTheConnectorsOwnValues() {
        AxisMjpegSourceConnector connector = new AxisMjpegSourceConnector();
        connector.start(props("cameras", "a=h1,b=h2,c=h3,d=h4,e=h5,f=h6,g=h7", "axis.password",
                "${file:/etc/cameras.properties:password}", "axis.username", "root", "camera.a.fps", "15",
                "camera.b.fps", "5"));

        List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks).extracting(t -> t.get("task.cameras")).containsExactly("a,d,g", "b,e", "c,f");
        // only its own cameras: each task config is a record in Connect's config topic
        assertThat(tasks).extracting(t -> t.get("cameras")).containsExactly("a=h1,d=h4,g=h7", "b=h2,e=h5",
                "c=h3,f=h6");
        assertThat(tasks.get(1)).containsEntry("camera.b.fps", "5").doesNotContainKey("camera.a.fps");
        assertThat(tasks.get(0)).containsEntry("camera.a.fps", "15").doesNotContainKey("camera.b.fps");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("axis.password",
                "${file:/etc/cameras.properties:password}"));
        assertThat(connector.taskConfigs(10)).hasSize(7);
        assertThat(connector.taskConfigs(1)).extracting(t -> t.get("task.cameras"))
                .containsExactly("a,b,c,d,e,f,g");
    }

    @Test
    void offsetsAlteredThroughTheRestApiMustHoldAFrameNumber() {
        AxisMjpegSourceConnector connector = new AxisMjpegSourceConnector();
        Map<String, String> config = props();
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("camera", "gate"), Map.of("frame", 41));
        offsets.put(Map.of("camera", "dock"), Map.of("frame", 7L, "captureTime", 1_800_000_000_000L));
        offsets.put(Map.of("camera", "yard"), null); // a reset
        assertThat(connector.alterOffsets(config, offsets)).isTrue();

        // each of these was stored, then read by the next task as no offset: frame numbers restarted at 1
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("camera", "gate"),
                Map.of("frame", "41")))).hasMessage("camera gate: an offset is {\"frame\": <the last frame number"
                + " written, 0 to 9007199254740991>} with an optional \"captureTime\" (epoch ms), was {frame=41}");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("camera", "gate"),
                Map.of("frame", -1)))).hasMessageStartingWith("camera gate: an offset is");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("camera", "gate"),
                Map.of("frames", 41)))).hasMessageStartingWith("camera gate: an offset is");
        // beyond 2^53 - 1 the REST API's readers lose digits, and at Long.MAX_VALUE the next number is negative
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("camera", "gate"),
                Map.of("frame", Long.MAX_VALUE)))).hasMessageStartingWith("camera gate: an offset is");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("camera", "gate"),
                Map.of("frame", 1L << 53)))).hasMessageStartingWith("camera gate: an offset is");
        assertThat(connector.alterOffsets(config, Map.of(Map.of("camera", "gate"), Map.of("frame", (1L << 53) - 1))))
                .isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("cam", "gate"),
                Map.of("frame", 41)))).hasMessage("a source partition of this connector is {\"camera\":"
                + " \"<camera id>\"}, was {cam=gate}");
    }

    @Test
    void aCameraClockFarFromTheArrivalTimeIsNotUsedAsTheRecordTimestamp() {
        CameraStatus status = new CameraStatus("gate", 10_000);
        FrameRecords records = new FrameRecords("gate", "frames", 0, 60_000, status);
        long now = 1_800_000_000_000L;

        assertThat(records.recordTimestamp(now - 500, now)).isEqualTo(now - 500);
        assertThat(records.recordTimestamp(null, now)).isEqualTo(now);
        assertThat(records.recordTimestamp(1374676485670L, now)).isEqualTo(now); // a 2013 clock
        assertThat(records.recordTimestamp(now + 3_600_000, now)).isEqualTo(now); // an hour ahead
        assertThat(status.timestampsReplaced()).isEqualTo(2);
        assertThat(new FrameRecords("gate", "frames", 0, -1, status).recordTimestamp(1374676485670L, now))
                .isEqualTo(1374676485670L);
        // ahead by more than the brokers accept: never handed to Kafka, whatever the setting
        assertThat(new FrameRecords("gate", "frames", 0, -1, status).recordTimestamp(4294967295990L, now))
                .isEqualTo(now);
        assertThat(new FrameRecords("gate", "frames", 0, 86_400_000, status).recordTimestamp(now + 3_600_001, now))
                .isEqualTo(now);
        assertThat(new FrameRecords("gate", "frames", 0, 86_400_000, status).recordTimestamp(now + 3_600_000, now))
                .isEqualTo(now + 3_600_000);
        assertThat(status.timestampsReplaced()).isEqualTo(4);
    }

    /**
     * docs/kafka-connect.md's key table: every key of the connector's own, each with the default the ConfigDef has
     * (the axis.* keys are the component's options, documented in its reference).
     */
    @Test
    void theKeyTableOfTheDocsHasEveryKeyWithItsDefault() throws Exception {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/kafka-connect.md"));
        ConfigDef def = AxisMjpegConnectorConfig.baseConfigDef();
        List<String> keys = def.configKeys().values().stream()
                .filter(key -> !key.internalConfig && !key.name.equals(AxisMjpegConnectorConfig.TASK_CAMERAS))
                .filter(key -> !key.name.startsWith(AxisMjpegConnectorConfig.DEFAULTS_PREFIX)) // the component's
                .map(key -> key.name).toList();
        assertThat(keys).contains("cameras", "topic", "queue.capacity", "waiting.for.kafka.ms");
        for (String name : keys) {
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            String row = "| `" + name + "` | ";
            assertThat(docs).as("docs/kafka-connect.md has a row for %s", name).contains(row);
            if (key.hasDefault() && key.defaultValue != null) {
                assertThat(docs).as("docs/kafka-connect.md gives the default of %s", name)
                        .contains(row + "`" + key.defaultValue + "` |");
            }
        }
    }
}
