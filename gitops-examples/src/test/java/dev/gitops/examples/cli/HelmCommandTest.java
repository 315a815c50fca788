package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HelmCommandTest {

    static final String DIR = "src/test/resources/values-diff/";

    @Test
    void valuesDiffShowsEffectiveDifferencesWithSecretsMasked() {
        TemplateCommandTest.Result r = TemplateCommandTest.run("helm", "values-diff", DIR + "staging.yaml",
                DIR + "production.yaml");
        assertEquals(1, r.code(), r.err());
        assertEquals("""
                db.password: *** -> ***
                ingress.host: "staging.example.com" -> "www.example.com"
                monitoring: <absent> -> true
                replicaCount: 1 -> 3
                """, r.out());
        assertFalse(r.out().contains("staging-pass") || r.out().contains("prod-pass"));
    }

    @Test
    void identicalFilesExitZero() {
        TemplateCommandTest.Result r = TemplateCommandTest.run("helm", "values-diff", DIR + "staging.yaml",
                DIR + "staging.yaml");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingReferenceIsAnInputError() {
        TemplateCommandTest.Result r = TemplateCommandTest.run("helm", "values-diff", DIR + "staging.yaml",
                DIR + "nope.yaml");
        assertEquals(2, r.code());
    }
}
