package io.camelaxis.mjpeg;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.auth.AuthExchange;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Bounds the authentication round trips of one connection attempt. HttpClient answers every Digest challenge that
 * says {@code stale=true} with a fresh request and has no limit of its own: a camera that finds every nonce stale
 * would get thousands of requests per second, forever, within one attempt. This exec-chain element sits below
 * HttpClient's protocol (authentication) step, so it sees each request of the attempt; at the
 * {@value #MAX_CHALLENGES}th 401/407 of one attempt it ends the attempt as an authentication failure, which the
 * consumer logs and retries only after {@code authFailureDelay}. The count lives in the consumer's
 * {@link HttpClientContext} and is reset by {@link #newAttempt} (the async client is shared by many cameras).
 */
final class AuthChallengeLimit {

    /** The first challenge, plus two re-authentications after {@code stale=true}. */
    static final int MAX_CHALLENGES = 3;

    static final String NAME = "axis-mjpeg-auth-challenge-limit";
    private static final String ATTRIBUTE = "axis-mjpeg.auth-challenges";
    private static final String CREDENTIALS_SENT = "axis-mjpeg.credentials-sent";

    private AuthChallengeLimit() {
    }

    /** A connection attempt starts: its challenges are counted from zero. */
    static void newAttempt(HttpClientContext context) {
        context.setAttribute(ATTRIBUTE, new AtomicInteger());
        context.setAttribute(CREDENTIALS_SENT, Boolean.FALSE);
        // HttpClient keeps a refused login in the context (kept across reconnects for the Digest session) and then
        // answers no further challenge of that camera: every later attempt went without credentials, forever. Each
        // attempt (after authFailureDelay) logs in anew; a Digest session that works is kept.
        for (AuthExchange exchange : context.getAuthExchanges().values()) {
            if (exchange.getState() == AuthExchange.State.FAILURE) {
                exchange.reset();
            }
        }
    }

    /**
     * Whether the last request of the attempt carried credentials: a 401 to a request without them means HttpClient
     * could not answer the challenge (an unsupported Digest algorithm), not that the password is wrong.
     */
    static boolean credentialsSent(HttpContext context) {
        return Boolean.TRUE.equals(context.getAttribute(CREDENTIALS_SENT));
    }

    /** Seen here, below HttpClient's authentication step, a request carries the Authorization it will be sent with. */
    private static void sending(HttpRequest request, HttpContext context) {
        context.setAttribute(CREDENTIALS_SENT, request.containsHeader(HttpHeaders.AUTHORIZATION));
    }

    private static void count(HttpResponse response, HttpContext context, AxisMjpegConfiguration cfg)
            throws CameraException {
        int status = response.getCode();
        if (status != 401 && status != 407) {
            return;
        }
        Object counter = context.getAttribute(ATTRIBUTE);
        if (counter instanceof AtomicInteger challenges && challenges.incrementAndGet() >= MAX_CHALLENGES) {
            throw new CameraException(CameraException.Kind.AUTHENTICATION, status, "authentication failed: "
                    + CameraResponses.where(cfg) + " answered " + MAX_CHALLENGES + " challenges in a row to one"
                    + " request (Digest stale=true with a fresh nonce each time?); giving up this attempt, next try in "
                    + cfg.getAuthFailureDelay() + " ms", null);
        }
    }

    /** For the classic client (blocking transport). */
    static ExecChainHandler classic(AxisMjpegConfiguration cfg) {
        return (ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain) -> {
            sending(request, scope.clientContext);
            ClassicHttpResponse response = chain.proceed(request, scope);
            try {
                count(response, scope.clientContext, cfg);
            } catch (CameraException e) {
                response.close();
                throw e;
            }
            return response;
        };
    }

    /** For the async client (async transport): the camera's configuration comes from the consumer's context. */
    static AsyncExecChainHandler async() {
        return (HttpRequest request, AsyncEntityProducer entity, AsyncExecChain.Scope scope, AsyncExecChain chain,
                AsyncExecCallback callback) -> {
            sending(request, scope.clientContext);
            chain.proceed(request, entity, scope, new AsyncExecCallback() {
                    @Override
                    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails details)
                            throws HttpException, IOException {
                        Object cfg = scope.clientContext.getAttribute(CONFIGURATION);
                        if (cfg instanceof AxisMjpegConfiguration c) {
                            count(response, scope.clientContext, c);
                        }
                        return callback.handleResponse(response, details);
                    }

                    @Override
                    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
                        callback.handleInformationResponse(response);
                    }

                    @Override
                    public void completed() {
                        callback.completed();
                    }

                    @Override
                    public void failed(Exception cause) {
                        callback.failed(cause);
                    }
                });
        };
    }

    /** Where the async handler finds the camera's configuration (one shared async client serves many cameras). */
    static final String CONFIGURATION = "axis-mjpeg.configuration";
}
