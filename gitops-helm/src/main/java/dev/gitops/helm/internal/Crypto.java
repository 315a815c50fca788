package dev.gitops.helm.internal;

import static dev.gitops.api.template.ParamType.ANY;
import static dev.gitops.api.template.ParamType.INT;
import static dev.gitops.api.template.ParamType.STRING;

import dev.gitops.api.json.GoJson;
import dev.gitops.api.template.GoObject;
import dev.gitops.api.template.TemplateFunction;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Sprig's key and certificate generation (genPrivateKey, genCA, genSelfSignedCert, genSignedCert, ...). */
final class Crypto {

    private Crypto() {
    }

    /** Sprig's certificate struct: fields Cert and Key (PEM). */
    record Certificate(String cert, String key) implements GoObject, GoJson.Marshaler {
        @Override
        public String goTypeName() {
            return "sprig.certificate";
        }

        @Override
        public boolean hasField(String name) {
            return name.equals("Cert") || name.equals("Key");
        }

        @Override
        public Object field(String name) {
            return name.equals("Cert") ? cert : key;
        }

        @Override
        public Object toJsonValue() {
            return Map.of("Cert", cert, "Key", key);
        }

        @Override
        public String goString() {
            return "{" + cert + " " + key + "}";
        }
    }

    static void register(Map<String, TemplateFunction> m, Random random) {
        SecureRandom sr = random instanceof SecureRandom s ? s : new SeededSecureRandom(random);
        m.put("genPrivateKey", TemplateFunction.of((c, a) -> pem(generate((String) a[0], sr).getPrivate()), STRING));
        m.put("genCA", TemplateFunction.of((c, a) -> {
            KeyPair kp = generate("rsa2048", sr);
            return new Certificate(cert((String) a[0], List.of(), List.of(), (Integer) a[1], kp, null, null, true, sr),
                    pem(kp.getPrivate()));
        }, STRING, INT));
        m.put("genCAWithKey", TemplateFunction.of((c, a) -> {
            KeyPair kp = parseKey((String) a[2]);
            return new Certificate(cert((String) a[0], List.of(), List.of(), (Integer) a[1], kp, null, null, true, sr),
                    pem(kp.getPrivate()));
        }, STRING, INT, STRING));
        m.put("genSelfSignedCert", TemplateFunction.of((c, a) -> {
            KeyPair kp = generate("rsa2048", sr);
            return new Certificate(cert((String) a[0], list(a[1]), list(a[2]), (Integer) a[3], kp, null, null, false,
                    sr), pem(kp.getPrivate()));
        }, STRING, ANY, ANY, INT));
        m.put("genSelfSignedCertWithKey", TemplateFunction.of((c, a) -> {
            KeyPair kp = parseKey((String) a[4]);
            return new Certificate(cert((String) a[0], list(a[1]), list(a[2]), (Integer) a[3], kp, null, null, false,
                    sr), pem(kp.getPrivate()));
        }, STRING, ANY, ANY, INT, STRING));
        m.put("genSignedCert", TemplateFunction.of((c, a) -> {
            KeyPair kp = generate("rsa2048", sr);
            Certificate ca = (Certificate) a[4];
            return new Certificate(cert((String) a[0], list(a[1]), list(a[2]), (Integer) a[3], kp, ca.cert(),
                    parseKey(ca.key()), false, sr), pem(kp.getPrivate()));
        }, STRING, ANY, ANY, INT, ANY));
        m.put("genSignedCertWithKey", TemplateFunction.of((c, a) -> {
            KeyPair kp = parseKey((String) a[5]);
            Certificate ca = (Certificate) a[4];
            return new Certificate(cert((String) a[0], list(a[1]), list(a[2]), (Integer) a[3], kp, ca.cert(),
                    parseKey(ca.key()), false, sr), pem(kp.getPrivate()));
        }, STRING, ANY, ANY, INT, ANY, STRING));
        m.put("buildCustomCert", TemplateFunction.of((c, a) -> {
            String cert = new String(java.util.Base64.getDecoder().decode((String) a[0]),
                    java.nio.charset.StandardCharsets.UTF_8);
            String key = new String(java.util.Base64.getDecoder().decode((String) a[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            parseKey(key);
            return new Certificate(cert, key);
        }, STRING, STRING));
        m.put("bcrypt", TemplateFunction.of((c, a) -> bcrypt((String) a[0], sr), STRING));
        m.put("htpasswd", TemplateFunction.of((c, a) -> {
            String user = (String) a[0];
            if (user.contains(":")) {
                return "invalid username: " + user;
            }
            return user + ":" + bcrypt((String) a[1], sr);
        }, STRING, STRING));
    }

    private static String bcrypt(String password, SecureRandom sr) {
        byte[] salt = new byte[16];
        sr.nextBytes(salt);
        return org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10);
    }

    private static List<String> list(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof java.util.Collection<?> c) {
            for (Object x : c) {
                out.add(GoData.strval(x));
            }
        }
        return out;
    }

    static KeyPair generate(String typ, SecureRandom sr) throws Exception {
        switch (typ) {
            case "rsa", "rsa2048" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(typ.equals("rsa") ? 4096 : 2048, sr);
                return g.generateKeyPair();
            }
            case "dsa" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
                g.initialize(2048, sr);
                return g.generateKeyPair();
            }
            case "ecdsa" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), sr);
                return g.generateKeyPair();
            }
            case "ed25519" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
                g.initialize(255, sr);
                return g.generateKeyPair();
            }
            default -> throw new IllegalArgumentException("Unknown type " + typ);
        }
    }

    static String pem(Object o) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    static KeyPair parseKey(String pemText) throws Exception {
        try (PEMParser p = new PEMParser(new java.io.StringReader(pemText))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp);
            }
            if (o instanceof PrivateKeyInfo pki) {
                PrivateKey pk = conv.getPrivateKey(pki);
                if (pk instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
                    java.security.KeyFactory kf = java.security.KeyFactory.getInstance("RSA");
                    return new KeyPair(kf.generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(),
                            rsa.getPublicExponent())), pk);
                }
            }
            throw new IllegalArgumentException("error decoding private key");
        }
    }

    static String cert(String cn, List<String> ips, List<String> dns, int days, KeyPair kp, String caCertPem,
            KeyPair caKey, boolean isCa, SecureRandom sr) throws Exception {
        long now = System.currentTimeMillis();
        // Go encodes the common name as a PrintableString when it can, else UTF8String
        org.bouncycastle.asn1.ASN1Encodable cnValue = org.bouncycastle.asn1.DERPrintableString.isPrintableString(cn)
                ? new org.bouncycastle.asn1.DERPrintableString(cn) : new org.bouncycastle.asn1.DERUTF8String(cn);
        X500Name subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
            new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, cnValue)});
        X500Name issuer = subject;
        if (caCertPem != null) {
            try (PEMParser p = new PEMParser(new java.io.StringReader(caCertPem))) {
                issuer = ((X509CertificateHolder) p.readObject()).getSubject();
            }
        }
        BigInteger serial = new BigInteger(128, sr);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, new Date(now),
                new Date(now + days * 86_400_000L), subject, kp.getPublic());
        // Go's x509 order: key usage, extended key usage, basic constraints, SKI, AKI, SAN
        int usage = KeyUsage.keyEncipherment | KeyUsage.digitalSignature | (isCa ? KeyUsage.keyCertSign : 0);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        org.bouncycastle.cert.X509ExtensionUtils ext = new org.bouncycastle.cert.bc.BcX509ExtensionUtils();
        if (isCa) {
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded())));
        }
        if (caCertPem != null) {
            try (PEMParser p = new PEMParser(new java.io.StringReader(caCertPem))) {
                X509CertificateHolder ca = (X509CertificateHolder) p.readObject();
                org.bouncycastle.asn1.x509.Extension ski = ca.getExtension(Extension.subjectKeyIdentifier);
                if (ski != null) {
                    byte[] id = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(ski.getParsedValue())
                            .getKeyIdentifier();
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(id));
                }
            }
        }
        List<GeneralName> names = new ArrayList<>();
        for (String d : dns) {
            names.add(new GeneralName(GeneralName.dNSName, d));
        }
        for (String ip : ips) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
        PrivateKey signer = caKey == null ? kp.getPrivate() : caKey.getPrivate();
        X509CertificateHolder h = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer));
        return pem(h);
    }

    /** A SecureRandom drawing from an injected Random (deterministic tests). */
    private static final class SeededSecureRandom extends SecureRandom {
        private final Random r;

        SeededSecureRandom(Random r) {
            super(new byte[0]);
            this.r = r;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (r == null) {
                super.nextBytes(bytes);
            } else {
                r.nextBytes(bytes);
            }
        }
    }
}
