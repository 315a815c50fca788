package dev.gitops.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.testing.SharedConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of Masterminds/semver v3's test tables ({@code conformance/semver}). */
class SemVerConformanceTest {

    private static Stream<DynamicTest> each(JsonNode file, String group, Consumer<JsonNode> body) {
        JsonNode arr = file.get(group);
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            fail("group " + group + " missing from the vectors");
        }
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode v : arr) {
            String name = group + "#" + (i++) + " " + v.path("constraint").asText(v.path("version").asText(
                    v.path("input").asText(v.path("v1").asText()))) + SharedConformance.where(v);
            tests.add(DynamicTest.dynamicTest(name, () -> body.accept(v)));
        }
        return tests.stream();
    }

    private static JsonNode constraints() {
        return SharedConformance.json("semver", "constraints.json");
    }

    private static JsonNode versions() {
        return SharedConformance.json("semver", "versions.json");
    }

    private static SemVer.Mode mode(String parser) {
        return switch (parser) {
            case "StrictNewVersion" -> SemVer.Mode.STRICT;
            case "NewVersion" -> SemVer.Mode.LOOSE;
            case "NewVersion(coerce=false)" -> SemVer.Mode.LOOSE_NO_LEADING_ZEROS;
            default -> throw new AssertionError("parser " + parser);
        };
    }

    private static SemVerException.Kind kind(String goError) {
        return switch (goError) {
            case "ErrInvalidSemVer" -> SemVerException.Kind.INVALID_SEMVER;
            case "ErrSegmentStartsZero" -> SemVerException.Kind.SEGMENT_STARTS_ZERO;
            case "ErrInvalidPrerelease" -> SemVerException.Kind.INVALID_PRERELEASE;
            case "ErrInvalidMetadata" -> SemVerException.Kind.INVALID_METADATA;
            case "ErrInvalidCharacters" -> SemVerException.Kind.INVALID_CHARACTERS;
            case "ErrEmptyString" -> SemVerException.Kind.EMPTY;
            default -> throw new AssertionError("error " + goError);
        };
    }

    // ------------------------------------------------------------------ constraints.json

    @TestFactory
    Stream<DynamicTest> check() {
        return each(constraints(), "check", v -> {
            String c = v.get("constraint").asText();
            SemVer ver = SemVer.parse(v.get("version").asText());
            boolean expected = v.get("expected").asBoolean();
            if (v.get("via").asText().equals("single")) {
                assertEquals(expected, Constraint.checkSingle(c, ver));
                if (c.isEmpty()) {
                    // the public API rejects "" (Flux lists it as an invalid range)
                    assertThrows(SemVerException.class, () -> Constraint.parse(c));
                    return;
                }
            }
            Constraint con = Constraint.parse(c).withIncludePrerelease(v.get("include_prerelease").asBoolean());
            assertEquals(expected, con.matches(ver), "Check");
            Constraint.Validation val = con.validate(ver);
            assertEquals(expected, val.satisfied(), () -> "Validate " + val.reasons());
            assertEquals(expected, val.reasons().isEmpty());
        });
    }

    @TestFactory
    Stream<DynamicTest> validateFirstMessage() {
        return each(constraints(), "validate_first_message", v -> {
            Constraint con = Constraint.parse(v.get("constraint").asText())
                    .withIncludePrerelease(v.get("include_prerelease").asBoolean());
            SemVer ver = SemVer.parse(v.get("version").asText(), mode(v.get("version_parser").asText()));
            Constraint.Validation val = con.validate(ver);
            assertFalse(val.satisfied());
            assertEquals(v.get("first_message").asText(), val.reasons().get(0));
        });
    }

    @TestFactory
    Stream<DynamicTest> validateAllMessages() {
        return each(constraints(), "validate_all_messages", v -> {
            Constraint con = Constraint.parse(v.get("constraint").asText())
                    .withIncludePrerelease(v.get("include_prerelease").asBoolean());
            SemVer ver = SemVer.parse(v.get("version").asText(), mode(v.get("version_parser").asText()));
            List<String> expected = new ArrayList<>();
            v.get("messages").forEach(m -> expected.add(m.asText()));
            assertEquals(expected, con.validate(ver).reasons());
            assertEquals(v.get("message_count").asInt(), con.validate(ver).reasons().size());
        });
    }

    @TestFactory
    Stream<DynamicTest> parseConstraint() {
        return each(constraints(), "parse_constraint", v -> {
            String c = v.get("constraint").asText();
            if (v.get("error").asBoolean()) {
                assertThrows(SemVerException.class, () -> Constraint.Term.parse(c));
                return;
            }
            Constraint.Term t = Constraint.Term.parse(c);
            assertEquals(Constraint.Operator.of(v.get("operator").asText()), t.operator);
            String fn = switch (t.operator) {
                case TILDE_OR_EQUAL -> "constraintTildeOrEqual";
                case NOT_EQUAL -> "constraintNotEqual";
                case GREATER_THAN -> "constraintGreaterThan";
                case LESS_THAN -> "constraintLessThan";
                case GREATER_THAN_EQUAL -> "constraintGreaterThanEqual";
                case LESS_THAN_EQUAL -> "constraintLessThanEqual";
                case TILDE -> "constraintTilde";
                case CARET -> "constraintCaret";
            };
            assertEquals(v.get("operator_func").asText(), fn);
            assertEquals(v.get("normalized_version").asText(), t.con.toString());
        });
    }

    @TestFactory
    Stream<DynamicTest> newConstraint() {
        return each(constraints(), "new_constraint", v -> {
            String c = v.get("constraint").asText();
            if (v.get("error").asBoolean()) {
                SemVerException e = assertThrows(SemVerException.class, () -> Constraint.parse(c));
                assertEquals(SemVerException.Kind.IMPROPER_CONSTRAINT, e.kind());
                assertFalse(Constraint.isValid(c));
                return;
            }
            Constraint con = Constraint.parse(c);
            assertEquals(v.get("or_groups").asInt(), con.groupCount());
            assertEquals(v.get("first_group_and_count").asInt(), con.termCount(0));
        });
    }

    @TestFactory
    Stream<DynamicTest> rewriteRange() {
        return each(constraints(), "rewrite_range",
                v -> assertEquals(v.get("output").asText(), Constraint.rewriteRange(v.get("input").asText())));
    }

    @TestFactory
    Stream<DynamicTest> isX() {
        return each(constraints(), "is_x",
                v -> assertEquals(v.get("expected").asBoolean(), Constraint.isX(v.get("input").asText())));
    }

    @TestFactory
    Stream<DynamicTest> string() {
        return each(constraints(), "string", v -> {
            Constraint con = Constraint.parse(v.get("constraint").asText());
            assertEquals(v.get("string").asText(), con.toString());
            // UnmarshalText round trip: the normal form parses to the same normal form
            assertEquals(con.toString(), Constraint.parse(con.toString()).toString());
        });
    }

    // ------------------------------------------------------------------ versions.json

    @TestFactory
    Stream<DynamicTest> parse() {
        return each(versions(), "parse", v -> {
            String text = v.get("version").asText();
            SemVer.Mode m = mode(v.get("parser").asText());
            if (v.get("error").asBoolean()) {
                assertThrows(SemVerException.class, () -> SemVer.parse(text, m));
                assertTrue(SemVer.tryParse(text, m).isEmpty());
            } else {
                SemVer parsed = SemVer.parse(text, m);
                assertEquals(text, parsed.original());
                assertEquals(parsed, SemVer.tryParse(text, m).orElseThrow());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> parseErrorKind() {
        return each(versions(), "parse_error_kind", v -> {
            String text = v.get("version").asText();
            SemVer.Mode m = mode(v.get("parser").asText());
            if (v.get("error").isNull()) {
                SemVer.parse(text, m);
                return;
            }
            SemVerException e = assertThrows(SemVerException.class, () -> SemVer.parse(text, m));
            if (v.get("detailed_errors").asBoolean()) {
                assertEquals(kind(v.get("error").asText()), e.kind());
            }
            // with DetailedNewVersionErrors=false Go only says ErrInvalidSemVer; we always give the detailed kind
        });
    }

    @TestFactory
    Stream<DynamicTest> originalAndString() {
        return Stream.concat(
                each(versions(), "original", v -> assertEquals(v.get("original").asText(),
                        SemVer.parse(v.get("version").asText()).original())),
                each(versions(), "string", v -> assertEquals(v.get("string").asText(),
                        SemVer.parse(v.get("version").asText()).toString())));
    }

    @TestFactory
    Stream<DynamicTest> comparisons() {
        JsonNode f = versions();
        return Stream.of(
                each(f, "compare", v -> assertEquals(v.get("expected").asInt(), cmp(v))),
                each(f, "less_than", v -> assertEquals(v.get("expected").asBoolean(), cmp(v) < 0)),
                each(f, "less_than_equal", v -> assertEquals(v.get("expected").asBoolean(), cmp(v) <= 0)),
                each(f, "greater_than", v -> assertEquals(v.get("expected").asBoolean(), cmp(v) > 0)),
                each(f, "greater_than_equal", v -> assertEquals(v.get("expected").asBoolean(), cmp(v) >= 0)),
                each(f, "equal", v -> {
                    Assumptions.assumeFalse(v.get("v1").isNull() || v.get("v2").isNull(),
                            "nil *Version: the Java API has no null versions");
                    assertEquals(v.get("expected").asBoolean(), SemVer.parse(v.get("v1").asText())
                            .precedenceEquals(SemVer.parse(v.get("v2").asText())));
                })).flatMap(s -> s);
    }

    private static int cmp(JsonNode v) {
        SemVer a = SemVer.parse(v.get("v1").asText());
        SemVer b = SemVer.parse(v.get("v2").asText());
        int d = a.compareTo(b);
        assertEquals(-d, b.compareTo(a), "antisymmetry");
        return d;
    }

    @TestFactory
    Stream<DynamicTest> inc() {
        return each(versions(), "inc", v -> {
            SemVer s = SemVer.parse(v.get("version").asText());
            SemVer n = switch (v.get("how").asText()) {
                case "patch" -> s.incPatch();
                case "minor" -> s.incMinor();
                case "major" -> s.incMajor();
                default -> throw new AssertionError();
            };
            assertEquals(v.get("string").asText(), n.toString());
            assertEquals(v.get("original").asText(), n.original());
        });
    }

    @TestFactory
    Stream<DynamicTest> setPrereleaseAndMetadata() {
        return Stream.concat(
                each(versions(), "set_prerelease", v -> {
                    SemVer s = SemVer.parse(v.get("version").asText());
                    String pre = v.get("prerelease").asText();
                    if (!v.get("error").isNull()) {
                        SemVerException e = assertThrows(SemVerException.class, () -> s.withPrerelease(pre));
                        assertEquals(kind(v.get("error").asText()), e.kind());
                        return;
                    }
                    SemVer n = s.withPrerelease(pre);
                    assertEquals(v.get("string").asText(), n.toString());
                    assertEquals(v.get("expected_prerelease").asText(), n.prerelease());
                    assertEquals(v.get("original").asText(), n.original());
                }),
                each(versions(), "set_metadata", v -> {
                    SemVer s = SemVer.parse(v.get("version").asText());
                    String meta = v.get("metadata").asText();
                    if (!v.get("error").isNull()) {
                        SemVerException e = assertThrows(SemVerException.class, () -> s.withMetadata(meta));
                        assertEquals(kind(v.get("error").asText()), e.kind());
                        return;
                    }
                    SemVer n = s.withMetadata(meta);
                    assertEquals(v.get("string").asText(), n.toString());
                    assertEquals(v.get("expected_metadata").asText(), n.metadata());
                    assertEquals(v.get("original").asText(), n.original());
                }));
    }

    @TestFactory
    Stream<DynamicTest> miscellaneous() {
        JsonNode f = versions();
        return Stream.of(
                each(f, "original_vprefix", v -> assertEquals(v.get("vprefix").asText(),
                        SemVer.parse(v.get("version").asText()).originalVPrefix())),
                each(f, "validate_prerelease", v -> {
                    var k = SemVer.checkPrerelease(v.get("input").asText());
                    if (v.get("error").isNull()) {
                        assertTrue(k.isEmpty(), () -> "unexpected " + k);
                    } else {
                        assertEquals(kind(v.get("error").asText()), k.orElseThrow());
                    }
                }),
                each(f, "validate_metadata", v -> assertEquals(v.get("error").isNull(),
                        SemVer.validMetadata(v.get("input").asText()))),
                each(f, "parts", v -> {
                    SemVer s = SemVer.parse(v.get("version").asText());
                    assertEquals(v.get("major").asLong(), s.major());
                    assertEquals(v.get("minor").asLong(), s.minor());
                    assertEquals(v.get("patch").asLong(), s.patch());
                    assertEquals(v.get("prerelease").asText(), s.prerelease());
                    assertEquals(v.get("metadata").asText(), s.metadata());
                })).flatMap(s -> s);
    }
}
