package io.camelaxis.mjpeg;

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
        super(uri, component);
        this.configuration = configuration;
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
