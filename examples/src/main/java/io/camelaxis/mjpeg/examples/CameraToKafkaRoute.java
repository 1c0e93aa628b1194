package io.camelaxis.mjpeg.examples;

import java.time.Duration;

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
 *
 * <p>
 * When the broker is down: each frame is sent on its own and the route waits for the broker's acknowledgement
 * ({@code acks=all}, idempotent producer, so the producer's retries never write a frame twice). The producer keeps
 * retrying one frame for at most {@code deliveryTimeout}; a frame still unacknowledged then is dropped, counted in
 * {@link #undeliveredFrames()} and logged ("dropped frame N of camera X: Kafka did not take it ..."). Meanwhile the
 * camera keeps being read into a bounded queue ({@link SinkBackpressure}): the camera connection stays up, the queue
 * keeps the newest frames, and the frames it had to give up are counted in the consumer's {@code DroppedFrames}. When
 * the broker is back, the frame in flight and the queued frames are delivered late, in order.
 */
public class CameraToKafkaRoute extends RouteBuilder {

    /** 10 MiB: room for 4K frames at high quality. */
    public static final int MAX_FRAME_MESSAGE_BYTES = 10 * 1024 * 1024;

    /** How long the producer may try to deliver one frame before it is counted as dropped. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static final int LINGER_MS = 5;

    private final String cameraUri;
    private final String brokers;
    private final String topic;
    private final Duration deliveryTimeout;
    private final UndeliveredFrames undelivered = new UndeliveredFrames("Kafka");

    public CameraToKafkaRoute(String cameraUri, String brokers, String topic) {
        this(cameraUri, brokers, topic, DEFAULT_DELIVERY_TIMEOUT);
    }

    /**
     * @param deliveryTimeout how long the producer may try to deliver one frame (Kafka's {@code delivery.timeout.ms});
     *                        also bounds how long sending may block for metadata or buffer space
     *                        ({@code max.block.ms})
     */
    public CameraToKafkaRoute(String cameraUri, String brokers, String topic, Duration deliveryTimeout) {
        if (deliveryTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 1 s, was " + deliveryTimeout);
        }
        this.cameraUri = cameraUri;
        this.brokers = brokers;
        this.topic = topic;
        this.deliveryTimeout = deliveryTimeout;
    }

    /** Frames the broker did not acknowledge within the delivery timeout: dropped, each one logged. */
    public UndeliveredFrames undeliveredFrames() {
        return undelivered;
    }

    @Override
    public void configure() {
        // no Camel redelivery: the Kafka producer retries by itself, for deliveryTimeout
        onException(Exception.class).handled(true).process(undelivered::record);

        long delivery = deliveryTimeout.toMillis();
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        long request = Math.min(30_000, delivery - LINGER_MS);
        from(SinkBackpressure.apply(cameraUri)).routeId(RouteIds.of("camera-to-kafka", cameraUri))
                .process(e -> KafkaFrameHeaders.toKafka(e.getIn()))
                .to("kafka:" + topic + "?brokers=" + brokers
                    + "&maxRequestSize=" + MAX_FRAME_MESSAGE_BYTES
                    + "&compressionCodec=none&lingerMs=" + LINGER_MS
                    + "&requestRequiredAcks=all&enableIdempotence=true"
                    + "&deliveryTimeoutMs=" + delivery + "&requestTimeoutMs=" + request + "&maxBlockMs=" + delivery
                    + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                    + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }
}
