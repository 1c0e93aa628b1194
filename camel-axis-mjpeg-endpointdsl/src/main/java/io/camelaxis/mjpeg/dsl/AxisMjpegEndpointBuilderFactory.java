package io.camelaxis.mjpeg.dsl;

import java.util.Map;

import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.endpoint.AbstractEndpointBuilder;

/**
 * Endpoint DSL of the axis-mjpeg component: axisMjpeg("host:port").option(...) in an EndpointRouteBuilder
 * that implements AxisMjpegBuilders. Written once from the component's Camel catalog (camel-package-maven-plugin's
 * generate-endpoint-dsl only runs inside Camel's own source tree); EndpointDslCatalogTest fails when an option of
 * the catalog has no method here, or a method no option.
 */
public interface AxisMjpegEndpointBuilderFactory {

    /** The options of an axis-mjpeg endpoint. */
    interface AxisMjpegEndpointBuilder extends EndpointConsumerBuilder {

        default AdvancedAxisMjpegEndpointBuilder advanced() {
            return (AdvancedAxisMjpegEndpointBuilder) this;
        }

        /**
         * What to do when the route is slower than the camera: block (default: every frame, reading slows
         * down), dropOldest (bounded queue, oldest dropped) or latestOnly (only the newest frame is kept).
         *
         * Default: block
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder backpressure(io.camelaxis.mjpeg.Backpressure backpressure) {
            doSetProperty("backpressure", backpressure);
            return this;
        }

        /**
         * What to do when the route is slower than the camera: block (default: every frame, reading slows
         * down), dropOldest (bounded queue, oldest dropped) or latestOnly (only the newest frame is kept).
         *
         * Default: block
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder backpressure(String backpressure) {
            doSetProperty("backpressure", backpressure);
            return this;
        }

        /**
         * A stable name for the camera, put in the CamelAxisMjpegCameraId header (a natural Kafka key or S3
         * prefix); defaults to host:port.
         *
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder cameraId(String cameraId) {
            doSetProperty("cameraId", cameraId);
            return this;
        }

        /**
         * How a frame is checked before it is emitted: none, markers (SOI and EOI) or structure (every marker
         * segment, SOF and SOS). Failed frames are dropped and counted as corrupt.
         *
         * Default: markers
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder jpegValidation(io.camelaxis.mjpeg.parser.JpegValidation jpegValidation) {
            doSetProperty("jpegValidation", jpegValidation);
            return this;
        }

        /**
         * How a frame is checked before it is emitted: none, markers (SOI and EOI) or structure (every marker
         * segment, SOF and SOS). Failed frames are dropped and counted as corrupt.
         *
         * Default: markers
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder jpegValidation(String jpegValidation) {
            doSetProperty("jpegValidation", jpegValidation);
            return this;
        }

        /**
         * Largest JPEG accepted, in bytes (1024 to 268435456, 256 MB); larger parts are dropped (counted) and memory
         * stays bounded.
         *
         * Default: 16777216
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder maxFrameSize(int maxFrameSize) {
            doSetProperty("maxFrameSize", maxFrameSize);
            return this;
        }

        /**
         * Largest JPEG accepted, in bytes (1024 to 268435456, 256 MB); larger parts are dropped (counted) and memory
         * stays bounded.
         *
         * Default: 16777216
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder maxFrameSize(String maxFrameSize) {
            doSetProperty("maxFrameSize", maxFrameSize);
            return this;
        }

        /**
         * Capacity of the frame queue between the camera and the route: with
         * backpressure=dropOldest (either transport) and with backpressure=block on
         * transport=async (reading pauses while it is full); with routeOnIoThread, the
         * most exchanges in flight per camera; with asyncConsumer, frames queued and
         * exchanges in flight together. Not used by latestOnly (one slot) nor by block
         * on the blocking transport (frames are delivered on the reading thread).
         *
         * Default: 10
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder queueSize(int queueSize) {
            doSetProperty("queueSize", queueSize);
            return this;
        }

        /**
         * Capacity of the frame queue between the camera and the route: with
         * backpressure=dropOldest (either transport) and with backpressure=block on
         * transport=async (reading pauses while it is full); with routeOnIoThread, the
         * most exchanges in flight per camera; with asyncConsumer, frames queued and
         * exchanges in flight together. Not used by latestOnly (one slot) nor by block
         * on the blocking transport (frames are delivered on the reading thread).
         *
         * Default: 10
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder queueSize(String queueSize) {
            doSetProperty("queueSize", queueSize);
            return this;
        }

        /**
         * How often the consumer logs its progress (frames, fps, bytes, drops) at INFO, in milliseconds; 0
         * disables.
         *
         * Default: 30000
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder statisticsLogInterval(long statisticsLogInterval) {
            doSetProperty("statisticsLogInterval", statisticsLogInterval);
            return this;
        }

        /**
         * How often the consumer logs its progress (frames, fps, bytes, drops) at INFO, in milliseconds; 0
         * disables.
         *
         * Default: 30000
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder statisticsLogInterval(String statisticsLogInterval) {
            doSetProperty("statisticsLogInterval", statisticsLogInterval);
            return this;
        }

        /**
         * blocking (default): one thread per camera, classic HttpClient 5. async: HttpClient 5 async I/O, all
         * cameras of the component share a few I/O threads and a worker pool (see the component options
         * asyncIoThreads and asyncWorkerThreads): for hundreds or thousands of cameras in one JVM.
         *
         * Default: blocking
         * Group: consumer
         */
        default AxisMjpegEndpointBuilder transport(io.camelaxis.mjpeg.Transport transport) {
            doSetProperty("transport", transport);
            return this;
        }

        /**
         * blocking (default): one thread per camera, classic HttpClient 5. async: HttpClient 5 async I/O, all
         * cameras of the component share a few I/O threads and a worker pool (see the component options
         * asyncIoThreads and asyncWorkerThreads): for hundreds or thousands of cameras in one JVM.
         *
         * Default: blocking
         * Group: consumer
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder transport(String transport) {
            doSetProperty("transport", transport);
            return this;
        }

        /**
         * With authMethod=auto, also answer a Basic challenge over plain HTTP, which sends the password in
         * clear. Off by default.
         *
         * Default: false
         * Group: security
         */
        default AxisMjpegEndpointBuilder allowBasicOverHttp(boolean allowBasicOverHttp) {
            doSetProperty("allowBasicOverHttp", allowBasicOverHttp);
            return this;
        }

        /**
         * With authMethod=auto, also answer a Basic challenge over plain HTTP, which sends the password in
         * clear. Off by default.
         *
         * Default: false
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder allowBasicOverHttp(String allowBasicOverHttp) {
            doSetProperty("allowBasicOverHttp", allowBasicOverHttp);
            return this;
        }

        /**
         * Which authentication to answer the camera with: auto (Digest, or Basic only where it is safe), basic
         * or digest.
         *
         * Default: auto
         * Group: security
         */
        default AxisMjpegEndpointBuilder authMethod(io.camelaxis.mjpeg.AuthMethod authMethod) {
            doSetProperty("authMethod", authMethod);
            return this;
        }

        /**
         * Which authentication to answer the camera with: auto (Digest, or Basic only where it is safe), basic
         * or digest.
         *
         * Default: auto
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder authMethod(String authMethod) {
            doSetProperty("authMethod", authMethod);
            return this;
        }

        /**
         * Connect with HTTPS (default port 443).
         *
         * Default: false
         * Group: security
         */
        default AxisMjpegEndpointBuilder https(boolean https) {
            doSetProperty("https", https);
            return this;
        }

        /**
         * Connect with HTTPS (default port 443).
         *
         * Default: false
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder https(String https) {
            doSetProperty("https", https);
            return this;
        }

        /**
         * Password for the camera's authentication. Never logged.
         *
         * Group: security
         */
        default AxisMjpegEndpointBuilder password(String password) {
            doSetProperty("password", password);
            return this;
        }

        /**
         * Camel TLS settings (trust store with the camera's certificate, protocols, ciphers) for HTTPS.
         *
         * Group: security
         */
        default AxisMjpegEndpointBuilder sslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * Camel TLS settings (trust store with the camera's certificate, protocols, ciphers) for HTTPS.
         *
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder sslContextParameters(String sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * Accept any certificate and host name over HTTPS, as needed for a camera's factory self-signed
         * certificate. This disables protection against impersonation: use only on a trusted network. Off by
         * default.
         *
         * Default: false
         * Group: security
         */
        default AxisMjpegEndpointBuilder trustAllCertificates(boolean trustAllCertificates) {
            doSetProperty("trustAllCertificates", trustAllCertificates);
            return this;
        }

        /**
         * Accept any certificate and host name over HTTPS, as needed for a camera's factory self-signed
         * certificate. This disables protection against impersonation: use only on a trusted network. Off by
         * default.
         *
         * Default: false
         * Group: security
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder trustAllCertificates(String trustAllCertificates) {
            doSetProperty("trustAllCertificates", trustAllCertificates);
            return this;
        }

        /**
         * User name for the camera's Basic or Digest authentication, without ':' or control characters.
         *
         * Group: security
         */
        default AxisMjpegEndpointBuilder username(String username) {
            doSetProperty("username", username);
            return this;
        }

        /**
         * VAPIX camera: the video source on multi-channel devices, for example 1 or quad.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder camera(String camera) {
            doSetProperty("camera", camera);
            return this;
        }

        /**
         * VAPIX clock: overlay the camera's clock on the image (true) or not (false); unset: the camera
         * default.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder clock(Boolean clock) {
            doSetProperty("clock", clock);
            return this;
        }

        /**
         * VAPIX clock: overlay the camera's clock on the image (true) or not (false); unset: the camera
         * default.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder clock(String clock) {
            doSetProperty("clock", clock);
            return this;
        }

        /**
         * VAPIX compression, 0 (best quality) to 100 (smallest frames).
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder compression(Integer compression) {
            doSetProperty("compression", compression);
            return this;
        }

        /**
         * VAPIX compression, 0 (best quality) to 100 (smallest frames).
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder compression(String compression) {
            doSetProperty("compression", compression);
            return this;
        }

        /**
         * VAPIX date: overlay the camera's date on the image (true) or not (false); unset: the camera default.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder date(Boolean date) {
            doSetProperty("date", date);
            return this;
        }

        /**
         * VAPIX date: overlay the camera's date on the image (true) or not (false); unset: the camera default.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder date(String date) {
            doSetProperty("date", date);
            return this;
        }

        /**
         * VAPIX duration: the camera ends the stream after this many seconds. A finite stream is not
         * reconnected once it has ended normally.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder duration(Integer duration) {
            doSetProperty("duration", duration);
            return this;
        }

        /**
         * VAPIX duration: the camera ends the stream after this many seconds. A finite stream is not
         * reconnected once it has ended normally.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder duration(String duration) {
            doSetProperty("duration", duration);
            return this;
        }

        /**
         * VAPIX fps: frames per second the camera should send (camera default when unset).
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder fps(Integer fps) {
            doSetProperty("fps", fps);
            return this;
        }

        /**
         * VAPIX fps: frames per second the camera should send (camera default when unset).
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder fps(String fps) {
            doSetProperty("fps", fps);
            return this;
        }

        /**
         * VAPIX nbrofframes: the camera ends the stream after this many frames. A finite stream is not
         * reconnected once it has ended normally.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder nbrOfFrames(Integer nbrOfFrames) {
            doSetProperty("nbrOfFrames", nbrOfFrames);
            return this;
        }

        /**
         * VAPIX nbrofframes: the camera ends the stream after this many frames. A finite stream is not
         * reconnected once it has ended normally.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder nbrOfFrames(String nbrOfFrames) {
            doSetProperty("nbrOfFrames", nbrOfFrames);
            return this;
        }

        /**
         * The HTTP path of the MJPEG stream; change it for non-Axis MJPEG sources.
         *
         * Default: /axis-cgi/mjpg/video.cgi
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder path(String path) {
            doSetProperty("path", path);
            return this;
        }

        /**
         * VAPIX resolution, for example 640x480 or 1920x1080.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder resolution(String resolution) {
            doSetProperty("resolution", resolution);
            return this;
        }

        /**
         * VAPIX rotation of the image in degrees: 0, 90, 180 or 270.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder rotation(Integer rotation) {
            doSetProperty("rotation", rotation);
            return this;
        }

        /**
         * VAPIX rotation of the image in degrees: 0, 90, 180 or 270.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder rotation(String rotation) {
            doSetProperty("rotation", rotation);
            return this;
        }

        /**
         * VAPIX squarepixel: correct the aspect ratio of non-square pixel sources (true) or not (false);
         * unset: the camera default.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder squarePixel(Boolean squarePixel) {
            doSetProperty("squarePixel", squarePixel);
            return this;
        }

        /**
         * VAPIX squarepixel: correct the aspect ratio of non-square pixel sources (true) or not (false);
         * unset: the camera default.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder squarePixel(String squarePixel) {
            doSetProperty("squarePixel", squarePixel);
            return this;
        }

        /**
         * VAPIX streamprofile: a stream profile defined on the camera.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder streamProfile(String streamProfile) {
            doSetProperty("streamProfile", streamProfile);
            return this;
        }

        /**
         * VAPIX text: show the text overlay (true) or not (false); unset: the camera default.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder text(Boolean text) {
            doSetProperty("text", text);
            return this;
        }

        /**
         * VAPIX text: show the text overlay (true) or not (false); unset: the camera default.
         *
         * Group: vapix
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AxisMjpegEndpointBuilder text(String text) {
            doSetProperty("text", text);
            return this;
        }

        /**
         * VAPIX textstring: the overlay text.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder textString(String textString) {
            doSetProperty("textString", textString);
            return this;
        }

        /**
         * Any other VAPIX parameter, passed to the camera as it is: vapix.color=0&vapix.textpos=bottom. This
         * is a multi-value option with prefix: vapix.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder vapixParameters(String key, Object value) {
            doSetMultiValueProperty("vapixParameters", "vapix." + key, value);
            return this;
        }

        /**
         * Any other VAPIX parameter, passed to the camera as it is: vapix.color=0&vapix.textpos=bottom. This
         * is a multi-value option with prefix: vapix.
         *
         * Group: vapix
         */
        default AxisMjpegEndpointBuilder vapixParameters(Map values) {
            doSetMultiValueProperties("vapixParameters", "vapix.", values);
            return this;
        }
    }

    /** The advanced options of an axis-mjpeg endpoint. */
    interface AdvancedAxisMjpegEndpointBuilder extends EndpointConsumerBuilder {

        default AxisMjpegEndpointBuilder basic() {
            return (AxisMjpegEndpointBuilder) this;
        }

        /**
         * Delay before trying again after the camera rejected the credentials, in milliseconds (never shorter
         * than the reconnect backoff). Long by default, because cameras lock out clients that retry wrong
         * passwords quickly.
         *
         * Default: 60000
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder authFailureDelay(long authFailureDelay) {
            doSetProperty("authFailureDelay", authFailureDelay);
            return this;
        }

        /**
         * Delay before trying again after the camera rejected the credentials, in milliseconds (never shorter
         * than the reconnect backoff). Long by default, because cameras lock out clients that retry wrong
         * passwords quickly.
         *
         * Default: 60000
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder authFailureDelay(String authFailureDelay) {
            doSetProperty("authFailureDelay", authFailureDelay);
            return this;
        }

        /**
         * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
         * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes,
         * will now be processed as a message and handled by the routing Error Handler. Important: This is only
         * possible if the 3rd party component allows Camel to be alerted if an exception was thrown. Some
         * components handle this internally only, and therefore bridgeErrorHandler is not possible. In other
         * situations we may improve the Camel component to hook into the 3rd party component and make this
         * possible for future releases. By default the consumer will use the
         * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR
         * level and ignored.
         *
         * Default: false
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder bridgeErrorHandler(boolean bridgeErrorHandler) {
            doSetProperty("bridgeErrorHandler", bridgeErrorHandler);
            return this;
        }

        /**
         * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
         * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes,
         * will now be processed as a message and handled by the routing Error Handler. Important: This is only
         * possible if the 3rd party component allows Camel to be alerted if an exception was thrown. Some
         * components handle this internally only, and therefore bridgeErrorHandler is not possible. In other
         * situations we may improve the Camel component to hook into the 3rd party component and make this
         * possible for future releases. By default the consumer will use the
         * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR
         * level and ignored.
         *
         * Default: false
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder bridgeErrorHandler(String bridgeErrorHandler) {
            doSetProperty("bridgeErrorHandler", bridgeErrorHandler);
            return this;
        }

        /**
         * How long to wait for the TCP (and TLS) connection to the camera, in milliseconds.
         *
         * Default: 5000
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder connectTimeout(long connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * How long to wait for the TCP (and TLS) connection to the camera, in milliseconds.
         *
         * Default: 5000
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder connectTimeout(String connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * To let the consumer use a custom ExceptionHandler. Notice if the option bridgeErrorHandler is
         * enabled then this option is not in use. By default the consumer will deal with exceptions, that will
         * be logged at WARN or ERROR level and ignored.
         *
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder exceptionHandler(org.apache.camel.spi.ExceptionHandler exceptionHandler) {
            doSetProperty("exceptionHandler", exceptionHandler);
            return this;
        }

        /**
         * To let the consumer use a custom ExceptionHandler. Notice if the option bridgeErrorHandler is
         * enabled then this option is not in use. By default the consumer will deal with exceptions, that will
         * be logged at WARN or ERROR level and ignored.
         *
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder exceptionHandler(String exceptionHandler) {
            doSetProperty("exceptionHandler", exceptionHandler);
            return this;
        }

        /**
         * Sets the exchange pattern when the consumer creates an exchange.
         *
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder exchangePattern(org.apache.camel.ExchangePattern exchangePattern) {
            doSetProperty("exchangePattern", exchangePattern);
            return this;
        }

        /**
         * Sets the exchange pattern when the consumer creates an exchange.
         *
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder exchangePattern(String exchangePattern) {
            doSetProperty("exchangePattern", exchangePattern);
            return this;
        }

        /**
         * How many failed connection attempts in a row are tolerated before the consumer gives up (health
         * check DOWN); -1 (default) retries forever.
         *
         * Default: -1
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder maxReconnectAttempts(int maxReconnectAttempts) {
            doSetProperty("maxReconnectAttempts", maxReconnectAttempts);
            return this;
        }

        /**
         * How many failed connection attempts in a row are tolerated before the consumer gives up (health
         * check DOWN); -1 (default) retries forever.
         *
         * Default: -1
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder maxReconnectAttempts(String maxReconnectAttempts) {
            doSetProperty("maxReconnectAttempts", maxReconnectAttempts);
            return this;
        }

        /**
         * Upper bound of the reconnect delay, in milliseconds.
         *
         * Default: 30000
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder maxReconnectDelay(long maxReconnectDelay) {
            doSetProperty("maxReconnectDelay", maxReconnectDelay);
            return this;
        }

        /**
         * Upper bound of the reconnect delay, in milliseconds.
         *
         * Default: 30000
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder maxReconnectDelay(String maxReconnectDelay) {
            doSetProperty("maxReconnectDelay", maxReconnectDelay);
            return this;
        }

        /**
         * The most bytes of JPEG one camera's waiting frames may hold (the
         * frames counted by queueSize: queued for the route, or in flight with
         * routeOnIoThread or asyncConsumer), from 1024 to 2147483647. One frame may always
         * wait, however large. When the bound is reached, backpressure decides as when the
         * queue is full by number: block pauses reading, dropOldest drops the
         * oldest frames (counted) until the new one fits. Without it, a camera
         * sending frames of maxFrameSize into a slow route would make the
         * consumer hold queueSize x maxFrameSize (160 MB with the defaults).
         * Default 33554432 (32 MB).
         *
         * Default: 33554432
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder maxQueuedBytes(int maxQueuedBytes) {
            doSetProperty("maxQueuedBytes", maxQueuedBytes);
            return this;
        }

        /**
         * The most bytes of JPEG one camera's waiting frames may hold (the
         * frames counted by queueSize: queued for the route, or in flight with
         * routeOnIoThread or asyncConsumer), from 1024 to 2147483647. One frame may always
         * wait, however large. When the bound is reached, backpressure decides as when the
         * queue is full by number: block pauses reading, dropOldest drops the
         * oldest frames (counted) until the new one fits. Without it, a camera
         * sending frames of maxFrameSize into a slow route would make the
         * consumer hold queueSize x maxFrameSize (160 MB with the defaults).
         * Default 33554432 (32 MB).
         *
         * Default: 33554432
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder maxQueuedBytes(String maxQueuedBytes) {
            doSetProperty("maxQueuedBytes", maxQueuedBytes);
            return this;
        }

        /**
         * Size of the read buffer per connection, in bytes, from 512 to
         * 16777216: the most read from the socket at once (with
         * transport=async, the size of the chunks HttpCore hands over;
         * HttpCore allocates three buffers of this size per connection).
         * Larger values mean fewer reads of a fast stream and more memory per
         * camera; a camera sending at its frame rate delivers about one frame
         * per read whatever the size. 0 (default) picks by transport: 65536
         * for blocking, 32768 for async (many cameras per JVM: less heap per
         * camera and shorter young collections, for more CPU per GB on a
         * single fast stream).
         *
         * Default: 0
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder readBufferSize(int readBufferSize) {
            doSetProperty("readBufferSize", readBufferSize);
            return this;
        }

        /**
         * Size of the read buffer per connection, in bytes, from 512 to
         * 16777216: the most read from the socket at once (with
         * transport=async, the size of the chunks HttpCore hands over;
         * HttpCore allocates three buffers of this size per connection).
         * Larger values mean fewer reads of a fast stream and more memory per
         * camera; a camera sending at its frame rate delivers about one frame
         * per read whatever the size. 0 (default) picks by transport: 65536
         * for blocking, 32768 for async (many cameras per JVM: less heap per
         * camera and shorter young collections, for more CPU per GB on a
         * single fast stream).
         *
         * Default: 0
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder readBufferSize(String readBufferSize) {
            doSetProperty("readBufferSize", readBufferSize);
            return this;
        }

        /**
         * With transport=async and backpressure=block only: run the route on the I/O thread that read the
         * frame instead of handing the frame to a worker (asyncWorkerThreads). The hand-off wakes a worker
         * for every read that completes a frame; without it a fast stream takes about a third of the CPU per
         * GB and is read about twice as fast, close to the blocking transport (docs/performance.md). The
         * route runs asynchronously there: a step that ends later (a Kafka send's acknowledgement) gives the
         * thread back at once, with at most queueSize exchanges in flight per camera (reading pauses beyond).
         * A step that blocks its thread (a file write, a synchronous HTTP call) keeps every camera of that
         * I/O thread waiting: a hold of a second or more is logged as a warning and counted
         * (LongIoThreadHolds), holds over half of a few seconds are logged as a warning, and the waiting
         * cameras are not taken for stalled. Default false.
         *
         * Default: false
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder routeOnIoThread(boolean routeOnIoThread) {
            doSetProperty("routeOnIoThread", routeOnIoThread);
            return this;
        }

        /**
         * With transport=async and backpressure=block only: run the route on the I/O thread that read the
         * frame instead of handing the frame to a worker (asyncWorkerThreads). The hand-off wakes a worker
         * for every read that completes a frame; without it a fast stream takes about a third of the CPU per
         * GB and is read about twice as fast, close to the blocking transport (docs/performance.md). The
         * route runs asynchronously there: a step that ends later (a Kafka send's acknowledgement) gives the
         * thread back at once, with at most queueSize exchanges in flight per camera (reading pauses beyond).
         * A step that blocks its thread (a file write, a synchronous HTTP call) keeps every camera of that
         * I/O thread waiting: a hold of a second or more is logged as a warning and counted
         * (LongIoThreadHolds), holds over half of a few seconds are logged as a warning, and the waiting
         * cameras are not taken for stalled. Default false.
         *
         * Default: false
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder routeOnIoThread(String routeOnIoThread) {
            doSetProperty("routeOnIoThread", routeOnIoThread);
            return this;
        }

        /**
         * With transport=async only: a worker (asyncWorkerThreads) starts a frame's exchange and goes on with
         * the camera's next frame while a step of the route that ends later (a Kafka send waiting for its
         * acknowledgement) is in flight, as camel-jms's asyncConsumer. Without it each worker carries one
         * exchange to its end, so a route that waits 15 ms for an acknowledgement lets 8 workers carry about
         * 530 frames/s in all. Exchanges are started in the camera's order; the steps after an asynchronous
         * one run on the thread that ended it (the Kafka producer's), so they may run while the next frame's
         * first steps do. At most queueSize exchanges per camera are queued or in flight, and at most
         * maxQueuedBytes of their frames (backpressure decides beyond, as for the queue). A route that never
         * ends asynchronously runs as without it. Implied by routeOnIoThread. Default false.
         *
         * Default: false
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder asyncConsumer(boolean asyncConsumer) {
            doSetProperty("asyncConsumer", asyncConsumer);
            return this;
        }

        /**
         * With transport=async only: a worker (asyncWorkerThreads) starts a frame's exchange and goes on with
         * the camera's next frame while a step of the route that ends later (a Kafka send waiting for its
         * acknowledgement) is in flight, as camel-jms's asyncConsumer. Without it each worker carries one
         * exchange to its end, so a route that waits 15 ms for an acknowledgement lets 8 workers carry about
         * 530 frames/s in all. Exchanges are started in the camera's order; the steps after an asynchronous
         * one run on the thread that ended it (the Kafka producer's), so they may run while the next frame's
         * first steps do. At most queueSize exchanges per camera are queued or in flight, and at most
         * maxQueuedBytes of their frames (backpressure decides beyond, as for the queue). A route that never
         * ends asynchronously runs as without it. Implied by routeOnIoThread. Default false.
         *
         * Default: false
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder asyncConsumer(String asyncConsumer) {
            doSetProperty("asyncConsumer", asyncConsumer);
            return this;
        }

        /**
         * First delay before reconnecting after a failure, in milliseconds; doubles (with jitter) on each
         * failure.
         *
         * Default: 500
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder reconnectDelay(long reconnectDelay) {
            doSetProperty("reconnectDelay", reconnectDelay);
            return this;
        }

        /**
         * First delay before reconnecting after a failure, in milliseconds; doubles (with jitter) on each
         * failure.
         *
         * Default: 500
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder reconnectDelay(String reconnectDelay) {
            doSetProperty("reconnectDelay", reconnectDelay);
            return this;
        }

        /**
         * Reconnect when no byte has arrived for this long, in milliseconds. 0 (default) derives it from fps:
         * ten frame intervals, at least 3 seconds (10 seconds when fps is unset).
         *
         * Default: 0
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder stallTimeout(long stallTimeout) {
            doSetProperty("stallTimeout", stallTimeout);
            return this;
        }

        /**
         * Reconnect when no byte has arrived for this long, in milliseconds. 0 (default) derives it from fps:
         * ten frame intervals, at least 3 seconds (10 seconds when fps is unset).
         *
         * Default: 0
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder stallTimeout(String stallTimeout) {
            doSetProperty("stallTimeout", stallTimeout);
            return this;
        }

        /**
         * Reconnect when the camera sends bytes but no frame for this long, in milliseconds: garbage, a trickle, an
         * endless part header, a layout the parser cannot read. The reconnect is counted and the last error says why;
         * while it lasts the health check is DOWN and the progress log shows 0 fps. 0 (default) derives it: twice the
         * stall timeout in force (6 seconds at fps=10, 20 seconds when fps is unset).
         *
         * Default: 0
         * Group: consumer (advanced)
         */
        default AdvancedAxisMjpegEndpointBuilder noFrameTimeout(long noFrameTimeout) {
            doSetProperty("noFrameTimeout", noFrameTimeout);
            return this;
        }

        /**
         * Reconnect when the camera sends bytes but no frame for this long, in milliseconds: garbage, a trickle, an
         * endless part header, a layout the parser cannot read. The reconnect is counted and the last error says why;
         * while it lasts the health check is DOWN and the progress log shows 0 fps. 0 (default) derives it: twice the
         * stall timeout in force (6 seconds at fps=10, 20 seconds when fps is unset).
         *
         * Default: 0
         * Group: consumer (advanced)
         *
         * As text: converted by Camel, placeholders and #bean references allowed.
         */
        default AdvancedAxisMjpegEndpointBuilder noFrameTimeout(String noFrameTimeout) {
            doSetProperty("noFrameTimeout", noFrameTimeout);
            return this;
        }
    }

    /** Mix into an EndpointRouteBuilder to get axisMjpeg(...). */
    interface AxisMjpegBuilders {

        /**
         * A axis-mjpeg endpoint: axis-mjpeg:host:port.
         *
         * @param path host:port
         */
        default AxisMjpegEndpointBuilder axisMjpeg(String path) {
            return AxisMjpegEndpointBuilderFactory.endpointBuilder("axis-mjpeg", path);
        }

        /**
         * A axis-mjpeg endpoint of a component registered under another name.
         *
         * @param componentName the name the component is registered under
         * @param path          host:port
         */
        default AxisMjpegEndpointBuilder axisMjpeg(String componentName, String path) {
            return AxisMjpegEndpointBuilderFactory.endpointBuilder(componentName, path);
        }
    }

    static AxisMjpegEndpointBuilder endpointBuilder(String componentName, String path) {
        class AxisMjpegEndpointBuilderImpl extends AbstractEndpointBuilder implements AxisMjpegEndpointBuilder, AdvancedAxisMjpegEndpointBuilder {
            AxisMjpegEndpointBuilderImpl(String path) {
                super(componentName, path);
            }
        }
        return new AxisMjpegEndpointBuilderImpl(path);
    }
}
