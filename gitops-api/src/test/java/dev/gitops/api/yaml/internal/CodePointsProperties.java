package dev.gitops.api.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The emitter's stream-free {@code codePoints} is {@link String#codePoints()}, unpaired surrogates included. */
class CodePointsProperties {

    @Provide
    Arbitrary<String> texts() {
        // ASCII, Latin-1, BMP, astral pairs and lone high/low surrogates in any order
        return Arbitraries.oneOf(Arbitraries.chars().ascii(), Arbitraries.chars().range('\u0080', '\u00ff'),
                Arbitraries.chars().range('\u0100', '\uffff'), Arbitraries.of('\ud83d', '\ude00', '\udbff', '\udc00'))
                .list().ofMaxSize(12).map(l -> {
                    StringBuilder sb = new StringBuilder();
                    l.forEach(sb::append);
                    return sb.toString();
                });
    }

    @Property(tries = 3000)
    void sameAsTheStream(@ForAll("texts") String s) {
        assertArrayEquals(s.codePoints().toArray(), GoYamlEmitter.codePoints(s), s);
    }
}
