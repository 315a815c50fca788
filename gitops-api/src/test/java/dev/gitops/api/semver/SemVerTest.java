package dev.gitops.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour beyond Masterminds' tables: unsigned numbers, Go regex details, API contracts. */
class SemVerTest {

    @Test
    void numbersAreUnsigned64Bit() {
        SemVer max = SemVer.parse("18446744073709551615.0.0");
        SemVer big = SemVer.parse("9223372036854775808.0.0");
        SemVer small = SemVer.parse("9223372036854775807.0.0");
        assertEquals("18446744073709551615.0.0", max.toString());
        assertTrue(max.compareTo(big) > 0);
        assertTrue(big.compareTo(small) > 0);
        SemVerException e = assertThrows(SemVerException.class, () -> SemVer.parse("18446744073709551616.0.0"));
        assertEquals(SemVerException.Kind.INVALID_NUMBER, e.kind());
        assertTrue(Constraint.parse(">9223372036854775807").matches(big));
        assertThrows(ArithmeticException.class, big::toJavaSemver);
        assertThrows(ArithmeticException.class, max::incMajor);
    }

    @Test
    void prereleaseNumbersAboveUint64AreAlphanumeric() {
        // Go's ParseUint fails, so the identifier compares as text and ranks above every number
        SemVer huge = SemVer.parse("1.0.0-18446744073709551616");
        SemVer num = SemVer.parse("1.0.0-18446744073709551615");
        assertTrue(huge.compareTo(num) > 0);
        assertTrue(SemVer.parse("1.0.0-a").compareTo(huge) > 0);
    }

    @Test
    void noWhitespaceOrUnicodeDigitsInVersions() {
        assertTrue(SemVer.tryParse("1.2.3\n").isEmpty());
        assertTrue(SemVer.tryParse(" 1.2.3").isEmpty());
        assertTrue(SemVer.tryParse("١.2.3").isEmpty());
        assertTrue(SemVer.tryParse("V1.2.3").isEmpty());
        assertThrows(SemVerException.class, () -> SemVer.parseStrict("1.2.+3"));
    }

    @Test
    void goWhitespaceInConstraintsExcludesVerticalTab() {
        assertTrue(Constraint.isValid(" >= 1.2 \t\n"));
        assertFalse(Constraint.isValid(">= 1.2\u000b"));
        assertFalse(Constraint.isValid(">= 1.2\n\u000b"));
    }

    @Test
    void improperConstraintMessageQuotesLikeGo() {
        SemVerException e = assertThrows(SemVerException.class, () -> Constraint.parse(">= 1.2 || foo\t"));
        assertEquals("improper constraint: \" foo\\t\"", e.getMessage());
        assertThrows(SemVerException.class, () -> Constraint.parse(""));
        assertThrows(SemVerException.class, () -> Constraint.parse("||"));
    }

    @Test
    void longConstraintsParseInLinearishTime() {
        String many = String.join("  ,  ", java.util.Collections.nCopies(5000, ">=1.2.3"));
        assertEquals(5000, Constraint.parse(many).termCount(0));
        String bad = String.join("   ", java.util.Collections.nCopies(40, "1")) + " !";
        assertThrows(SemVerException.class, () -> Constraint.parse(bad));
    }

    /**
     * Inputs on which a naive translation of Masterminds' regular expressions backtracks quadratically or worse
     * (Go's RE2 is linear). Each is rejected; a regression shows as a test that takes minutes, not milliseconds.
     */
    @Test
    void adversarialConstraintsAreRejectedWithoutBacktrackingBlowUp() {
        int n = 20_000;
        for (String bad : List.of("x".repeat(n), "x".repeat(n) + " -", "1" + " ".repeat(n) + "2!", "1|".repeat(n / 2),
                " ".repeat(n) + "- 1", "1.2.".repeat(n / 4) + " - ", "1.2.3-" + "a.".repeat(n / 2) + "!",
                "1 - 2 ".repeat(n / 6) + "!", "1" + " -".repeat(n / 2))) {
            assertThrows(SemVerException.class, () -> Constraint.parse(bad), () -> bad.substring(0, 20));
        }
    }

    @Test
    void latestPicksFirstOnEqualPrecedence() {
        Constraint c = Constraint.parse(">=1.0");
        assertEquals("v1.2.0", c.latest(List.of("1.0", "v1.2.0", "1.2.0+build", "2.0.0-rc.1", "junk"))
                .orElseThrow().original());
        assertEquals("2.0.0-rc.1", c.withIncludePrerelease(true)
                .latest(List.of("1.0", "v1.2.0", "2.0.0-rc.1")).orElseThrow().original());
        assertTrue(Constraint.parse(">5").latest(List.of("1.0")).isEmpty());
    }

    @Test
    void validationIsAValue() {
        Constraint.Validation ok = Constraint.parse("^1").validate(SemVer.parse("1.4"));
        assertTrue(ok.satisfied());
        assertEquals(List.of(), ok.reasons());
        Constraint.Validation no = Constraint.parse("^1 || ~3.1").validate(SemVer.parse("3.2.0"));
        assertEquals(List.of("\"3.2.0\" does not have same major version as \"1\"",
                "\"3.2.0\" does not have same major and minor version as \"3.1\""), no.reasons());
    }

    @Test
    void javaSemverInterop() {
        SemVer v = SemVer.parse("v1.2-rc.1+b7");
        com.github.zafarkhaja.semver.Version j = v.toJavaSemver();
        assertEquals("1.2.0-rc.1+b7", j.toString());
        assertEquals(0, SemVer.fromJavaSemver(j).compareTo(v));
    }

    @Test
    void recordsValidate() {
        assertThrows(SemVerException.class, () -> SemVer.of(1, 2, 3, "a..b", ""));
        assertThrows(SemVerException.class, () -> SemVer.of(1, 2, 3, "01", ""));
        assertThrows(SemVerException.class, () -> SemVer.of(1, 2, 3, "", "a+b"));
        assertEquals("1.2.3-01x+001", SemVer.of(1, 2, 3, "01x", "001").toString());
    }
}
