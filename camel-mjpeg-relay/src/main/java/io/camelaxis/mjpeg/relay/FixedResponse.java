package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A complete response known in advance: a page, a snapshot, a status document, an error. It reports its output to the
 * connection, so a client that never takes the body is dropped after {@code writeTimeout}.
 */
final class FixedResponse extends ResponseOnlyHandler {

    private final int status;
    private final ContentType type;
    private final Map<String, String> headers;
    private final ByteBuffer body;
    private final TrackedConnection connection;

    FixedResponse(int status, ContentType type, byte[] body, Map<String, String> headers,
                  TrackedConnection connection) {
        this.status = status;
        this.type = type;
        this.headers = headers;
        this.body = ByteBuffer.wrap(body);
        this.connection = connection;
    }

    static FixedResponse text(int status, String text, TrackedConnection connection) {
        return text(status, text, Map.of(), connection);
    }

    static FixedResponse text(int status, String text, Map<String, String> headers, TrackedConnection connection) {
        return new FixedResponse(status, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8),
                (text + "\n").getBytes(StandardCharsets.UTF_8), headers, connection);
    }

    @Override
    public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel,
                              HttpContext context) throws HttpException, IOException {
        BasicHttpResponse response = new BasicHttpResponse(status);
        response.addHeader("Cache-Control", "no-cache, no-store");
        headers.forEach(response::addHeader);
        connection.outputWaiting();
        responseChannel.sendResponse(response, new BasicEntityDetails(body.remaining(), type), context);
    }

    @Override
    public int available() {
        return body.remaining();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        int written = channel.write(body);
        if (written > 0 || !body.hasRemaining()) {
            connection.outputProgress(body.hasRemaining());
        }
        if (!body.hasRemaining()) {
            channel.endStream();
        }
    }

    @Override
    public void failed(Exception cause) {
    }

    @Override
    public void releaseResources() {
    }
}
