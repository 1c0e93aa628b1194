package io.camelaxis.mjpeg.examples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The numbers of the frames a sink route gave up on, seen from outside the route: Camel reports every exchange its
 * error handler handled ({@code onException(...).handled(true)}) as an event.
 */
final class DroppedFrameNumbers extends EventNotifierSupport {

    private final Set<Long> numbers = ConcurrentHashMap.newKeySet();

    static DroppedFrameNumbers watch(CamelContext context) {
        DroppedFrameNumbers watcher = new DroppedFrameNumbers();
        context.getManagementStrategy().addEventNotifier(watcher);
        return watcher;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        numbers.add(((CamelEvent.ExchangeFailureHandledEvent) event).getExchange().getIn()
                .getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class));
    }

    Set<Long> numbers() {
        return Set.copyOf(numbers);
    }
}
