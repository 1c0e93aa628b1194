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
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicSchemeFactory;
import org.apache.hc.client5.http.impl.auth.DigestSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the Apache HttpClient 5 used for one camera: timeouts from the endpoint, Digest/Basic authentication as
 * allowed by {@code authMethod}, TLS from {@code sslContextParameters} or trust-all when asked, no automatic retries
 * (the consumer owns reconnection), no redirects.
 */
final class CameraHttpClientFactory {

    private CameraHttpClientFactory() {
    }

    static CloseableHttpClient create(AxisMjpegConfiguration cfg, CamelContext camelContext) throws Exception {
        Timeout connectTimeout = Timeout.ofMilliseconds(cfg.getConnectTimeout());
        Timeout stallTimeout = Timeout.ofMilliseconds(cfg.effectiveStallTimeout());
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(2)
                .setMaxConnPerRoute(2)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(stallTimeout)
                        .build());
        if (cfg.isHttps()) {
            ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(sslContext(cfg, camelContext));
            if (cfg.isTrustAllCertificates()) {
                tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                        .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            connections.setTlsSocketStrategy(tls.buildClassic());
        }

        List<String> schemes = allowedSchemes(cfg);
        RegistryBuilder<AuthSchemeFactory> registry = RegistryBuilder.create();
        if (schemes.contains(StandardAuthScheme.DIGEST)) {
            registry.register(StandardAuthScheme.DIGEST, DigestSchemeFactory.INSTANCE);
        }
        if (schemes.contains(StandardAuthScheme.BASIC)) {
            registry.register(StandardAuthScheme.BASIC, BasicSchemeFactory.INSTANCE);
        }
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (cfg.getUsername() != null) {
            String password = cfg.getPassword() == null ? "" : cfg.getPassword();
            credentials.setCredentials(new AuthScope(cfg.getHost(), cfg.effectivePort()),
                    new UsernamePasswordCredentials(cfg.getUsername(), password.toCharArray()));
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultCredentialsProvider(credentials)
                .setDefaultAuthSchemeRegistry(registry.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connectTimeout)
                        .setResponseTimeout(stallTimeout)
                        .setTargetPreferredAuthSchemes(schemes)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent("camel-axis-mjpeg")
                .build();
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
        if (camelContext.getSSLContextParameters() != null) {
            return camelContext.getSSLContextParameters().createSSLContext(camelContext);
        }
        return SSLContext.getDefault();
    }
}
