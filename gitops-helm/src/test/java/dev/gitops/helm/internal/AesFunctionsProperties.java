package dev.gitops.helm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Sprig's encryptAES/decryptAES round trip and Go's failure messages for malformed ciphertexts. */
class AesFunctionsProperties {

    static final SecureRandom RANDOM = new SecureRandom();

    @Property(tries = 200)
    void decryptInvertsEncrypt(@ForAll @StringLength(max = 40) String password,
            @ForAll @StringLength(min = 1, max = 100) String plaintext) {
        String c = Crypto.encryptAes(password, plaintext, RANDOM);
        int bytes = plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertEquals(16 + (bytes / 16 + 1) * 16, Base64.getDecoder().decode(c).length, "IV + PKCS#7 padded blocks");
        assertEquals(plaintext, Crypto.decryptAes(password, c));
    }

    @Test
    void ivIsRandomAndKeysAreCutAt32Bytes() {
        assertNotEquals(Crypto.encryptAes("k", "same", RANDOM), Crypto.encryptAes("k", "same", RANDOM));
        String k32 = "0123456789abcdef0123456789abcdef";
        assertEquals("x", Crypto.decryptAes(k32 + "ignored", Crypto.encryptAes(k32, "x", RANDOM)));
        assertEquals("", Crypto.encryptAes("k", "", RANDOM));
    }

    @Test
    void malformedCiphertextsFailAsGo() {
        String iv = Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals("runtime error: index out of range [-1]",
                assertThrows(IllegalArgumentException.class, () -> Crypto.decryptAes("k", iv)).getMessage());
        assertEquals("crypto/cipher: input not full blocks", assertThrows(IllegalArgumentException.class,
                () -> Crypto.decryptAes("k", Base64.getEncoder().encodeToString(new byte[20]))).getMessage());
        assertEquals("runtime error: slice bounds out of range [:16] with capacity 3",
                assertThrows(IllegalArgumentException.class, () -> Crypto.decryptAes("k", "YQ==")).getMessage());
    }
}
