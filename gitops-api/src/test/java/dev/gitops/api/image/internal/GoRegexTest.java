package dev.gitops.api.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoRegexTest {

    private static String expand(String pattern, String template, String src) {
        GoRegex r = GoRegex.compile(pattern);
        Matcher m = r.matcher(src);
        assertTrue(m.find());
        return r.expand(template, src, m);
    }

    @ParameterizedTest(name = "{1} on {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // Go's regexp.ExpandString semantics (values checked against Go's documentation and source)
        "(?P<first>\\w+) (?P<second>\\w+)|$second $first|hello world|world hello",
        "(?P<first>\\w+) (?P<second>\\w+)|${second}x|hello world|worldx",
        "(?P<first>\\w+) (?P<second>\\w+)|$secondx|hello world|''",
        "(a)(b)|$1$2|ab|ab",
        "(a)(b)|$3|ab|''",
        "(a)(b)|$$1|ab|$1",
        "(a)(b)|$01|ab|''",
        "(a)(b)|${1}0|ab|a0",
        "(a)(b)|$|ab|$",
        "(a)(b)|x${1|ab|x${1",
        "(a)(b)|$-$1|ab|$-a",
        "(?P<my_tag>a)|<$my_tag>|a|<a>",
        "(a)?(b)|[$1]|b|[]",
    })
    void expandsLikeGo(String pattern, String template, String src, String expected) {
        assertEquals(expected, expand(pattern, template, src));
    }

    @Test
    void goCharacterClassesAndAnchors() {
        assertFalse(GoRegex.compile("^a\\sb$").matcher("a\u000bb").find(), "\\s excludes \\v in Go");
        assertTrue(GoRegex.compile("^a\\sb$").matcher("a\tb").find());
        assertFalse(GoRegex.compile("^ab$").matcher("ab\n").find(), "$ is the end of text");
        assertTrue(GoRegex.compile("(?m)^ab$").matcher("ab\ncd").find());
        assertTrue(GoRegex.compile("[[:alpha:]]+[[:digit:]]").matcher("abc1").matches());
        assertTrue(GoRegex.compile("[a[]").matcher("[").matches(), "[ is literal in a Go class");
        assertTrue(GoRegex.compile("[a&&b]").matcher("&").matches(), "&& is literal in a Go class");
        assertTrue(GoRegex.compile("a{,2}").matcher("a{,2}").matches(), "a brace that is no repeat is literal");
        assertTrue(GoRegex.compile("\\101").matcher("A").matches(), "octal escape");
        assertTrue(GoRegex.compile("\\bé").matcher("xé").find(), "\\b is an ASCII word boundary");
        assertTrue(GoRegex.compile("\\pL\\p{Greek}").matcher("aα").matches());
        assertTrue(GoRegex.compile("(?i)straße").matcher("STRAßE").matches());
        assertTrue(GoRegex.compile("a.c").matcher("a\rc").matches(), ". excludes only \\n");
        assertFalse(GoRegex.compile("a.c").matcher("a\nc").matches());
        assertTrue(GoRegex.compile("a*?b").matcher("aab").matches());
        Matcher u = GoRegex.compile("(?U)(a+)(a*?)").matcher("aaa");
        assertTrue(u.lookingAt());
        assertEquals("a", u.group(1), "U makes + lazy");
        assertEquals("aa", u.group(2), "and *? greedy");
        Matcher scoped = GoRegex.compile("((?U)a+)(a+)").matcher("aaa");
        assertTrue(scoped.lookingAt());
        assertEquals("a", scoped.group(1));
        assertEquals("aa", scoped.group(2), "U ends with its group");
        assertTrue(GoRegex.compile("(?:ab)+").matcher("abab").matches());
    }

    @Test
    void anchoredSearchIsStillASearch() {
        GoRegex a = GoRegex.compile("^v(\\d+)");
        Matcher m = a.matcher("v12x");
        assertTrue(a.find(m));
        assertEquals("12", m.group(1));
        assertFalse(a.find(a.matcher("xv12")));
        GoRegex alt = GoRegex.compile("^a|b");
        assertTrue(alt.find(alt.matcher("xb")), "top-level alternation is not anchored");
        GoRegex ml = GoRegex.compile("(?m)^b");
        assertTrue(ml.find(ml.matcher("a\nb")), "multi-line ^ is not anchored");
        GoRegex flags = GoRegex.compile("^(?i)a|b");
        assertTrue(flags.find(flags.matcher("xB")), "a flags-only group opens no group");
        GoRegex grp = GoRegex.compile("^(a|b)c");
        assertFalse(grp.find(grp.matcher("xbc")));
        assertTrue(grp.find(grp.matcher("bc")));
    }

    @Test
    void rejectsWhatRe2Rejects() {
        for (String bad : new String[] {"(?=x)", "(?!x)", "(?<=x)", "(?>x)", "(a)\\1", "a**", "a*+", "a{1001}",
                "\\8", "\\C", "\\e", "\\Z", "[[:nope:]]", "a{2,1}", "(?P<a>x)(?P<a>y)"}) {
            assertThrows(IllegalArgumentException.class, () -> GoRegex.compile(bad), bad);
        }
    }
}
