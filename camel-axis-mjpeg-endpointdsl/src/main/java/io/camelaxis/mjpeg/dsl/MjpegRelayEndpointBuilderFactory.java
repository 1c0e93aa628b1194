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
