package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.template.GoFmt;
import dev.gitops.api.yaml.GoYamlScalars.Mode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link GoYamlScalars} against go-yaml v3 itself (see resources/yaml-scalars/README.md) and YAML 1.1 rules. */
class GoYamlScalarsTest {

    /** Go's {@code %T %v} of what go-yaml decodes into interface{} (v3 keeps timestamps as time.Time there). */
    static String goTypeAndValue(GoYamlScalars.Scalar s) {
        if (s instanceof GoYamlScalars.Null) {
            return "<nil>\t<nil>";
        }
        if (s instanceof GoYamlScalars.Bool b) {
            return "bool\t" + b.value();
        }
        if (s instanceof GoYamlScalars.Int i) {
            return (i.isInt64() ? "int" : "uint64") + "\t" + i.value();
        }
        if (s instanceof GoYamlScalars.Float f) {
            return "float64\t" + GoFmt.toString(f.value());
        }
        if (s instanceof GoYamlScalars.Timestamp t) {
            return "time.Time\t" + goTime(t.value());
        }
        return "string\t" + ((GoYamlScalars.Str) s).value();
    }

    /** time.Time's String(): 2001-12-14 21:59:43.1 -0500 -0500, or +0000 UTC. */
    private static String goTime(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() != 0) {
            sb.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        int off = t.getOffset().getTotalSeconds();
        String num = (off < 0 ? "-" : "+") + String.format("%02d%02d", Math.abs(off) / 3600, Math.abs(off) / 60 % 60);
        return sb.append(' ').append(num).append(' ').append(off == 0 ? "UTC" : num).toString();
    }

    @TestFactory
    List<DynamicTest> goYamlV3Golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/yaml-scalars/go-yaml-v3.tsv"),
                StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            tests.add(DynamicTest.dynamicTest(f[0], () -> assertEquals(f[2] + "\t" + f[3],
                    goTypeAndValue(GoYamlScalars.resolve(f[0], Mode.GO_YAML_V3)), f[0])));
        }
        assertTrue(tests.size() > 90, "golden read");
        return tests;
    }

    @TestFactory
    List<DynamicTest> goYamlV3EncoderQuoting() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/yaml-scalars/go-yaml-v3-marshal.tsv"),
                StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            boolean plain = f[1].equals(f[0]);
            tests.add(DynamicTest.dynamicTest(f[0], () -> assertEquals(plain,
                    GoYamlScalars.isPlainSafe(f[0], Mode.GO_YAML_V3), f[0] + " -> " + f[1])));
        }
        return tests;
    }

    @Test
    void yaml11BooleansOnlyInV2() {
        for (String s : List.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON")) {
            assertEquals(new GoYamlScalars.Bool(true), GoYamlScalars.resolve(s, Mode.GO_YAML_V2), s);
            assertEquals(new GoYamlScalars.Str(s), GoYamlScalars.resolve(s, Mode.GO_YAML_V3), s);
            assertFalse(GoYamlScalars.isPlainSafe(s, Mode.GO_YAML_V3), "v3's encoder quotes old booleans: " + s);
        }
        for (String s : List.of("n", "N", "no", "No", "NO", "off", "Off", "OFF")) {
            assertEquals(new GoYamlScalars.Bool(false), GoYamlScalars.resolve(s, Mode.GO_YAML_V2), s);
        }
    }

    @Test
    void plainSafety() {
        // recorded with kubectl kustomize v5.7.1 (configMapGenerator literals): "<<" and an impossible date stay
        // plain, numbers in any base, YAML 1.1 booleans, base-60 and dates are quoted
        for (String s : List.of("<<", "2001-13-01", "1e400", "abc", "0b2", "_1")) {
            assertTrue(GoYamlScalars.isPlainSafe(s, Mode.GO_YAML_V2), s);
        }
        for (String s : List.of("yes", "12:30", "2001-12-01", "0o17", "1_000", "+.5", "", "~", "0x1F", "1:20:30.5")) {
            assertFalse(GoYamlScalars.isPlainSafe(s, Mode.GO_YAML_V2), s);
        }
    }

    @Test
    void goIntegers() {
        assertEquals(BigInteger.valueOf(-15), GoYamlScalars.parseGoInt("-0o17").orElseThrow());
        assertEquals(new BigInteger("18446744073709551615"), GoYamlScalars.parseGoInt("0xFFFFFFFFFFFFFFFF")
                .orElseThrow());
        assertTrue(GoYamlScalars.parseGoInt("+18446744073709551615").isEmpty(), "ParseUint takes no sign");
        assertTrue(GoYamlScalars.parseGoInt("08").isEmpty());
        assertTrue(GoYamlScalars.parseGoInt("1_0").isEmpty());
        assertInstanceOf(GoYamlScalars.Int.class, GoYamlScalars.resolve("1_0", Mode.GO_YAML_V2));
    }

    @Property
    void decimalIntegersResolveToThemselves(@ForAll long n) {
        for (Mode m : Mode.values()) {
            assertEquals(new GoYamlScalars.Int(BigInteger.valueOf(n)), GoYamlScalars.resolve(Long.toString(n), m));
        }
    }

    @Property
    void lettersOnlyTextIsAStringOrAKeyword(@ForAll("words") String w) {
        GoYamlScalars.Scalar v3 = GoYamlScalars.resolve(w, Mode.GO_YAML_V3);
        GoYamlScalars.Scalar v2 = GoYamlScalars.resolve(w, Mode.GO_YAML_V2);
        if (v3 instanceof GoYamlScalars.Str) {
            assertTrue(v2 instanceof GoYamlScalars.Str || v2 instanceof GoYamlScalars.Bool, w);
        } else {
            assertEquals(v3, v2, "YAML 1.2 keywords mean the same in 1.1: " + w);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> words() {
        return net.jqwik.api.Arbitraries.oneOf(net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(1)
                .ofMaxLength(6), net.jqwik.api.Arbitraries.of("yes", "No", "ON", "off", "y", "n", "true", "NULL",
                        "Null", "False", "TRUE", "null"));
    }
}
