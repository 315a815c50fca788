package dev.gitops.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's API tour runs on the example fleet and shows what it promises. */
class QuickStartTest {

    @Test
    void tourBuildsSelectsAndDetectsDrift() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(Path.of("fleet"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("kind: Deployment"), out);
        assertTrue(out.contains("# latest: 1.10.0"), out);
        assertTrue(out.contains("# drift: ") && out.contains("replicas"), out);
    }
}
