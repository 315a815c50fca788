package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.template.MissingKey;
import dev.gitops.api.template.Templates;
import dev.gitops.helm.internal.HelmFunctions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated keys and certificates have the shape Sprig gives them and chain correctly. */
class CryptoFunctionsTest {

    static String render(String text) {
        return Templates.builder().name("gotpl")
                .functions(HelmFunctions.create(new SecureRandom(), Clock.systemUTC(), false))
                .missingKey(MissingKey.ZERO).add("t", text).build().render("t", Map.of());
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void caAndSignedCertificateChain() throws Exception {
        String out = render("{{ $ca := genCA \"my-ca\" 365 }}{{ $c := genSignedCert \"web\" (list \"10.0.0.1\") "
                + "(list \"web.svc\" \"web\") 30 $ca }}{{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}");
        String[] parts = out.split("\\|");
        X509Certificate ca = cert(parts[0]);
        X509Certificate leaf = cert(parts[1]);
        assertEquals("CN=my-ca", ca.getSubjectX500Principal().getName());
        assertTrue(ca.getBasicConstraints() >= 0, "CA flag");
        leaf.verify(ca.getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals("CN=my-ca", leaf.getIssuerX500Principal().getName());
        assertEquals(2, leaf.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 2).count());
        assertTrue(parts[2].startsWith("-----BEGIN RSA PRIVATE KEY-----\n"), parts[2]);
        long days = (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(30, days);
    }

    @Test
    void privateKeyTypes() {
        assertTrue(render("{{ genPrivateKey \"ecdsa\" }}").startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        assertTrue(render("{{ genPrivateKey \"ed25519\" }}").startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(render("{{ htpasswd \"user\" \"pw\" }}").matches("user:\\$2a\\$10\\$.{53}"));
        assertTrue(render("{{ uuidv4 }}").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals(16, render("{{ randAlphaNum 16 }}").length());
    }
}
