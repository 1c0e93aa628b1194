package io.camelaxis.mjpeg.dsl;

import java.util.Map;

import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.endpoint.AbstractEndpointBuilder;

/**
 * Endpoint DSL of the mjpeg-relay component: mjpegRelay("name").option(...) in an EndpointRouteBuilder
 * that implements MjpegRelayBuilders. Written once from the component's Camel catalog (camel-package-maven-plugin's
 * generate-endpoint-dsl only runs inside Camel's own source tree); EndpointDslCatalogTest fails when an option of
 * the catalog has no method here, or a method no option.
 */
public interface MjpegRelayEndpointBuilderFactory {

    /** The options of a mjpeg-relay endpoint. */
    interface MjpegRelayEndpointBuilder extends EndpointProducerBuilder {

        default AdvancedMjpegRelayEndpointBuilder advanced() {
            return (AdvancedMjpegRelayEndpointBuilder) this;
        }

        /**
         * Address the relay listens on.
         *
         * Default: 0.0.0.0
         * Group: producer
         */
        default MjpegRelayEndpointBuilder bindAddress(String bindAddress) {
            doSetProperty("bindAddress", bindAddress);
            return this;
        }

        /**
         * With onDemand, how long the camera stays connected after the last viewer left, in milliseconds.
         *
         * Default: 10000
         * Group: producer
         */
        default MjpegRelayEndpointBuilder linger(long linger) {
            doSetProperty("linger", linger);
            return this;
        }

        /**
         * With onDemand, how long the camera stays connected after the last viewer left, in milliseconds.
         *
         * Default: 10000
         * Group: producer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder linger(String linger) {
            doSetProperty("linger", linger);
            return this;
        }

        /**
         * Most viewers of this camera at once; more get 503.
         *
         * Default: 100
         * Group: producer
         */
        default MjpegRelayEndpointBuilder maxViewers(int maxViewers) {
            doSetProperty("maxViewers", maxViewers);
            return this;
        }

        /**
         * Most viewers of this camera at once; more get 503.
         *
         * Default: 100
         * Group: producer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder maxViewers(String maxViewers) {
            doSetProperty("maxViewers", maxViewers);
            return this;
        }

        /**
         * Keep the upstream camera connected only while somebody watches: the route feeding this relay is
         * suspended when the last viewer has been gone for linger, and resumed when a viewer arrives.
         *
         * Default: false
         * Group: producer
         */
        default MjpegRelayEndpointBuilder onDemand(boolean onDemand) {
            doSetProperty("onDemand", onDemand);
            return this;
        }

        /**
         * Keep the upstream camera connected only while somebody watches: the route feeding this relay is
         * suspended when the last viewer has been gone for linger, and resumed when a viewer arrives.
         *
         * Default: false
         * Group: producer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder onDemand(String onDemand) {
            doSetProperty("onDemand", onDemand);
            return this;
        }

        /**
         * TCP port of the relay's HTTP server (shared by every relay endpoint on that port); 0 picks a free
         * one.
         *
         * Default: 8090
         * Group: producer
         */
        default MjpegRelayEndpointBuilder port(int port) {
            doSetProperty("port", port);
            return this;
        }

        /**
         * TCP port of the relay's HTTP server (shared by every relay endpoint on that port); 0 picks a free
         * one.
         *
         * Default: 8090
         * Group: producer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder port(String port) {
            doSetProperty("port", port);
            return this;
        }

        /**
         * Password viewers must give (HTTP Basic: put the relay behind TLS termination when it leaves the
         * LAN).
         *
         * Group: security
         */
        default MjpegRelayEndpointBuilder password(String password) {
            doSetProperty("password", password);
            return this;
        }

        /**
         * User name viewers must give (HTTP Basic); no login when unset.
         *
         * Group: security
         */
        default MjpegRelayEndpointBuilder username(String username) {
            doSetProperty("username", username);
            return this;
        }

        /**
         * Origin allowed to read the status, streams and snapshots from scripts of other web sites (the Access-
         * Control-Allow-Origin header, for example https://dashboard.example, or a star for any site); none when unset
         * (per port).
         *
         * Group: security
         */
        default MjpegRelayEndpointBuilder corsAllowOrigin(String corsAllowOrigin) {
            doSetProperty("corsAllowOrigin", corsAllowOrigin);
            return this;
        }

        /**
         * How long a client address that reached loginFailureLimit is refused (429), in milliseconds (per port); also
         * how close together its failures must come to add up. At least 1000 (1 s) while loginFailureLimit is on.
         *
         * Default: 60000
         * Group: security
         */
        default MjpegRelayEndpointBuilder loginBlockTime(long loginBlockTime) {
            doSetProperty("loginBlockTime", loginBlockTime);
            return this;
        }

        /**
         * How long a client address that reached loginFailureLimit is refused (429), in milliseconds (per port); also
         * how close together its failures must come to add up. At least 1000 (1 s) while loginFailureLimit is on.
         *
         * Default: 60000
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder loginBlockTime(String loginBlockTime) {
            doSetProperty("loginBlockTime", loginBlockTime);
            return this;
        }

        /**
         * Failed logins from one client address after which that address gets 429 for loginBlockTime (per port); 0
         * turns the throttle off.
         *
         * Default: 5
         * Group: security
         */
        default MjpegRelayEndpointBuilder loginFailureLimit(int loginFailureLimit) {
            doSetProperty("loginFailureLimit", loginFailureLimit);
            return this;
        }

        /**
         * Failed logins from one client address after which that address gets 429 for loginBlockTime (per port); 0
         * turns the throttle off.
         *
         * Default: 5
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder loginFailureLimit(String loginFailureLimit) {
            doSetProperty("loginFailureLimit", loginFailureLimit);
            return this;
        }

        /**
         * Serve HTTPS with this TLS configuration (key store with the relay's certificate) instead of HTTP (per port).
         *
         * Group: security
         */
        default MjpegRelayEndpointBuilder sslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * Serve HTTPS with this TLS configuration (key store with the relay's certificate) instead of HTTP (per port).
         *
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder sslContextParameters(String sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * List each viewer's network address in /status (per port); off by default, the addresses are personal data.
         *
         * Default: False
         * Group: security
         */
        default MjpegRelayEndpointBuilder statusViewerAddresses(boolean statusViewerAddresses) {
            doSetProperty("statusViewerAddresses", statusViewerAddresses);
            return this;
        }

        /**
         * List each viewer's network address in /status (per port); off by default, the addresses are personal data.
         *
         * Default: False
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default MjpegRelayEndpointBuilder statusViewerAddresses(String statusViewerAddresses) {
            doSetProperty("statusViewerAddresses", statusViewerAddresses);
            return this;
        }
    }

    /** The advanced options of a mjpeg-relay endpoint. */
    interface AdvancedMjpegRelayEndpointBuilder extends EndpointProducerBuilder {

        default MjpegRelayEndpointBuilder basic() {
            return (MjpegRelayEndpointBuilder) this;
        }

        /**
         * Whether the producer should be started lazy (on the first message). By starting lazy you can use
         * this to allow CamelContext and routes to startup in situations where a producer may otherwise fail
         * during starting and cause the route to fail being started. By deferring this startup to be lazy then
         * the startup failure can be handled during routing messages via Camel's routing error handlers.
         * Beware that when the first message is processed then creating and starting the producer may take a
         * little time and prolong the total processing time of the processing.
         *
         * Default: false
         * Group: producer (advanced)
         */
        default AdvancedMjpegRelayEndpointBuilder lazyStartProducer(boolean lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }

        /**
         * Whether the producer should be started lazy (on the first message). By starting lazy you can use
         * this to allow CamelContext and routes to startup in situations where a producer may otherwise fail
         * during starting and cause the route to fail being started. By deferring this startup to be lazy then
         * the startup failure can be handled during routing messages via Camel's routing error handlers.
         * Beware that when the first message is processed then creating and starting the producer may take a
         * little time and prolong the total processing time of the processing.
         *
         * Default: false
         * Group: producer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder lazyStartProducer(String lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }

        /**
         * Time a kept-alive connection may wait after a response for its next whole request head, in milliseconds (per
         * port); also how long a stream whose viewer closed its side may go without a byte sent before it is ended (a
         * viewer gone while its camera is silent). Other streams are not idle: they are bounded by writeTimeout.
         *
         * Default: 15000
         * Group: advanced
         */
        default AdvancedMjpegRelayEndpointBuilder idleTimeout(long idleTimeout) {
            doSetProperty("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Time a kept-alive connection may wait after a response for its next whole request head, in milliseconds (per
         * port); also how long a stream whose viewer closed its side may go without a byte sent before it is ended (a
         * viewer gone while its camera is silent). Other streams are not idle: they are bounded by writeTimeout.
         *
         * Default: 15000
         * Group: advanced
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder idleTimeout(String idleTimeout) {
            doSetProperty("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Most open connections on the relay's port; more are closed at once when accepted (per port).
         *
         * Default: 1000
         * Group: advanced
         */
        default AdvancedMjpegRelayEndpointBuilder maxConnections(int maxConnections) {
            doSetProperty("maxConnections", maxConnections);
            return this;
        }

        /**
         * Most open connections on the relay's port; more are closed at once when accepted (per port).
         *
         * Default: 1000
         * Group: advanced
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder maxConnections(String maxConnections) {
            doSetProperty("maxConnections", maxConnections);
            return this;
        }

        /**
         * Most open connections from one client address; more are closed at once when accepted (per port).
         *
         * Default: 100
         * Group: advanced
         */
        default AdvancedMjpegRelayEndpointBuilder maxConnectionsPerClient(int maxConnectionsPerClient) {
            doSetProperty("maxConnectionsPerClient", maxConnectionsPerClient);
            return this;
        }

        /**
         * Most open connections from one client address; more are closed at once when accepted (per port).
         *
         * Default: 100
         * Group: advanced
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder maxConnectionsPerClient(String maxConnectionsPerClient) {
            doSetProperty("maxConnectionsPerClient", maxConnectionsPerClient);
            return this;
        }

        /**
         * Time from accepting a connection (TLS handshake included) until its whole request head has arrived, in
         * milliseconds; a slower client is disconnected (per port).
         *
         * Default: 10000
         * Group: advanced
         */
        default AdvancedMjpegRelayEndpointBuilder requestHeaderTimeout(long requestHeaderTimeout) {
            doSetProperty("requestHeaderTimeout", requestHeaderTimeout);
            return this;
        }

        /**
         * Time from accepting a connection (TLS handshake included) until its whole request head has arrived, in
         * milliseconds; a slower client is disconnected (per port).
         *
         * Default: 10000
         * Group: advanced
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder requestHeaderTimeout(String requestHeaderTimeout) {
            doSetProperty("requestHeaderTimeout", requestHeaderTimeout);
            return this;
        }

        /**
         * A response (a viewer's stream, a snapshot) whose client has accepted no byte for this long, in milliseconds,
         * is dropped and its viewer slot freed (per port).
         *
         * Default: 20000
         * Group: advanced
         */
        default AdvancedMjpegRelayEndpointBuilder writeTimeout(long writeTimeout) {
            doSetProperty("writeTimeout", writeTimeout);
            return this;
        }

        /**
         * A response (a viewer's stream, a snapshot) whose client has accepted no byte for this long, in milliseconds,
         * is dropped and its viewer slot freed (per port).
         *
         * Default: 20000
         * Group: advanced
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedMjpegRelayEndpointBuilder writeTimeout(String writeTimeout) {
            doSetProperty("writeTimeout", writeTimeout);
            return this;
        }
    }

    /** Mix into an EndpointRouteBuilder to get mjpegRelay(...). */
    interface MjpegRelayBuilders {

        /**
         * A mjpeg-relay endpoint: mjpeg-relay:name.
         *
         * @param path name
         */
        default MjpegRelayEndpointBuilder mjpegRelay(String path) {
            return MjpegRelayEndpointBuilderFactory.endpointBuilder("mjpeg-relay", path);
        }

        /**
         * A mjpeg-relay endpoint of a component registered under another name.
         *
         * @param componentName the name the component is registered under
         * @param path          name
         */
        default MjpegRelayEndpointBuilder mjpegRelay(String componentName, String path) {
            return MjpegRelayEndpointBuilderFactory.endpointBuilder(componentName, path);
        }
    }

    static MjpegRelayEndpointBuilder endpointBuilder(String componentName, String path) {
        class MjpegRelayEndpointBuilderImpl extends AbstractEndpointBuilder implements MjpegRelayEndpointBuilder, AdvancedMjpegRelayEndpointBuilder {
            MjpegRelayEndpointBuilderImpl(String path) {
                super(componentName, path);
            }
        }
        return new MjpegRelayEndpointBuilderImpl(path);
    }
}
