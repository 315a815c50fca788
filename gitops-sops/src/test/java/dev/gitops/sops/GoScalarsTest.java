package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gitops.sops.internal.GoScalars;
import dev.gitops.sops.internal.Shamir;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** yaml.v3 typing and Go formatting, as the MAC needs them (spec §5.4, §6.1). */
class GoScalarsTest {

    static String mac(String plain) {
        SopsNode.Scalar s = GoScalars.resolvePlain(plain);
        if (s instanceof SopsNode.Null) {
            return "<nil>";
        }
        return new String(GoScalars.macBytes(s), StandardCharsets.UTF_8) + "|" + s.getClass().getSimpleName();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "yes;yes|Str", "on;on|Str", "no;no|Str", "y;y|Str", "true;True|Bool", "False;False|Bool", "TRUE;True|Bool",
        "08;8|Float", "0755;493|Int", "1e3;1000|Float", "0x1F;31|Int", "0o17;15|Int", "0b101;5|Int", "1_000;1000|Int",
        "+5;5|Int", "-0;0|Int", "-0.0;-0|Float", ".inf;+Inf|Float", "-.Inf;-Inf|Float", ".NaN;NaN|Float",
        ".5;0.5|Float", "2024-01-01;2024-01-01T00:00:00Z|Time", "2001-12-14t21:59:43.10-05:00;2001-12-14T21:59:43.1-05:00|Time",
        "2001-12-14 21:59:43.10;2001-12-14T21:59:43.1Z|Time", "2024-13-01;2024-13-01|Str", "1.10;1.1|Float",
        "12:30;12:30|Str", "0.1;0.1|Float", "1e21;1000000000000000000000|Float", "1.5e-7;0.00000015|Float",
        "9223372036854775807;9223372036854775807|Int", "abc;abc|Str", "<<;<<|Str", "0;0|Int", "-12;-12|Int",
        "3.;3|Float", "1.0;1|Float"})
    void yamlV3Typing(String plain, String expected) {
        assertEquals(expected, mac(plain));
    }

    @Test
    void nulls() {
        for (String s : new String[] {"", "~", "null", "Null", "NULL"}) {
            assertInstanceOf(SopsNode.Null.class, GoScalars.resolvePlain(s));
        }
    }

    @Property
    void floatTextRoundTrips(@ForAll double d) {
        String s = GoScalars.formatFloat(d);
        if (Double.isFinite(d)) {
            assertEquals(d, Double.parseDouble(s), 0.0);
            assertEquals(-1, s.indexOf('E'));
        }
    }

    @Test
    void shamirFieldArithmetic() {
        assertEquals(9, Shamir.mult(3, 7));
        assertEquals(2, Shamir.div(6, 3));
        assertEquals(7, Shamir.add(3, 4));
    }
}
