package io.camelaxis.mjpeg.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SinkBackpressureTest {

    @Test
    void aCameraUriWithoutBackpressureGetsABoundedDropOldestQueue() {
        assertThat(SinkBackpressure.apply("axis-mjpeg:cam:80?fps=10"))
                .isEqualTo("axis-mjpeg:cam:80?fps=10&backpressure=dropOldest&queueSize=50");
        assertThat(SinkBackpressure.apply("axis-mjpeg:cam:80"))
                .isEqualTo("axis-mjpeg:cam:80?backpressure=dropOldest&queueSize=50");
    }

    @Test
    void theUriKeepsItsOwnChoice() {
        assertThat(SinkBackpressure.apply("axis-mjpeg:cam?backpressure=block"))
                .isEqualTo("axis-mjpeg:cam?backpressure=block");
        assertThat(SinkBackpressure.apply("axis-mjpeg:cam?queueSize=5"))
                .isEqualTo("axis-mjpeg:cam?queueSize=5&backpressure=dropOldest");
        // an option whose name merely ends the same way is not the consumer's
        assertThat(SinkBackpressure.apply("axis-mjpeg:cam?maxQueueSize=5"))
                .isEqualTo("axis-mjpeg:cam?maxQueueSize=5&backpressure=dropOldest&queueSize=50");
    }
}
