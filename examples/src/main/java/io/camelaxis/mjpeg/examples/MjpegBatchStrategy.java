package io.camelaxis.mjpeg.examples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Aggregates frames into one {@code multipart/x-mixed-replace} body, laid out exactly as an Axis camera sends it
 * ({@code --myboundary}, Content-Type, Content-Length, JPEG). Such a batch object plays in VLC or ffmpeg
 * ({@code -f mpjpeg}) and parses back with this project's own parser. Header {@code frames} counts the frames.
 */
public class MjpegBatchStrategy implements AggregationStrategy {

    public static final String BOUNDARY = "myboundary";

    @Override
    public Exchange aggregate(Exchange batch, Exchange frame) {
        Exchange result = batch == null ? frame : batch;
        ByteArrayOutputStream out = batch == null
                ? new ByteArrayOutputStream()
                : batch.getProperty("mjpegBatch", ByteArrayOutputStream.class);
        byte[] jpeg = frame.getIn().getBody(byte[].class);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(jpeg);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        result.setProperty("mjpegBatch", out);
        result.getIn().setHeader("frames", result.getIn().getHeader("frames", 0, Integer.class) + 1);
        return result;
    }

    @Override
    public void onCompletion(Exchange batch) {
        batch.getIn().setBody(batch.getProperty("mjpegBatch", ByteArrayOutputStream.class).toByteArray());
        batch.removeProperty("mjpegBatch");
    }
}
