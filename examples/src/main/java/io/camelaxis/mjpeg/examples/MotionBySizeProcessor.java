package io.camelaxis.mjpeg.examples;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A cheap content-based signal without decoding: a JPEG's size follows the amount of detail in the picture, so a
 * jump against the running average suggests that something moved. Sets header {@code motion} (boolean) and
 * {@code sizeChangePercent}.
 */
public class MotionBySizeProcessor implements Processor {

    private final double thresholdPercent;
    private double averageSize;

    public MotionBySizeProcessor(double thresholdPercent) {
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    public synchronized void process(Exchange exchange) {
        int size = exchange.getIn().getHeader(AxisMjpegConstants.SIZE, Integer.class);
        double change = averageSize == 0 ? 0 : Math.abs(size - averageSize) * 100.0 / averageSize;
        averageSize = averageSize == 0 ? size : averageSize * 0.9 + size * 0.1;
        exchange.getIn().setHeader("sizeChangePercent", change);
        exchange.getIn().setHeader("motion", change >= thresholdPercent);
    }
}
