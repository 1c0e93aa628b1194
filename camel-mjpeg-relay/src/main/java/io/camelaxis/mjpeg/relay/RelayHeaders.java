package io.camelaxis.mjpeg.relay;

import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.protocol.HttpProcessor;

/**
 * Headers on every response of a relay port, HttpCore's own error answers included: {@code X-Content-Type-Options:
 * nosniff} (a browser never guesses a type other than the one sent), and the CORS origin only when
 * {@code corsAllowOrigin} is set.
 */
final class RelayHeaders {

    private RelayHeaders() {
    }

    static HttpProcessor processor(ServerSettings settings) {
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
        return HttpProcessors.customServer("mjpeg-relay").addLast(headers).build();
    }
}
