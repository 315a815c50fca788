package dev.gitops.api.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void parsesEqualityAndSetBasedRequirements() {
        LabelSelector s = LabelSelector.parse(" app = web , tier!=db,env in (prod, staging),!legacy,release,x==y");
        assertEquals("app=web,env in (prod,staging),!legacy,release,tier!=db,x=y", s.toString());
        assertTrue(s.matches(Map.of("app", "web", "env", "prod", "release", "1", "x", "y")));
        assertFalse(s.matches(Map.of("app", "web", "env", "prod", "release", "1", "x", "y", "legacy", "true")));
        assertFalse(s.matches(Map.of("app", "web", "env", "dev", "release", "1", "x", "y")));
        assertFalse(s.matches(Map.of("app", "web", "env", "prod", "release", "1", "x", "y", "tier", "db")));
    }

    @Test
    void notEqualsAndNotInMatchAbsentLabels() {
        assertTrue(LabelSelector.parse("a!=b").matches(Map.of()));
        assertTrue(LabelSelector.parse("a notin (b,c)").matches(Map.of()));
        assertFalse(LabelSelector.parse("a in (b,c)").matches(Map.of()));
    }

    @Test
    void numericComparisons() {
        LabelSelector s = LabelSelector.parse("replicas>2,replicas<5");
        assertTrue(s.matches(Map.of("replicas", "3")));
        assertFalse(s.matches(Map.of("replicas", "5")));
        assertFalse(s.matches(Map.of("replicas", "x")));
    }

    @Test
    void prefixedKeysAndEmptySelector() {
        assertTrue(LabelSelector.parse("app.kubernetes.io/name=web").matches(Map.of("app.kubernetes.io/name", "web")));
        assertTrue(LabelSelector.parse("").isEverything());
        assertTrue(LabelSelector.parse("   ").matches(Map.of("any", "thing")));
        assertEquals(LabelSelector.parse("b=1,a=2"), LabelSelector.matchLabels(Map.of("a", "2", "b", "1")));
    }

    @Test
    void rejectsMalformedSelectorsWithThePosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a in b"));
        assertTrue(e.getMessage().contains("expected '('"), e.getMessage());
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a in ()"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a=b,"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a foo (b)"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("-bad=x"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a=b c"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("a>x"));
        assertThrows(InvalidInputException.class, () -> LabelSelector.parse("Upper.Prefix/a=b"));
    }

    @Property
    void printedFormParsesBackToTheSameSelector(@ForAll @AlphaChars @StringLength(min = 1, max = 10) String key,
            @ForAll @AlphaChars @StringLength(max = 10) String value, @ForAll boolean negate) {
        LabelSelector s = LabelSelector.parse(key + (negate ? "!=" : "=") + value + ",!" + key + "x," + key
                + "y in (" + (value.isEmpty() ? "v" : value) + ",z)");
        assertEquals(s, LabelSelector.parse(s.toString()));
    }
}
