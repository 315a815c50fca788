package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingDefaultsTest {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private Properties saved;

    @BeforeEach
    void save() {
        saved = (Properties) System.getProperties().clone();
        System.clearProperty(LEVEL);
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void shortCommandsLogWarningsOnly() {
        GitOpsCli.configureLogging(null, false);
        assertEquals("warn", System.getProperty(LEVEL));
    }

    @Test
    void reconcileLogsLikeAController() {
        GitOpsCli.configureLogging("  ", true);
        assertEquals("info", System.getProperty(LEVEL));
    }

    @Test
    void environmentWinsOverTheDefault() {
        GitOpsCli.configureLogging("debug", true);
        assertEquals("debug", System.getProperty(LEVEL));
    }

    @Test
    void explicitSystemPropertyWins() {
        System.setProperty(LEVEL, "trace");
        GitOpsCli.configureLogging("debug", false);
        assertEquals("trace", System.getProperty(LEVEL));
        assertEquals("System.err", System.getProperty("org.slf4j.simpleLogger.logFile"));
    }
}
