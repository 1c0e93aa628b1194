package io.camelaxis.mjpeg;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Consumes the MJPEG stream of an Axis network camera (VAPIX /axis-cgi/mjpg/video.cgi, or any
 * multipart/x-mixed-replace source) and emits one exchange per JPEG frame.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "axis-mjpeg", title = "Axis MJPEG", syntax = "axis-mjpeg:host:port",
             consumerOnly = true, category = { Category.IOT, Category.MONITORING },
             headersClass = AxisMjpegConstants.class)
public class AxisMjpegEndpoint extends DefaultEndpoint {

    @UriParam
    private AxisMjpegConfiguration configuration;

    public AxisMjpegEndpoint(String uri, AxisMjpegComponent component, AxisMjpegConfiguration configuration) {
        super(withCredentialsEncoded(uri), component);
        this.configuration = configuration;
    }

    /**
     * The endpoint URI with the user name and password percent-encoded instead of written as RAW(...) or RAW{...}.
     * Camel masks secrets wherever it shows an endpoint (JMX attributes and object names, toString, logs) with
     * {@code URISupport.sanitizeUri}, whose pattern ends a RAW(...) value at its first ')': a password such as
     * {@code RAW(pa)ss&w0rd)} would show as {@code password=xxxxxxss&w0rd)}. An encoded value has no ')' nor '&', so it
     * is masked whole, and the URI still means the same endpoint (Camel decodes the value back).
     */
    static String withCredentialsEncoded(String uri) {
        String result = uri;
        for (String key : new String[] { "username", "password" }) {
            result = encodeRawValue(result, key);
        }
        return result;
    }

    /**
     * Rewrites {@code key=RAW(...)} or {@code key=RAW{...}} (the Java DSL may have encoded the braces as %7B and %7D,
     * and a '%' or '#' inside as %25 and %23) into {@code key=<percent-encoded value>}.
     */
    private static String encodeRawValue(String uri, String key) {
        int question = uri == null ? -1 : uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        for (int i = question + 1; i > 0; i = uri.indexOf('&', i) + 1) {
            if (!uri.startsWith(key + "=", i)) {
                continue;
            }
            int value = i + key.length() + 1;
            String[][] shapes = { { "RAW(", ")" }, { "RAW{", "}" }, { "RAW%7B", "%7D" }, { "RAW%7b", "%7d" } };
            for (String[] shape : shapes) {
                if (uri.startsWith(shape[0], value)) {
                    return encodeRawValue(uri, value, shape[0].length(), shape[1]);
                }
            }
            return uri;
        }
        return uri;
    }

    private static String encodeRawValue(String uri, int value, int openLength, String closer) {
        // the value ends at the first closer followed by '&' or the end: a ')' inside the password does not end it
        for (int at = value + openLength; at < uri.length(); at++) {
            int end = at + closer.length();
            if (uri.startsWith(closer, at) && (end == uri.length() || uri.charAt(end) == '&')) {
                String inner = uri.substring(value + openLength, at);
                String raw;
                try {
                    raw = URLDecoder.decode(inner.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    raw = inner; // a '%' that is not an escape: it is part of the password
                }
                return uri.substring(0, value) + URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20")
                       + uri.substring(end);
            }
        }
        return uri;
    }

    @Override
    public AxisMjpegComponent getComponent() {
        return (AxisMjpegComponent) super.getComponent();
    }

    public AxisMjpegConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(AxisMjpegConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Processor instrumented = CameraMetrics.instrument(this, processor);
        AxisMjpegConsumer consumer = new AxisMjpegConsumer(this, instrumented);
        CameraMetrics.observe(instrumented, consumer);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "axis-mjpeg is a consumer only (from(\"axis-mjpeg:...\")); send frames on with to(...)");
    }

    @Override
    public boolean isLenientProperties() {
        return false;
    }
}
