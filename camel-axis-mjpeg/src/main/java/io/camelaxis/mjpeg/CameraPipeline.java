package io.camelaxis.mjpeg;

import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;

/**
 * A consumer's transport and frame dispatcher, built in one place because they depend on each other:
 * {@link FrameDispatcher.Plan} maps transport x backpressure to inline or queued delivery, and this class creates what
 * that plan needs (a dispatch thread of the camera, or the component's shared workers) and the transport that feeds
 * it. The consumer only starts and stops the pipeline.
 */
final class CameraPipeline {

    private final FrameDispatcher dispatcher;
    private final CameraTransport transport;
    private OwnThread dispatchThread;

    private CameraPipeline(FrameDispatcher dispatcher, CameraTransport transport, OwnThread dispatchThread) {
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.dispatchThread = dispatchThread;
    }

    /**
     * @param owner        the consumer, as owner of the threads this pipeline creates (Camel names and tracks them)
     * @param route        delivers one frame to the route, to its end
     * @param asyncRoute   starts one frame's exchange and tells when it ends (routeOnIoThread, asyncConsumer)
     * @param onDrop       counts a frame a full queue dropped
     * @param onUnexpected told of anything a queued delivery threw
     */
    static CameraPipeline create(AxisMjpegConsumer owner, AxisMjpegConfiguration cfg, String cameraId,
                                 ConnectionEvents events, AsyncResources shared, Consumer<Frame> route,
                                 FrameDispatcher.AsyncRoute asyncRoute, Runnable onDrop,
                                 BiConsumer<Frame, Throwable> onUnexpected) {
        CamelContext context = owner.getEndpoint().getCamelContext();
        FrameDispatcher.Plan plan = FrameDispatcher.Plan.of(cfg.getTransport(), cfg.getBackpressure(),
                cfg.getQueueSize(), cfg.isRouteOnIoThread(), cfg.isAsyncConsumer());
        OwnThread dispatchThread = null;
        FrameDispatcher dispatcher;
        if (plan.inline() && plan.async()) {
            dispatcher = FrameDispatcher.inlineAsync(asyncRoute, plan.capacity(), cfg.getMaxQueuedBytes());
        } else if (plan.inline()) {
            dispatcher = FrameDispatcher.inline(route);
        } else {
            Executor executor;
            if (plan.ownThread()) {
                dispatchThread = new OwnThread(context, owner, "AxisMjpegDispatcher[" + cameraId + "]");
                executor = dispatchThread;
            } else {
                executor = shared.workers(); // created on first use: blocking consumers never start the pool
            }
            dispatcher = plan.async()
                    ? FrameDispatcher.queuedAsync(plan.capacity(), cfg.getMaxQueuedBytes(), plan.dropOldest(),
                            asyncRoute, onDrop, onUnexpected, executor)
                    : FrameDispatcher.queued(plan.capacity(), cfg.getMaxQueuedBytes(), plan.dropOldest(), route,
                            onDrop, onUnexpected, executor);
        }
        CameraTransport transport = cfg.getTransport() == Transport.async
                ? new AsyncCameraTransport(cfg, cameraId, events, shared, dispatcher)
                : new BlockingCameraTransport(cfg, context, owner, cameraId, events, shared.hostLookups());
        return new CameraPipeline(dispatcher, transport, dispatchThread);
    }

    void start() throws Exception {
        dispatcher.start();
        transport.start();
    }

    /** Closes the connection and stops taking frames; a delivery already under way may still be running. */
    void stopReading() {
        transport.stop();
        dispatcher.stop();
    }

    /**
     * Ends the camera's own dispatch thread, if it has one. Only after deliveries in progress are done: ending it
     * interrupts the route under a frame.
     */
    void stopDispatchThread() throws InterruptedException {
        if (dispatchThread != null) {
            dispatchThread.stop(5000);
            dispatchThread = null;
        }
    }

    FrameDispatcher dispatcher() {
        return dispatcher;
    }

    CameraTransport transport() {
        return transport;
    }
}
