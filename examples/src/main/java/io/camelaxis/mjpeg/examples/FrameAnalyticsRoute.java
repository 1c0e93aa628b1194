package io.camelaxis.mjpeg.examples;

import org.apache.camel.builder.RouteBuilder;

/**
 * The other end of the Kafka feed: reads frames back and reports, per camera, the frame rate, missing frames and the
 * end-to-end latency from capture to analytics, every {@code reportIntervalMillis}.
 */
public class FrameAnalyticsRoute extends RouteBuilder {

    private final String brokers;
    private final String topic;
    private final long reportIntervalMillis;
    private final CameraFeedStats stats = new CameraFeedStats();

    public FrameAnalyticsRoute(String brokers, String topic, long reportIntervalMillis) {
        this.brokers = brokers;
        this.topic = topic;
        this.reportIntervalMillis = reportIntervalMillis;
    }

    public CameraFeedStats stats() {
        return stats;
    }

    @Override
    public void configure() {
        from("kafka:" + topic + "?brokers=" + brokers + "&groupId=frame-analytics&autoOffsetReset=earliest"
             + "&maxPartitionFetchBytes=" + CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES
             + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("frame-analytics")
                .process(e -> {
                    long capture = KafkaFrameHeaders.number(e.getIn(), KafkaFrameHeaders.CAMERA_TIMESTAMP);
                    if (capture < 0) {
                        capture = KafkaFrameHeaders.number(e.getIn(), KafkaFrameHeaders.RECEIVED_TIMESTAMP);
                    }
                    stats.record(KafkaFrameHeaders.text(e.getIn(), KafkaFrameHeaders.CAMERA_ID),
                            KafkaFrameHeaders.number(e.getIn(), KafkaFrameHeaders.FRAME_NUMBER), capture,
                            System.currentTimeMillis());
                });

        from("timer:analytics-report?period=" + reportIntervalMillis).routeId("frame-analytics-report")
                .process(e -> stats.reports().values().forEach(r -> log.info("{}", r)));
    }
}
