package dev.gitops.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePolicyTest {

    private static Selection select(TagPolicy p, TagFilter f, String... tags) {
        ImagePolicy.Builder b = ImagePolicy.builder().policy(p);
        if (f != null) {
            b.filter(f);
        }
        return b.build().select(List.of(tags));
    }

    @Test
    void filterExtractMapsBackToOriginalTagAndLaterWinsOnCollision() {
        TagFilter f = TagFilter.of("^main-[a-f0-9]+-(?P<ts>[0-9]+)", "$ts");
        assertEquals(new Selection.Selected("main-bbb-1700000002"),
                select(TagPolicy.numerical("asc"), f, "main-aaa-1700000001", "main-bbb-1700000002", "pr-1-999", "x"));
        TagFilter same = TagFilter.of("^v(\\d+)", "$1");
        assertEquals(new Selection.Selected("v2-second"),
                select(TagPolicy.alphabetical(""), same, "v1", "v2-first", "v2-second"));
    }

    @Test
    void semverWithFilterExtract() {
        TagFilter f = TagFilter.of("^(?P<semver>[0-9]+\\.[0-9]+\\.[0-9]+)-alpine$", "${semver}");
        assertEquals(new Selection.Selected("1.25.3-alpine"), select(TagPolicy.semver("~1.25"), f,
                "1.25.1-alpine", "1.25.3-alpine", "1.26.0-alpine", "1.25.4", "latest"));
    }

    @Test
    void semverNeedsTwoDots() {
        assertEquals(new Selection.NotSelected(ImagePolicy.NO_SEMVER_MATCH),
                select(TagPolicy.semver(">=1"), null, "1.2", "v1", "2"));
        assertEquals(new Selection.Selected("v1.2-beta.5"),
                select(TagPolicy.semver(">=1.0.0-0"), null, "v1.2-beta.5", "1.2"));
    }

    @Test
    void numericalFollowsGoParseFloat() {
        assertEquals(new Selection.Selected("Inf"), select(TagPolicy.numerical(""), null, "1_0", "Inf", "0x1p4"));
        assertEquals(new Selection.Selected("1_0"), select(TagPolicy.numerical(""), null, "1_0", "9.5"));
        for (String bad : List.of("1e400", "1d", "1f", " 1", "1_", "_1", "+nan", "0x10", "infin")) {
            assertEquals(new Selection.NotSelected("failed to parse invalid numeric value '" + bad + "'"),
                    select(TagPolicy.numerical(""), null, "1", bad), bad);
        }
        // equal values: the later tag wins in both orders
        assertEquals(new Selection.Selected("1.0"), select(TagPolicy.numerical("desc"), null, "1", "1.0"));
    }

    @Test
    void alphabeticalIsByteWise() {
        assertEquals(new Selection.Selected("b"), select(TagPolicy.alphabetical("ASC"), null, "B", "a", "b", "A"));
        assertEquals(new Selection.Selected("A"), select(TagPolicy.alphabetical("desc"), null, "B", "a", "b", "A"));
        // U+FFFD sorts below U+1F600 in UTF-8 but above it in UTF-16
        assertEquals(new Selection.Selected("\uD83D\uDE00"),
                select(TagPolicy.alphabetical(""), null, "\uFFFD", "\uD83D\uDE00"));
    }

    @Test
    void catastrophicBacktrackingIsReportedNotHung() {
        // polynomial of degree 8 for a backtracking engine: about 26 s on 41 characters without the budget
        TagFilter evil = TagFilter.of("(.*a){8}$", "");
        String tag = "a".repeat(40) + "!";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> select(TagPolicy.alphabetical(""), evil, "aaa", tag));
        assertEquals(true, e.getMessage().contains("backtracks too much on tag '" + tag + "'"), e.getMessage());
        assertEquals(new Selection.Selected("aaaaaaaa"), select(TagPolicy.alphabetical(""), evil, "aaaaaaaa", "b"));
    }

    @Test
    void invalidInputsAreTypedErrors() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TagPolicy.alphabetical("up"));
        assertEquals("invalid order argument provided: 'UP', must be one of: ASC, DESC", e.getMessage());
        assertThrows(InvalidInputException.class, () -> TagPolicy.semver(""));
        e = assertThrows(InvalidInputException.class, () -> TagFilter.of("(a", ""));
        assertEquals(true, e.getMessage().startsWith("invalid regular expression pattern '(a': "));
        assertThrows(InvalidInputException.class, () -> TagFilter.of("(?=a)", ""));
        assertThrows(InvalidInputException.class, () -> TagFilter.of("(a)\\1", ""));
        assertThrows(InvalidInputException.class, () -> TagFilter.of("a++", ""));
        assertThrows(IllegalStateException.class, () -> ImagePolicy.builder().build());
    }
}
