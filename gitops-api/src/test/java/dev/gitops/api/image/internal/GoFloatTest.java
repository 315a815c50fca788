package dev.gitops.api.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's strconv.ParseFloat(s, 64) acceptance, from Go's atof tests and documentation. */
class GoFloatTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1.0", "+1, 1.0", "-1, -1.0", "1.5e3, 1500.0", "1E-2, 0.01", ".5, 0.5", "5., 5.0", "1_000, 1000.0",
        "1_000.000_1, 1000.0001", "0x1p-2, 0.25", "0X1.8P1, 3.0", "0x_1p0, 1.0", "1e-400, 0.0", "007, 7.0",
        "1e1_0, 1.0E10",
    })
    void accepts(String in, double expected) {
        assertEquals(expected, GoFloat.parse(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "+Inf", "-INFINITY", "infinity", "NaN", "nan"})
    void acceptsSpecials(String in) {
        double d = GoFloat.parse(in);
        assertEquals(true, Double.isNaN(d) || Double.isInfinite(d));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1d", "1f", "1e", "1e+", "e1", ".", "_1", "1_", "1__0", "1_.0", "0x1",
        "0x", "1e400", "-1e400", "+nan", "-nan", "infin", "infinityx", "1.2.3", "0b101", "--1", "Infinity1",
        "1.0e5_"})
    void rejects(String in) {
        assertNull(GoFloat.parse(in), in);
    }
}
