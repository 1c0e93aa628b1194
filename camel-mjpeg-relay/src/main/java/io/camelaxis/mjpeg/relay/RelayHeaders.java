package io.camelaxis.mjpeg.relay;

import java.util.Set;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.protocol.HttpProcessor;

/**
 * Headers on every response of a relay port, HttpCore's own error answers included: {@code X-Content-Type-Options:
 * nosniff} (a browser never guesses a type other than the one sent), and the CORS origin only when
 * {@code corsAllowOrigin} is set. A camera stream ({@link EndlessBody}) goes out without chunked coding and with
 * {@code Connection: close}.
 */
final class RelayHeaders {

    private RelayHeaders() {
    }

    /** @param requestCheck runs before HttpCore's own request interceptors (the Host header's check) */
    static HttpProcessor processor(ServerSettings settings, HttpRequestInterceptor requestCheck) {
        String origin = settings.corsAllowOrigin();
        HttpResponseInterceptor headers = (response, entity, context) -> {
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (origin != null && !origin.isBlank()) {
                response.setHeader("Access-Control-Allow-Origin", origin);
                if (!"*".equals(origin.trim())) {
                    response.setHeader("Vary", "Origin");
                }
            }
        };
        // after HttpCore's own interceptors, which chunk every body of unknown length for an HTTP/1.1 client
        HttpResponseInterceptor endlessBodies = (response, entity, context) -> {
            if (entity instanceof EndlessBody) {
                response.removeHeaders(HttpHeaders.TRANSFER_ENCODING);
                response.setHeader(HttpHeaders.CONNECTION, "close");
            }
        };
        return HttpProcessors.customServer("mjpeg-relay").addFirst(requestCheck).addLast(headers).addLast(endlessBodies)
                .build();
    }

    /**
     * The body of a camera stream: it has no length and ends only when the connection does, so it is sent as it is
     * (delimited by the close, as Axis cameras send theirs) rather than in chunks. Chunked coding would make HttpCore
     * copy every frame into each viewer's session buffer to frame it; without it, a frame goes from the one shared
     * buffer ({@link RelayFrame}) to each viewer's socket.
     */
    record EndlessBody(ContentType contentType) implements EntityDetails {

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return contentType.toString();
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public boolean isChunked() {
            return false;
        }

        @Override
        public Set<String> getTrailerNames() {
            return Set.of();
        }
    }
}
