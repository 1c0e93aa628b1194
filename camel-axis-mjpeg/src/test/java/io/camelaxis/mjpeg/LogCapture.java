package io.camelaxis.mjpeg;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps the lines one logger writes while the capture is open (the real log4j pipeline, no mock). Closing it leaves
 * the logging configuration as it found it: log4j adds a logger configuration of its own for the captured logger,
 * which passes nothing on to the console; left behind, it kept the logger's lines from the console for every later
 * test in the JVM (a CI failure came without a single line of the consumer's log). While capturing, the lines go to
 * the console as well.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final Logger logger;
    private final boolean hadOwnConfiguration;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Class<?> source) {
        super("capture-" + source.getSimpleName() + "-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = (Logger) LogManager.getLogger(source);
        this.hadOwnConfiguration = logger.getContext().getConfiguration().getLoggers().containsKey(logger.getName());
    }

    public static LogCapture of(Class<?> source) {
        LogCapture capture = new LogCapture(source);
        capture.start();
        capture.logger.addAppender(capture);
        if (!capture.hadOwnConfiguration) {
            // the configuration log4j adds for the captured logger does not pass lines on: the console keeps them too
            capture.logger.getContext().getConfiguration().getLoggerConfig(capture.logger.getName()).setAdditive(true);
            capture.logger.getContext().updateLoggers();
        }
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                  + (event.getThrown() == null ? "" : " | " + event.getThrown()));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
        if (!hadOwnConfiguration) {
            logger.getContext().getConfiguration().removeLogger(logger.getName());
            logger.getContext().updateLoggers();
        }
    }
}
