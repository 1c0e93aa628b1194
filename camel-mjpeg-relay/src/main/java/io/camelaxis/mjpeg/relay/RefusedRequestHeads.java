package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.ProtocolVersion;
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

    private static final Pattern AUTHORITY = Pattern.compile(
            "(?:\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9\\-._~%!$&'()*+,;=]{1,255})(?::(\\d{0,5}))?");

    private final Runnable countBadRequest;

    RefusedRequestHeads(Runnable countBadRequest) {
        this.countBadRequest = countBadRequest;
    }

    /** HttpCore's request head parsers, each counting the heads it refuses. */
    NHttpMessageParserFactory<HttpRequest> parsers(Http1Config http1) {
        DefaultHttpRequestParserFactory httpCore = new DefaultHttpRequestParserFactory(http1);
        return () -> new Counting(httpCore.create());
    }

    /**
     * Refuses (400, counted) an HTTP/1.1 request without a Host header, any request with two, and one whose Host is
     * no {@code host[:port]}: HttpCore answered the first two without counting them, and a port beyond 65535 failed
     * its own check with an exception that closed the connection without an answer.
     */
    HttpRequestInterceptor hosts() {
        return (request, entity, context) -> {
            Header[] hosts = request.getHeaders(HttpHeaders.HOST);
            ProtocolVersion version = request.getVersion() != null ? request.getVersion() : context.getProtocolVersion();
            if (hosts.length > 1) {
                throw refused("more than one Host header");
            }
            if (hosts.length == 0) {
                if (version != null && version.greaterEquals(HttpVersion.HTTP_1_1)) {
                    throw refused("no Host header");
                }
                return;
            }
            String host = hosts[0].getValue();
            if (!host.isEmpty() && !readableAuthority(host)) { // empty: a target without authority (RFC 9112 3.2)
                throw refused("a Host header that is no host[:port]");
            }
        };
    }

    private ProtocolException refused(String reason) {
        countBadRequest.run();
        return new ProtocolException(reason);
    }

    /** RFC 3986's host (a name, an IPv4 address or a bracketed IPv6 one), then an optional port up to 65535. */
    private static boolean readableAuthority(String host) {
        Matcher authority = AUTHORITY.matcher(host);
        return authority.matches() && (authority.group(1) == null || authority.group(1).isEmpty()
                                       || Integer.parseInt(authority.group(1)) <= 65535);
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
