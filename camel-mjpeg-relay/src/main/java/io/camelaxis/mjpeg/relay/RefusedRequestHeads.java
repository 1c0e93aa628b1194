package io.camelaxis.mjpeg.relay;

import java.io.IOException;

import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestParserFactory;
import org.apache.hc.core5.http.nio.NHttpMessageParser;
import org.apache.hc.core5.http.nio.NHttpMessageParserFactory;
import org.apache.hc.core5.http.nio.SessionInputBuffer;

/**
 * Counts the requests HttpCore refuses before the relay's routes ever see them, so that they show up among the bad
 * requests like those the routes refuse: a head that cannot be parsed or breaks a limit (an overlong line, too many
 * headers, a malformed request line; HttpCore answers 400 or 431 and closes), and a head whose body framing HttpCore
 * will not read (two different {@code Content-Length} values, a {@code Transfer-Encoding} other than chunked; HttpCore
 * closes the connection without an answer, as RFC 9112 allows for a message whose length cannot be known).
 * HttpCore's own parsing and framing rules are kept unchanged; this only watches them fail.
 */
final class RefusedRequestHeads {

    private final Runnable countBadRequest;

    RefusedRequestHeads(Runnable countBadRequest) {
        this.countBadRequest = countBadRequest;
    }

    /** HttpCore's request head parsers, each counting the heads it refuses. */
    NHttpMessageParserFactory<HttpRequest> parsers(Http1Config http1) {
        DefaultHttpRequestParserFactory httpCore = new DefaultHttpRequestParserFactory(http1);
        return () -> new Counting(httpCore.create());
    }

    /** HttpCore's framing of request bodies, counting the heads whose framing it refuses. */
    ContentLengthStrategy requestBodies() {
        return (HttpMessage message) -> {
            try {
                return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
            } catch (HttpException e) {
                countBadRequest.run();
                throw e;
            }
        };
    }

    private final class Counting implements NHttpMessageParser<HttpRequest> {

        private final NHttpMessageParser<HttpRequest> httpCore;

        Counting(NHttpMessageParser<HttpRequest> httpCore) {
            this.httpCore = httpCore;
        }

        @Override
        public void reset() {
            httpCore.reset();
        }

        @Override
        public HttpRequest parse(SessionInputBuffer buffer, boolean endOfStream) throws IOException, HttpException {
            try {
                return httpCore.parse(buffer, endOfStream);
            } catch (HttpException | MessageConstraintException e) {
                countBadRequest.run();
                throw e;
            }
        }
    }
}
