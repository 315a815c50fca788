package dev.gitops.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test: generated versions and constraints run through the real Masterminds/semver v3 (recorded by
 * {@code src/test/go/oracle}) and through ours.
 */
class MastermindsOracleTest {

    static JsonNode golden() throws IOException {
        try (InputStream in = MastermindsOracleTest.class.getResourceAsStream("/oracle/masterminds-semver.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    @TestFactory
    Stream<DynamicTest> versions() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode v : golden().get("versions")) {
            String in = v.get("input").asText();
            out.add(DynamicTest.dynamicTest("version " + in, () -> {
                assertEquals(text(v.get("loose")), SemVer.tryParse(in).map(SemVer::toString), "NewVersion");
                assertEquals(text(v.get("loose_original")), SemVer.tryParse(in).map(SemVer::original));
                assertEquals(text(v.get("strict")), SemVer.tryParse(in, SemVer.Mode.STRICT).map(SemVer::toString),
                        "StrictNewVersion");
                assertEquals(text(v.get("no_coerce")),
                        SemVer.tryParse(in, SemVer.Mode.LOOSE_NO_LEADING_ZEROS).map(SemVer::toString), "coerce=false");
            }));
        }
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> compare() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : golden().get("compare")) {
            String a = c.get("a").asText();
            String b = c.get("b").asText();
            out.add(DynamicTest.dynamicTest(a + " <=> " + b, () ->
                    assertEquals(c.get("cmp").asInt(), SemVer.parse(a).compareTo(SemVer.parse(b)))));
        }
        return out.stream();
    }

    @TestFactory
    Stream<DynamicTest> constraints() throws IOException {
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode c : golden().get("constraints")) {
            String con = c.get("constraint").asText();
            out.add(DynamicTest.dynamicTest("constraint " + con, () -> {
                Optional<String> err = text(c.get("error"));
                if (err.isPresent()) {
                    SemVerException e = assertThrows(SemVerException.class, () -> Constraint.parse(con));
                    if (err.get().startsWith("improper constraint")) {
                        assertEquals(err.get(), e.getMessage());
                    } else {
                        assertTrue(e.getMessage().startsWith(err.get()), e.getMessage() + " vs " + err.get());
                    }
                } else {
                    assertEquals(c.get("string").asText(), Constraint.parse(con).toString());
                }
            }));
        }
        return out.stream();
    }

    /** One dynamic test per constraint (each with its versions), to keep the suite fast. */
    @TestFactory
    Stream<DynamicTest> checks() throws IOException {
        java.util.Map<String, List<JsonNode>> byConstraint = new java.util.LinkedHashMap<>();
        for (JsonNode c : golden().get("checks")) {
            byConstraint.computeIfAbsent(c.get("constraint").asText(), k -> new ArrayList<>()).add(c);
        }
        List<DynamicTest> out = new ArrayList<>();
        byConstraint.forEach((con, cases) -> out.add(DynamicTest.dynamicTest("check " + con, () -> {
            Constraint parsed = Constraint.parse(con);
            org.junit.jupiter.api.Assertions.assertAll(cases.stream().map(c -> () -> {
                String ver = c.get("version").asText();
                boolean pre = c.get("include_prerelease").asBoolean();
                Constraint k = parsed.withIncludePrerelease(pre);
                SemVer v = SemVer.parse(ver);
                assertEquals(c.get("check").asBoolean(), k.matches(v), () -> "Check " + ver + (pre ? " +pre" : ""));
                List<String> reasons = new ArrayList<>();
                c.get("reasons").forEach(r -> reasons.add(r.asText()));
                assertEquals(reasons, k.validate(v).reasons(), () -> "Validate " + ver + (pre ? " +pre" : ""));
            }));
        })));
        return out.stream();
    }
}
