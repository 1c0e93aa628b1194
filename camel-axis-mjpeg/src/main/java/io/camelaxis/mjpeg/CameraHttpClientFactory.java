package io.camelaxis.mjpeg;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicSchemeFactory;
import org.apache.hc.client5.http.impl.auth.DigestSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 for cameras, one place for both transports: timeouts from the endpoint, Digest/Basic
 * authentication as {@code authMethod} allows, TLS from {@code sslContextParameters} or trust-all when asked, no
 * automatic retries (the consumer owns reconnection), no redirects. Credentials, schemes and timeouts travel in each
 * consumer's {@link HttpClientContext}, so one async client can serve many cameras.
 */
final class CameraHttpClientFactory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CameraHttpClientFactory.class);

    /** Name prefix of the async transport's I/O dispatch threads (HttpCore owns them; the docs list them). */
    static final String ASYNC_IO_THREAD_PREFIX = "AxisMjpegIo";

    private CameraHttpClientFactory() {
    }

    /** A classic client for one camera (blocking transport). */
    static CloseableHttpClient createClassic(AxisMjpegConfiguration cfg, CamelContext camelContext,
                                             HostLookups hostLookups) throws Exception {
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                // waited for at most connectTimeout, interruptibly: a stop no longer waits for a DNS server
                .setDnsResolver(hostLookups.resolver(cfg.getConnectTimeout()))
                .setMaxConnTotal(2)
                .setMaxConnPerRoute(2)
                // a connection kept alive after an error answer may have been closed by the camera since: checked
                // before reuse, else the next attempt fails with "NoHttpResponseException" instead of the answer
                .setDefaultConnectionConfig(ConnectionConfig.copy(connectionConfig(cfg))
                        .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS).build());
        if (cfg.isHttps()) {
            connections.setTlsSocketStrategy(tls(cfg, camelContext).buildClassic());
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultAuthSchemeRegistry(authSchemes(cfg))
                .addExecInterceptorAfter(ChainElement.PROTOCOL.name(), AuthChallengeLimit.NAME,
                        AuthChallengeLimit.classic(cfg))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent("camel-axis-mjpeg")
                .build();
    }

    /**
     * An async client (async transport), to be shared by every camera with the same TLS settings and connect
     * timeout; {@code ioThreads} serve all of their connections.
     */
    static CloseableHttpAsyncClient createAsync(AxisMjpegConfiguration cfg, CamelContext camelContext, int ioThreads,
                                                HostLookups hostLookups, ReadEventsWithoutData readEvents)
            throws Exception {
        PoolingAsyncClientConnectionManagerBuilder connections = PoolingAsyncClientConnectionManagerBuilder.create()
                // the transport looks the host up first, off the thread that connects (AsyncCameraTransport#connect);
                // this finds that answer, and bounds a lookup done here anyway
                .setDnsResolver(hostLookups.resolver(cfg.getConnectTimeout()))
                .setMaxConnTotal(100_000)
                .setMaxConnPerRoute(100_000)
                // no socket timeout: it would also fire while reading is paused for a full frame queue; the
                // consumer's watchdog finds a stalled stream instead (CameraTransport#readIdleMillis)
                .setDefaultConnectionConfig(ConnectionConfig.copy(connectionConfig(cfg))
                        .setSocketTimeout(Timeout.DISABLED).build());
        if (cfg.isHttps()) {
            connections.setTlsStrategy(tls(cfg, camelContext).buildAsync());
        }
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connections.build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setTcpNoDelay(true).build())
                // HttpCore reads the socket and hands over content in chunks of this size (8 KB by default): one
                // read, one copy and one call into the parser per readBufferSize instead of per 8 KB
                .setHttp1Config(Http1Config.custom().setBufferSize(cfg.effectiveReadBufferSize()).build())
                .setThreadFactory(new DefaultThreadFactory(ASYNC_IO_THREAD_PREFIX, true)) // named after the component
                .setIOSessionListener(readEvents) // a connection spinning its I/O thread without data is ended
                .setIoReactorExceptionCallback(CameraHttpClientFactory::reactorException)
                .addExecInterceptorAfter(ChainElement.PROTOCOL.name(), AuthChallengeLimit.NAME,
                        AuthChallengeLimit.async())
                .addExecInterceptorFirst(AttemptEndpoint.NAME, AttemptEndpoint.interceptor())
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), AttemptEndpoint.CONNECTED_NAME,
                        AttemptEndpoint.connectedInterceptor())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression() // as the classic client: a compressed stream is refused, not decoded
                .setUserAgent("camel-axis-mjpeg")
                .build();
        client.start();
        return client;
    }

    /** The I/O reactor closing its selector while tearing down is part of shutting down, not an error. */
    private static void reactorException(Exception e) {
        if (e instanceof java.nio.channels.ClosedSelectorException) {
            LOG.debug("I/O reactor closed during shutdown", e);
        } else {
            LOG.warn("Async HTTP I/O reactor error: {}", e.toString(), e);
        }
    }

    /**
     * Per-consumer state: credentials, allowed schemes, timeouts. Kept across reconnects so the Digest session is
     * reused; a camera that finds it stale says so and HttpClient re-authenticates in the same exchange.
     */
    static HttpClientContext newContext(AxisMjpegConfiguration cfg) {
        return newContext(cfg, Timeout.ofMilliseconds(cfg.effectiveStallTimeout()));
    }

    /**
     * The async transport's context: no response timeout (HttpClient sets it as the connection's socket timeout for
     * the whole exchange). The consumer's watchdog bounds the wait for an answer (connectTimeout + stallTimeout) and
     * finds a stalled stream, but not while reading is paused for a full frame queue.
     */
    static HttpClientContext newAsyncContext(AxisMjpegConfiguration cfg) {
        return newContext(cfg, Timeout.DISABLED);
    }

    private static HttpClientContext newContext(AxisMjpegConfiguration cfg, Timeout responseTimeout) {
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(AuthChallengeLimit.CONFIGURATION, cfg);
        context.setCredentialsProvider(credentials(cfg));
        context.setAuthSchemeRegistry(authSchemes(cfg));
        context.setRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(cfg.getConnectTimeout()))
                .setResponseTimeout(responseTimeout)
                .setTargetPreferredAuthSchemes(allowedSchemes(cfg))
                // no proxy is configured, yet HttpClient answered a 407 from the camera's address with the camera's
                // credentials (Proxy-Authorization: a Digest answer, or Basic in clear): no proxy challenge is answered
                .setProxyPreferredAuthSchemes(List.of())
                .build());
        return context;
    }

    /** The schemes the client may answer with, most secure first. Basic over plain HTTP only when asked for. */
    static List<String> allowedSchemes(AxisMjpegConfiguration cfg) {
        List<String> schemes = new ArrayList<>(2);
        if (cfg.getAuthMethod() != AuthMethod.basic) {
            schemes.add(StandardAuthScheme.DIGEST);
        }
        boolean basicSafe = cfg.isHttps() || cfg.isAllowBasicOverHttp();
        if (cfg.getAuthMethod() == AuthMethod.basic || cfg.getAuthMethod() == AuthMethod.auto && basicSafe) {
            schemes.add(StandardAuthScheme.BASIC);
        }
        return schemes;
    }

    private static ConnectionConfig connectionConfig(AxisMjpegConfiguration cfg) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(cfg.getConnectTimeout()))
                .setSocketTimeout(Timeout.ofMilliseconds(cfg.effectiveStallTimeout()))
                .build();
    }

    private static Lookup<AuthSchemeFactory> authSchemes(AxisMjpegConfiguration cfg) {
        List<String> schemes = allowedSchemes(cfg);
        RegistryBuilder<AuthSchemeFactory> registry = RegistryBuilder.create();
        if (schemes.contains(StandardAuthScheme.DIGEST)) {
            registry.register(StandardAuthScheme.DIGEST, DigestSchemeFactory.INSTANCE);
        }
        if (schemes.contains(StandardAuthScheme.BASIC)) {
            registry.register(StandardAuthScheme.BASIC, BasicSchemeFactory.INSTANCE);
        }
        return registry.build();
    }

    private static BasicCredentialsProvider credentials(AxisMjpegConfiguration cfg) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (cfg.getUsername() != null) {
            String password = cfg.getPassword() == null ? "" : cfg.getPassword();
            credentials.setCredentials(new AuthScope(cfg.getHost(), cfg.effectivePort()),
                    new UsernamePasswordCredentials(cfg.getUsername(), password.toCharArray()));
        }
        return credentials;
    }

    private static ClientTlsStrategyBuilder tls(AxisMjpegConfiguration cfg, CamelContext camelContext)
            throws Exception {
        ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(sslContext(cfg, camelContext));
        if (cfg.isTrustAllCertificates()) {
            tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        }
        return tls;
    }

    private static SSLContext sslContext(AxisMjpegConfiguration cfg, CamelContext camelContext) throws Exception {
        if (cfg.isTrustAllCertificates()) {
            try {
                return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a trust-all TLS context", e);
            }
        }
        if (cfg.getSslContextParameters() != null) {
            return cfg.getSslContextParameters().createSSLContext(camelContext);
        }
        // the CamelContext's global SSL settings reach here only through useGlobalSslContextParameters (component)
        return SSLContext.getDefault();
    }

    /** What makes two endpoints able to share one async client. */
    static String sharingKey(AxisMjpegConfiguration cfg) {
        return (cfg.isHttps() ? "https" : "http") + "|" + cfg.isTrustAllCertificates() + "|"
               + System.identityHashCode(cfg.getSslContextParameters()) + "|" + cfg.getConnectTimeout() + "|"
               + cfg.effectiveReadBufferSize();
    }
}
