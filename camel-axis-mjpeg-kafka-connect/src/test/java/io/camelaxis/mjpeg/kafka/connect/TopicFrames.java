package io.camelaxis.mjpeg.kafka.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** Everything on the frames topic so far, per camera, in partition order, read by a real consumer. */
final class TopicFrames implements AutoCloseable {

    /** One record as a consumer sees it: the key, the JPEG, the record timestamp and the text headers. */
    record Frame(String camera, byte[] jpeg, long timestamp, Map<String, String> headers, long readAt, int partition,
                 long offset) {

        long number(String header) {
            return Long.parseLong(headers.get(header));
        }

        long frameNumber() {
            return number(FrameRecords.FRAME_NUMBER);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> lastOffsets = new HashMap<>();
    private final Map<String, List<Frame>> byCamera = new ConcurrentHashMap<>();

    TopicFrames(EmbeddedKafkaCluster kafka, String topic, int partitions) {
        consumer = kafka.createConsumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Reads what has arrived (one short poll). */
    synchronized TopicFrames read() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            Long previous = lastOffsets.put(r.partition(), r.offset());
            if (previous != null && previous + 1 != r.offset()) {
                // records gone before they were read (retention?) would make every later assertion meaningless
                throw new IllegalStateException("offsets " + previous + " -> " + r.offset() + " in partition "
                                                + r.partition() + ": records were lost to this reader");
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            String camera = new String(r.key(), StandardCharsets.UTF_8);
            byCamera.computeIfAbsent(camera, c -> new ArrayList<>())
                    .add(new Frame(camera, r.value(), r.timestamp(), headers, System.currentTimeMillis(),
                            r.partition(), r.offset()));
        }
        return this;
    }

    /** Reads until everything that was on the topic when called has been read. */
    synchronized TopicFrames catchUp(EmbeddedKafkaCluster kafka) throws Exception {
        Map<Integer, Long> ends = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            ends.put(partition.partition(), kafka.endOffset(partition));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (ends.entrySet().stream().anyMatch(e -> lastOffsets.getOrDefault(e.getKey(), -1L) + 1 < e.getValue())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("could not read up to " + ends + " in 30 s, at " + lastOffsets);
            }
            read();
        }
        return this;
    }

    synchronized List<Frame> of(String camera) {
        return List.copyOf(byCamera.getOrDefault(camera, List.of()));
    }

    int count(String camera) {
        return of(camera).size();
    }

    long lastFrameNumber(String camera) {
        List<Frame> frames = of(camera);
        return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).frameNumber();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
