package dev.gitops.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class GoFmtProperties {

    @Property
    void shortestFloatFormattingRoundTrips(@ForAll double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return;
        }
        String s = GoFmt.formatFloat(d, 'g', -1);
        assertEquals(d, Double.parseDouble(s.replace("e+", "e")), s);
    }

    @Property
    void sprintOfIntegersIsDecimal(@ForAll long v) {
        assertEquals(Long.toString(v), GoFmt.toString(v));
        assertEquals(String.format("%x", v < 0 ? -v : v), GoFmt.sprintf("%x", Math.abs(v)).replace("-", ""));
    }
}
