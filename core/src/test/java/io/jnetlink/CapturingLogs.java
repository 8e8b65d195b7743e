package io.jnetlink;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.ArrayList;
import java.util.List;

/** The tests' SLF4J provider: keeps every log event (all levels) for assertions, prints WARN and above. */
public final class CapturingLogs implements SLF4JServiceProvider {

    /** One captured event. */
    public record Event(String logger, Level level, String message) {
    }

    private static final List<Event> EVENTS = new ArrayList<>();

    /** A copy of the events so far. */
    public static synchronized List<Event> events() {
        return new ArrayList<>(EVENTS);
    }

    /** Forgets every event. */
    public static synchronized void clear() {
        EVENTS.clear();
    }

    private static synchronized void add(Event e) {
        EVENTS.add(e);
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
            String text = MessageFormatter.basicArrayFormat(msg, args);
            add(new Event(name, level, text));
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println(level + " " + name + ": " + text);
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    private final ILoggerFactory factory = CapturingLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }
}
