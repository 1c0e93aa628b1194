package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;

/** A server exchange whose request has no body worth reading: only the response side is left to write. */
abstract class ResponseOnlyHandler implements AsyncServerExchangeHandler {

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) {
        // GET requests carry no body; anything sent is ignored
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
    }
}
