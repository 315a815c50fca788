package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gitops template} against outputs recorded from {@code helm template} (gitops-helm's golden files). */
class TemplateCommandTest {

    static final Path HELM_RES = Path.of("../gitops-helm/src/test/resources");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GitOpsCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsExactlyWhatHelmTemplatePrints() throws Exception {
        Result r = run("template", "prod", HELM_RES.resolve("charts/webapp").toString(),
                "-f", HELM_RES.resolve("values/prod.yaml").toString(), "--namespace", "production",
                "--set", "replicaCount=3", "--set-string", "image.tag=010", "--set", "env.WORKERS=8,env.NEW=null");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(HELM_RES.resolve("golden/webapp-prod.out")), r.out());
    }

    @Test
    void crdsAndSkipTests() throws Exception {
        Result r = run("template", "rel", HELM_RES.resolve("charts/webapp").toString(), "-f",
                HELM_RES.resolve("values/nodb.yaml").toString(), "--include-crds", "--skip-tests");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(HELM_RES.resolve("golden/webapp-nodb.out")), r.out());
    }

    @Test
    void errorsGoToStderrWithExitCode2() throws Exception {
        Result r = run("template", "rel", HELM_RES.resolve("charts/webapp").toString(), "--kube-version", "1.20.0");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("error: " + Files.readString(HELM_RES.resolve("golden/webapp-oldkube.err")).strip(),
                r.err().strip());
        Result missing = run("template", "rel", "/nonexistent/chart");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: "), missing.err());
    }
}
