package dev.gitops.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the version ordering and of {@link Constraint#latest}. */
class SemVerProperties {

    @Provide
    Arbitrary<SemVer> versions() {
        Arbitrary<Long> num = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 3),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L)); // 2^63-1, 2^63, 2^64-1 unsigned
        Arbitrary<String> ident = Arbitraries.oneOf(
                Arbitraries.of("alpha", "beta", "rc", "x-y", "0a", "-1", "A"),
                Arbitraries.of("0", "1", "2", "10", "18446744073709551615", "18446744073709551616"));
        Arbitrary<String> pre = Arbitraries.oneOf(
                Arbitraries.just(""), ident.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l)));
        Arbitrary<String> meta = Arbitraries.of("", "build.1", "sha.abc", "001");
        return Combinators.combine(num, num, num, pre, meta).as(SemVer::of);
    }

    @Property
    void orderIsTotalAndAntisymmetric(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
        boolean sameIgnoringBuild = a.major() == b.major() && a.minor() == b.minor() && a.patch() == b.patch()
                && a.prerelease().equals(b.prerelease());
        assertEquals(sameIgnoringBuild, a.compareTo(b) == 0);
    }

    @Property
    void orderIsTransitive(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b, @ForAll("versions") SemVer c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0);
        }
    }

    @Property
    void printedFormParsesBack(@ForAll("versions") SemVer a) {
        SemVer b = SemVer.parseStrict(a.toString());
        assertEquals(a, b);
        assertEquals(0, a.compareTo(SemVer.parse("v" + a)));
    }

    @Provide
    Arbitrary<String> constraints() {
        Arbitrary<String> op = Arbitraries.of("", "=", "!=", ">", "<", ">=", "<=", "~", "^");
        Arbitrary<String> part = Arbitraries.of("0", "1", "2", "x", "*");
        Arbitrary<String> ver = Combinators.combine(part, part.injectNull(0.3), part.injectNull(0.5),
                Arbitraries.of("", "", "-0", "-beta")).as((ma, mi, pa, pre) ->
                ma + (mi == null ? "" : "." + mi + (pa == null ? "" : "." + pa)) + pre);
        Arbitrary<String> one = Combinators.combine(op, ver).as((o, v) -> o + v);
        Arbitrary<String> group = one.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
        return group.list().ofMinSize(1).ofMaxSize(2).map(l -> String.join(" || ", l));
    }

    @Property
    void latestSatisfiesAndIsMaximal(@ForAll("constraints") String c, @ForAll("tagLists") List<String> tags) {
        Constraint con = Constraint.parse(c);
        Optional<SemVer> best = con.latest(tags);
        for (String t : tags) {
            Optional<SemVer> v = SemVer.tryParse(t);
            if (v.isPresent() && con.matches(v.get())) {
                assertTrue(best.isPresent(), () -> t + " satisfies " + c + " but nothing was selected");
                assertTrue(v.get().compareTo(best.get()) <= 0, () -> t + " is above the selected " + best.get());
            }
        }
        best.ifPresent(b -> {
            assertTrue(con.matches(b));
            assertTrue(tags.contains(b.original()));
        });
    }

    @Provide
    Arbitrary<List<String>> tagLists() {
        Arbitrary<String> tag = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("", "v"), versions()).as((p, v) -> p + v),
                Arbitraries.of("latest", "1.2", "v1", "main-abc", "1.2.3.4"));
        return tag.list().ofMaxSize(12);
    }

    @Property
    void constraintStringRoundTrips(@ForAll("constraints") String c) {
        Constraint con = Constraint.parse(c);
        assertEquals(con.toString(), Constraint.parse(con.toString()).toString());
    }
}
