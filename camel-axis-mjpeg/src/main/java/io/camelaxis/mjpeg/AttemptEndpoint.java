package io.camelaxis.mjpeg;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * Lets the async transport close the connection of an attempt it stops, suspends or aborts. Cancelling HttpClient's
 * future alone does not close a connection that waits for the answer's head: 3 stops in 20 left a silent camera's
 * connection (and its viewer slot) open until the response timeout. The exec-chain element here hands the attempt's
 * exec runtime to the holder the transport put in the consumer's context for that attempt; {@link #discard} closes
 * its connection at once.
 */
final class AttemptEndpoint {

    static final String NAME = "axis-mjpeg-attempt-endpoint";
    static final String CONNECTED_NAME = "axis-mjpeg-attempt-connected";
    private static final String ATTRIBUTE = "axis-mjpeg.attempt-endpoint";

    private final AtomicReference<AsyncExecRuntime> runtime = new AtomicReference<>();
    private volatile boolean connected;

    private AttemptEndpoint() {
    }

    /** A connection attempt with this consumer's context starts: its connection is found through the result. */
    static AttemptEndpoint newAttempt(HttpClientContext context) {
        AttemptEndpoint attempt = new AttemptEndpoint();
        context.setAttribute(ATTRIBUTE, attempt);
        return attempt;
    }

    /**
     * Closes the attempt's connection if it has one. Before the exec chain ran there is none: cancelling the future
     * then ends the attempt before it connects.
     */
    void discard() {
        AsyncExecRuntime r = runtime.get();
        if (r != null) {
            r.discardEndpoint(); // idempotent: after the exchange released the connection it does nothing
        }
    }

    /**
     * True once the attempt's connection was established, its TLS handshake with it (over https): a failure after
     * that, before the answer, came on an open connection. (An authentication retry that opens a new connection finds
     * it true already.)
     */
    boolean connected() {
        return connected;
    }

    /** Right after the async client's connect step, which returns once the connection and its TLS are established. */
    static AsyncExecChainHandler connectedInterceptor() {
        return (request, entity, scope, chain, callback) -> {
            if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof AttemptEndpoint attempt) {
                attempt.connected = true;
            }
            chain.proceed(request, entity, scope, callback);
        };
    }

    /** First in the async client's exec chain: every attempt's exec runtime reaches its holder. */
    static AsyncExecChainHandler interceptor() {
        return (request, entity, scope, chain, callback) -> {
            if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof AttemptEndpoint attempt) {
                attempt.runtime.set(scope.execRuntime);
            }
            chain.proceed(request, entity, scope, callback);
        };
    }
}
