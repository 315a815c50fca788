package dev.gitops.api.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The emitter's shortcuts: its stream-free {@code codePoints} is {@link String#codePoints()} (unpaired surrogates
 * included), and what it assumes for simple words is what the full analysis finds.
 */
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

    @Provide
    Arbitrary<String> words() {
        // mostly word characters (so that many are simple words), some of everything that makes a word not simple
        return Arbitraries.oneOf(Arbitraries.strings().withChars("aZ09._/-").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withChars("aZ09._/-: #'\"!&*?|>%@`,[]{}\t\n").ofMaxLength(8));
    }

    @Property(tries = 5000)
    void simpleWordsAnalyseAsAssumed(@ForAll("words") String s) {
        boolean simple = GoYamlEmitter.isSimpleWord(s);
        org.junit.jupiter.api.Assertions.assertEquals(!s.isEmpty() && s.matches("[A-Za-z0-9][A-Za-z0-9._/-]*"), simple, s);
        if (simple) {
            org.junit.jupiter.api.Assertions.assertEquals(GoYamlEmitter.analyze(s), GoYamlEmitter.SIMPLE_WORD, s);
        }
    }

    @Property(tries = 3000)
    void sameAsTheStream(@ForAll("texts") String s) {
        assertArrayEquals(s.codePoints().toArray(), GoYamlEmitter.codePoints(s), s);
    }
}
