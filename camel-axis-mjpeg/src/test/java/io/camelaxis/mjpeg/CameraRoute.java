package io.camelaxis.mjpeg;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** A Camel context with one route, {@code from(uri).process(collector)}, for tests that need their own camera. */
public final class CameraRoute implements AutoCloseable {

    public static final String ROUTE_ID = "camera";

    private final CamelContext context;
    private final FrameCollector collector = new FrameCollector();

    private CameraRoute(CamelContext context) {
        this.context = context;
    }

    public static CameraRoute start(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        CameraRoute route = new CameraRoute(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(ROUTE_ID).process(route.collector);
            }
        });
        context.start();
        return route;
    }

    public CamelContext context() {
        return context;
    }

    public FrameCollector frames() {
        return collector;
    }

    public AxisMjpegConsumer consumer() {
        return (AxisMjpegConsumer) context.getRoute(ROUTE_ID).getConsumer();
    }

    @Override
    public void close() {
        context.stop();
    }
}
