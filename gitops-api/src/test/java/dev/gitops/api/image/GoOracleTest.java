package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.internal.GoFloat;
import dev.gitops.api.image.internal.GoRegex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests against Go's standard library, recorded by {@code src/test/go/oracle}: regexp (search and
 * ExpandString), strconv.ParseFloat, and text/template over Flux-shaped commit message data.
 */
class GoOracleTest {

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = GoOracleTest.class.getResourceAsStream("/oracle/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> regexp() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : golden("go-regexp.json")) {
            String pattern = c.get("pattern").asText();
            out.add(DynamicTest.dynamicTest("regexp " + pattern, () -> {
                if (!c.get("valid").asBoolean()) {
                    assertThrows(IllegalArgumentException.class, () -> GoRegex.compile(pattern));
                    return;
                }
                GoRegex re = GoRegex.compile(pattern);
                Set<String> matched = new HashSet<>();
                for (JsonNode s : c.path("subjects")) {
                    String subject = s.get("subject").asText();
                    matched.add(subject);
                    Matcher m = re.matcher(subject);
                    assertTrue(re.find(m), "should match " + subject);
                    List<String> groups = new ArrayList<>();
                    for (int g = 0; g <= m.groupCount(); g++) {
                        groups.add(m.group(g));
                    }
                    List<String> want = new ArrayList<>();
                    s.get("groups").forEach(g -> want.add(g.isNull() ? null : g.asText()));
                    assertEquals(want, groups, "groups on " + subject);
                    for (var e : (Iterable<Map.Entry<String, JsonNode>>) s.get("expand")::fields) {
                        assertEquals(e.getValue().asText(), re.expand(e.getKey(), subject, m),
                                "expand " + e.getKey() + " on " + subject);
                    }
                }
                for (String subject : List.of("", "v1.2.3", "1.2.3", "main-abc123-1700000000", "abcd", "aab", "RC7",
                        "xv1", "x\u000by", "a\nb", "a\nc", "abc", "xxxx", "[", "&", "AA", "y", "b", "ab")) {
                    if (!matched.contains(subject)) {
                        assertFalse(re.find(re.matcher(subject)), "should not match " + subject);
                    }
                }
            }));
        }
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> parseFloat() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : golden("go-parsefloat.json")) {
            String in = c.get("input").asText();
            out.add(DynamicTest.dynamicTest("ParseFloat " + in, () -> {
                Double d = GoFloat.parse(in);
                if (c.get("value").isNull()) {
                    assertNull(d);
                } else {
                    assertNotNull(d, in);
                    String v = c.get("value").asText();
                    switch (v) {
                        case "NaN" -> assertTrue(d.isNaN());
                        case "+Inf" -> assertEquals(Double.POSITIVE_INFINITY, d);
                        case "-Inf" -> assertEquals(Double.NEGATIVE_INFINITY, d);
                        default -> assertEquals(Double.parseDouble(v), d, in);
                    }
                }
            }));
        }
        return out.stream();
    }

    /** The same data as the Go oracle's TemplateData. */
    static UpdateResult fluxShapedResult() {
        ImageRef web = ImageRef.parse("ghcr.io/acme/web:1.1.0");
        ObjectRef kus = new ObjectRef("kustomize.config.k8s.io/v1beta1", "Kustomization", "", "");
        ObjectRef dep = new ObjectRef("apps/v1", "Deployment", "shop", "web");
        ObjectRef cron = new ObjectRef("batch/v1", "CronJob", "shop", "report");
        return new UpdateResult(List.of(
                new UpdateResult.FileChange("kustomization.yaml", List.of(
                        new UpdateResult.Change(kus, "flux-system:web:tag", "1.0.0", "1.1.0", web, 5))),
                new UpdateResult.FileChange("prod/web.yaml", List.of(
                        new UpdateResult.Change(dep, "flux-system:web", "ghcr.io/acme/web:1.0.0",
                                "ghcr.io/acme/web:1.1.0", web, 9),
                        new UpdateResult.Change(cron, "flux-system:web", "ghcr.io/acme/web:1.0.0",
                                "ghcr.io/acme/web:1.1.0", web, 30),
                        new UpdateResult.Change(cron, "flux-system:web:tag", "1.0.0", "1.1.0", web, 31)))),
                List.of());
    }

    @TestFactory
    Stream<DynamicTest> commitMessages() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : golden("go-template-flux.json")) {
            String t = c.get("template").asText();
            out.add(DynamicTest.dynamicTest("template " + t.replace('\n', ' '), () -> {
                if (c.get("error").isNull()) {
                    ImageUpdateAutomation a = ImageUpdateAutomation.builder().automation("flux-system", "apps")
                            .checkoutBranch("main").author("a", "a@b").messageTemplate(t)
                            .messageTemplateValues(Map.of("env", "prod", "team", "shop"))
                            .updater(ImageUpdater.builder().namespace("flux-system").build()).build();
                    assertEquals(c.get("output").asText(), a.message(fluxShapedResult()));
                    return;
                }
                String goError = c.get("error").asText();
                String detail = goError.substring(goError.lastIndexOf(">: ") + 3);
                RuntimeException e = assertThrows(RuntimeException.class, () -> ImageUpdateAutomation.builder()
                        .automation("flux-system", "apps").checkoutBranch("main").author("a", "a@b")
                        .messageTemplate(t).messageTemplateValues(Map.of("env", "prod", "team", "shop"))
                        .updater(ImageUpdater.builder().namespace("flux-system").build()).build()
                        .message(fluxShapedResult()));
                assertTrue(e instanceof InvalidInputException, e.toString());
                if (detail.contains("field Updated")) {
                    assertTrue(e.getMessage().startsWith("template uses removed '.Updated' field"), e.getMessage());
                } else if (detail.contains("field ImageResult")) {
                    assertTrue(e.getMessage().startsWith("template uses removed '.Changed.ImageResult'"), e.getMessage());
                } else {
                    // the oracle declared Flux's types in package main
                    String flux = goError.replace("main.TemplateData", "source.TemplateData")
                            .replace("main.Result", "update.Result").replace("main.NamespacedName", "types.NamespacedName");
                    assertEquals("failed to run template from spec: " + flux, e.getMessage());
                }
            }));
        }
        return out.stream();
    }
}
