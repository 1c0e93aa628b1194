package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.camelaxis.mjpeg.AxisMjpegComponent;
import io.camelaxis.mjpeg.AxisMjpegConsumer;
import io.camelaxis.mjpeg.AxisMjpegEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Service;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code axis-mjpeg} consumers of one task, in a CamelContext of the task's own.
 *
 * <p>
 * Why a CamelContext per task, with the consumers used directly (no routes): the component needs a context (type
 * conversion, thread pools, and for transport=async the shared I/O reactor), and a context per task makes a task's
 * life one unit: stop() stops exactly its cameras and threads, and tasks on the same worker share nothing that could
 * leak between them. Routes would add an error handler, a route controller and a second lifecycle for no gain: a
 * frame only has to be put in the task queue, which the consumer's processor does itself.
 */
final class TaskCameras implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCameras.class);
    /** Cameras stopped at once when a task stops. */
    static final int MAX_STOP_THREADS = 16;

    private final CamelContext camel;
    private final AxisMjpegComponent component;
    private final List<Consumer> consumers = new ArrayList<>();

    TaskCameras(String name) {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName(name);
        component = new AxisMjpegComponent();
        component.setHealthCheckConsumerEnabled(false); // status goes to Connect's metrics, not a Camel registry
        camel.addComponent("axis-mjpeg", component);
        camel.start();
    }

    /** Creates and validates the endpoint of one camera, as the component would from a URI. */
    static AxisMjpegEndpoint endpoint(AxisMjpegComponent component, CameraAddress camera,
                                      Map<String, Object> parameters) throws Exception {
        Map<String, Object> withId = new LinkedHashMap<>(parameters);
        withId.put("cameraId", camera.id());
        // the map is consumed by the component: every option it leaves over is an error
        return (AxisMjpegEndpoint) component.createEndpoint("axis-mjpeg:" + camera.hostAndPort(), withId);
    }

    /** Starts one camera; its connection opens on the consumer's own thread, so this returns at once. */
    AxisMjpegConsumer start(CameraAddress camera, Map<String, Object> parameters, Processor frames) throws Exception {
        AxisMjpegEndpoint endpoint = endpoint(component, camera, parameters);
        camel.addEndpoint(endpoint.getEndpointUri() + "#" + camera.id(), endpoint);
        Consumer consumer = endpoint.createConsumer(frames);
        consumer.start();
        synchronized (consumers) {
            consumers.add(consumer);
        }
        return (AxisMjpegConsumer) consumer;
    }

    /**
     * Stops every camera (each closes its connection first, freeing the camera's viewer slot), then the context.
     * The cameras stop side by side: a camera's stop can wait seconds for its threads (up to 5 s each for a thread
     * that does not end when interrupted), and one after the other that would add up to minutes for a task of many
     * cameras, past Connect's graceful stop timeout.
     */
    @Override
    public void close() {
        List<Consumer> toStop;
        synchronized (consumers) {
            toStop = new ArrayList<>(consumers);
            consumers.clear();
        }
        stopConcurrently(toStop, camel.getExecutorServiceManager(), this);
        try {
            camel.close();
        } catch (Exception e) {
            LOG.warn("Stopping the task's CamelContext failed: {}", e.getMessage());
        }
    }

    /**
     * Stops the services on up to {@value #MAX_STOP_THREADS} threads at once and returns when every stop has
     * returned. A stop that fails is logged; the others go on.
     */
    static void stopConcurrently(List<? extends Service> services, ExecutorServiceManager threads, Object owner) {
        if (services.isEmpty()) {
            return;
        }
        ExecutorService stoppers = threads.newFixedThreadPool(owner, "CameraStop",
                Math.min(services.size(), MAX_STOP_THREADS));
        try {
            List<Future<?>> stops = new ArrayList<>(services.size());
            for (Service service : services) {
                stops.add(stoppers.submit(() -> stopQuietly(service)));
            }
            for (Future<?> stop : stops) {
                try {
                    stop.get();
                } catch (ExecutionException e) { // an Error: stopQuietly catches the rest
                    LOG.warn("Stopping a camera failed: {}", e.getCause().toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while the task's cameras were stopping; the rest stop in the background");
        } finally {
            threads.shutdown(stoppers); // lets the stops under way finish
        }
    }

    private static void stopQuietly(Service service) {
        try {
            service.stop();
        } catch (RuntimeException e) {
            String name = service instanceof Consumer consumer
                    ? consumer.getEndpoint().getEndpointBaseUri() : service.toString();
            LOG.warn("Stopping {} failed: {}", name, e.getMessage());
        }
    }
}
