package io.camelaxis.mjpeg.parser;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Records what a parser emitted and discarded. */
class CollectingHandler implements FrameHandler {

    final List<byte[]> frames = new ArrayList<>();
    final Map<DiscardReason, Integer> discards = new EnumMap<>(DiscardReason.class);
    long skippedBytes;

    @Override
    public void onFrame(byte[] jpeg) {
        frames.add(jpeg);
    }

    @Override
    public void onDiscard(DiscardReason reason, long bytes) {
        discards.merge(reason, 1, Integer::sum);
    }

    @Override
    public void onSkipped(long bytes) {
        skippedBytes += bytes;
    }

    int discarded(DiscardReason reason) {
        return discards.getOrDefault(reason, 0);
    }

    int corrupt() {
        return discards.entrySet().stream().filter(e -> e.getKey().isCorrupt()).mapToInt(Map.Entry::getValue).sum();
    }

    /** Parses {@code stream} fed in chunks of {@code chunk} bytes, then ends it. */
    static CollectingHandler parse(String boundary, byte[] stream, int chunk, JpegValidation validation,
                                   int maxFrameSize) {
        CollectingHandler handler = new CollectingHandler();
        MultipartFrameParser parser = new MultipartFrameParser(boundary, maxFrameSize, validation, handler);
        for (int i = 0; i < stream.length; i += chunk) {
            parser.feed(stream, i, Math.min(chunk, stream.length - i));
        }
        parser.endOfStream();
        return handler;
    }

    static CollectingHandler parse(String boundary, byte[] stream, int chunk) {
        return parse(boundary, stream, chunk, JpegValidation.markers, MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE);
    }
}
