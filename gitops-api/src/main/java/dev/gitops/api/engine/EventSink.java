package dev.gitops.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where reconcile events go: logs, a webhook, a test. Implementations are thread-safe and must not block long. */
@FunctionalInterface
public interface EventSink {

    /** Receives one event. */
    void emit(Event event);

    /** Logs events through SLF4J (info and warn). */
    static EventSink logging() {
        Logger log = LoggerFactory.getLogger("dev.gitops.api.engine.events");
        return e -> {
            if (e.severity() == Event.Severity.ERROR) {
                log.warn("{} {}: {}", e.involvedObject(), e.reason(), e.message());
            } else {
                log.info("{} {}: {}", e.involvedObject(), e.reason(), e.message());
            }
        };
    }

    /** Discards events. */
    static EventSink none() {
        return e -> { };
    }

    /** A sink that keeps every event in memory, for tests and the CLI. */
    static Recording recording() {
        return new Recording();
    }

    /** An in-memory sink. */
    final class Recording implements EventSink {
        private final List<Event> events = new ArrayList<>();

        private Recording() {
        }

        @Override
        public synchronized void emit(Event event) {
            events.add(event);
        }

        /** A copy of the events so far, oldest first. */
        public synchronized List<Event> events() {
            return List.copyOf(events);
        }

        /** Forgets the events. */
        public synchronized void clear() {
            events.clear();
        }
    }
}
