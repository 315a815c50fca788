package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = GitOpsCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final String DESIRED = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
              namespace: shop
            data:
              mode: prod
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: shop
            stringData:
              password: hunter2
            """;

    private static final String LIVE = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: app
                namespace: shop
                resourceVersion: "9"
              data:
                mode: dev
            - apiVersion: v1
              kind: Secret
              metadata:
                name: db
                namespace: shop
              data:
                password: aHVudGVyMg==
            """;

    @Test
    void driftGivesExitCode1AndAUnifiedDiff() throws IOException {
        int code = run("diff", "--desired", write("d.yaml", DESIRED).toString(), "--live",
                write("l.yaml", LIVE).toString());
        assertEquals(1, code, err.toString());
        assertEquals("""
                diff -u -N live/v1.ConfigMap.shop.app merged/v1.ConfigMap.shop.app
                --- live/v1.ConfigMap.shop.app
                +++ merged/v1.ConfigMap.shop.app
                @@ -1,6 +1,6 @@
                 apiVersion: v1
                 data:
                -  mode: dev
                +  mode: prod
                 kind: ConfigMap
                 metadata:
                   name: app
                """, out.toString());
    }

    @Test
    void inSyncGivesExitCode0() throws IOException {
        int code = run("diff", "--desired", write("d.yaml", DESIRED).toString(), "--live",
                write("l.yaml", LIVE).toString(), "--ignore", "/data/mode");
        assertEquals(0, code, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void jsonOutputNeverShowsSecrets() throws IOException {
        String live = LIVE.replace("aHVudGVyMg==", "b2xk");
        int code = run("diff", "--desired", write("d.yaml", DESIRED).toString(), "--live",
                write("l.yaml", live).toString(), "-o", "json");
        assertEquals(1, code, err.toString());
        String json = out.toString();
        assertTrue(json.contains("\"drifted\" : 2"), json);
        assertTrue(json.contains("\"path\" : \"/data/password\""), json);
        assertFalse(json.contains("hunter2") || json.contains("aHVudGVyMg") || json.contains("b2xk"), json);
    }

    @Test
    void badInputGivesExitCode2WithFileAndLine() throws IOException {
        int code = run("diff", "--desired", write("d.yaml", "apiVersion: v1\nkind: [x\n").toString(), "--live",
                write("l.yaml", LIVE).toString());
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("d.yaml"), err.toString());
        assertEquals(2, run("diff", "--desired", dir.resolve("missing.yaml").toString(), "--live",
                dir.resolve("l.yaml").toString()));
        assertEquals(2, run("diff", "--desired", dir.resolve("d.yaml").toString()));
        assertEquals(2, run("diff", "--desired", dir.resolve("l.yaml").toString(), "--live",
                dir.resolve("l.yaml").toString(), "--output", "xml"));
    }

    @Test
    void ignoreWithASelectorAppliesToMatchingObjectsOnly() throws IOException {
        Path d = write("d.yaml", DESIRED);
        Path l = write("l.yaml", LIVE);
        assertEquals(0, run("diff", "--desired", d.toString(), "--live", l.toString(), "--ignore",
                "ConfigMap/app=/data/mode"), err.toString());
        assertEquals(1, run("diff", "--desired", d.toString(), "--live", l.toString(), "--ignore",
                "ConfigMap/other=/data/mode"));
        assertEquals(0, run("diff", "--desired", d.toString(), "--live", l.toString(), "--ignore",
                "ConfigMap/ap*=/data/mode"));
        assertEquals(2, run("diff", "--desired", d.toString(), "--live", l.toString(), "--ignore",
                "configmap=/data/mode"));
        assertTrue(err.toString().contains("selector must be"), err.toString());
    }
}
