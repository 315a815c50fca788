package dev.gitops.api.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({"500m,0.5", "1Gi,1024Mi", "1Ki,1024", "1e3,1k", "1E3,1000", "0.1,100m", "1M,1000k", "2,2000m",
        "1.5Gi,1536Mi", "+1,1", ".5,500m", "1000n,1u", "1Ei,1024Pi", "1P,1000T", "0,0m", "-1,-1000m", "1e-3,1m"})
    void equalByValue(String a, String b) {
        assertEquals(Quantity.parse(a), Quantity.parse(b));
        assertTrue(Quantity.parse(a).sameValue(Quantity.parse(b)));
    }

    @ParameterizedTest
    @CsvSource({"500m,0.6", "1Gi,1G", "1Ki,1k", "1m,1M"})
    void differentValues(String a, String b) {
        assertNotEquals(Quantity.parse(a), Quantity.parse(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5.5", "--1", "1Gb", "1 Gi", "Gi", "1e", "1ki", " 1", "1e1.5", "."})
    void rejectsNonQuantities(String s) {
        assertTrue(Quantity.tryParse(s).isEmpty(), s);
        assertThrows(InvalidInputException.class, () -> Quantity.parse(s));
    }

    @Test
    void roundsUpLikeValue() {
        assertEquals(BigInteger.ONE, Quantity.parse("100m").roundedUp());
        assertEquals(BigInteger.valueOf(1073741824L), Quantity.parse("1Gi").roundedUp());
    }

    @Property
    void binarySuffixesScaleBy1024(@ForAll @IntRange(min = 0, max = 100000) int n) {
        assertEquals(Quantity.parse(n + "Mi"), Quantity.parse((n * 1024L) + "Ki"));
        assertEquals(Quantity.parse(n + "m"), Quantity.parse(new java.math.BigDecimal(n).movePointLeft(3)
                .toPlainString()));
    }
}
