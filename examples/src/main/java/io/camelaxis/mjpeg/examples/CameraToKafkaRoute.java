package io.camelaxis.mjpeg.examples;

import org.apache.camel.builder.RouteBuilder;

/**
 * Camera to Kafka: one record per frame, key = camera id, value = the JPEG bytes, frame headers as record headers
 * ({@link KafkaFrameHeaders}).
 *
 * <p>
 * Frames are large for Kafka (a 1080p JPEG is 200-600 KB, 4K up to a few MB), so three limits must agree: the
 * producer's {@code max.request.size} (set here to {@link #MAX_FRAME_MESSAGE_BYTES}), the topic's
 * {@code max.message.bytes} (or the broker's {@code message.max.bytes}) and the consumer's
 * {@code max.partition.fetch.bytes}. JPEG is already compressed: producer compression only costs CPU.
 */
public class CameraToKafkaRoute extends RouteBuilder {

    /** 10 MiB: room for 4K frames at high quality. */
    public static final int MAX_FRAME_MESSAGE_BYTES = 10 * 1024 * 1024;

    private final String cameraUri;
    private final String brokers;
    private final String topic;

    public CameraToKafkaRoute(String cameraUri, String brokers, String topic) {
        this.cameraUri = cameraUri;
        this.brokers = brokers;
        this.topic = topic;
    }

    @Override
    public void configure() {
        from(cameraUri).routeId(RouteIds.of("camera-to-kafka", cameraUri))
                .process(e -> KafkaFrameHeaders.toKafka(e.getIn()))
                .to("kafka:" + topic + "?brokers=" + brokers
                    + "&maxRequestSize=" + MAX_FRAME_MESSAGE_BYTES
                    + "&compressionCodec=none&lingerMs=5&requestRequiredAcks=all"
                    + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                    + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }
}
