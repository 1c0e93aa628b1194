package io.camelaxis.mjpeg.examples;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UndeliveredFramesTest {

    @Test
    void everyDropIsCountedAndABatchCountsItsFrames() {
        UndeliveredFrames dropped = new UndeliveredFrames("S3");
        CamelContext context = new DefaultCamelContext();
        Exchange frame = new DefaultExchange(context);
        frame.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("down"));
        Exchange batch = new DefaultExchange(context);
        batch.getIn().setHeader("frames", 25);
        dropped.record(frame);
        dropped.record(frame);
        dropped.record(batch, "10 batches already wait for S3");
        assertThat(dropped.count()).isEqualTo(27);
    }

    @Test
    void theFirstDropIsLoggedAtOnceThenAtMostOneLineASecond() {
        UndeliveredFrames dropped = new UndeliveredFrames("Kafka");
        long now = System.currentTimeMillis();
        assertThat(dropped.warnDue(now)).isTrue();
        assertThat(dropped.warnDue(now + 1)).isFalse();
        assertThat(dropped.warnDue(now + 999)).isFalse();
        assertThat(dropped.warnDue(now + 1000)).isTrue();
        assertThat(dropped.warnDue(now + 1500)).isFalse();
    }
}
