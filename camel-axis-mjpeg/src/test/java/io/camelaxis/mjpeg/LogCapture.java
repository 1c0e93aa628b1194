package io.camelaxis.mjpeg;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Keeps the lines one logger writes while the capture is open (the real log4j pipeline, no mock). */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Class<?> source) {
        super("capture-" + source.getSimpleName() + "-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = (Logger) LogManager.getLogger(source);
    }

    static LogCapture of(Class<?> source) {
        LogCapture capture = new LogCapture(source);
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                  + (event.getThrown() == null ? "" : " | " + event.getThrown()));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
