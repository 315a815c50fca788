package dev.gitops.api.engine;

import java.time.Duration;

/** How the engine waits between health polls; tests inject one that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code d}. */
    void sleep(Duration d) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
