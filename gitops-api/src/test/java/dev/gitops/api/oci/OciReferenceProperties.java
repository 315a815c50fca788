package dev.gitops.api.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** References print and parse back to themselves, with and without the {@code oci://} prefix. */
class OciReferenceProperties {

    @Provide
    Arbitrary<OciReference> references() {
        Arbitrary<String> registry = Arbitraries.of("ghcr.io", "localhost:5000", "127.0.0.1:41234", "registry.k8s.io",
                "my-registry.example.com:443", "[::1]:5000");
        Arbitrary<String> component = Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("", ".", "_", "__", "-", "--"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(6))
                .as((a, sep, b) -> sep.isEmpty() ? a : a + sep + b);
        Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        Arbitrary<String> tag = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("abcXYZ019_.-").ofMinLength(1).ofMaxLength(20)
                        .filter(t -> Character.isLetterOrDigit(t.charAt(0)) || t.charAt(0) == '_'));
        Arbitrary<String> digest = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h));
        return Combinators.combine(registry, path, tag, digest).as(OciReference::new);
    }

    @Property(tries = 300)
    void printsAndParsesBack(@ForAll("references") OciReference ref) {
        assertEquals(ref, OciReference.parse(ref.toString()));
        assertEquals(ref, OciReference.parse("oci://" + ref));
        assertEquals(ref.repositoryOnly(), OciReference.parse(ref.name()));
    }
}
