package dev.gitops.benchmarks;

import dev.gitops.sops.CryptRules;
import dev.gitops.sops.Format;
import dev.gitops.sops.SopsDecryptor;
import dev.gitops.sops.SopsDocument;
import dev.gitops.sops.SopsEncryptor;
import dev.gitops.sops.age.AgeDecryptor;
import dev.gitops.sops.age.AgeEncryptor;
import dev.gitops.sops.age.X25519Identity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SOPS and age performance.
 *
 * <ul>
 *   <li>{@code sopsDecryptSecret30}: decrypting a Kubernetes Secret with 30 encrypted values (age X25519 unwrap of
 *       the data key, 30 AES-GCM values, MAC), warm. Target: well under a millisecond.</li>
 *   <li>{@code agePayloadDecrypt64MiB} vs {@code rawChaCha20Poly1305Bc64MiB} / {@code rawChaCha20Poly1305Jdk64MiB}:
 *       age STREAM decryption of a 64 MiB file against the bare AEAD over the same 1024 chunks in the same JVM.
 *       Target: age at least half the raw throughput.</li>
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SopsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SopsBenchmark {

    static final int PAYLOAD = 64 << 20;
    static final int CHUNK = 64 * 1024;

    private SopsDecryptor sops;
    private byte[] secretFile;
    private AgeDecryptor age;
    private byte[] ageFile;
    private byte[] rawCiphertext;
    private byte[] key;
    private byte[] buf;
    private byte[] out;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        SecureRandom rnd = new SecureRandom();
        X25519Identity id = X25519Identity.generate(rnd);
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n  namespace: prod\n"
                + "type: Opaque\nstringData:\n");
        for (int i = 0; i < 30; i++) {
            y.append("  KEY_").append(i).append(": value-").append(i).append("-s3cr3t-").append(Integer.toHexString(
                    rnd.nextInt())).append('\n');
        }
        secretFile = SopsEncryptor.builder().recipient(id.recipient())
                .cryptRules(CryptRules.of(CryptRules.Kind.ENCRYPTED_REGEX, "^(data|stringData)$")).build()
                .encrypt(y.toString().getBytes(StandardCharsets.UTF_8), Format.YAML);
        sops = SopsDecryptor.builder().identity(id).build();

        byte[] plain = new byte[PAYLOAD];
        rnd.nextBytes(plain);
        ageFile = AgeEncryptor.builder().recipient(id.recipient()).build().encrypt(plain);
        age = AgeDecryptor.builder().identity(id).build();

        key = new byte[32];
        rnd.nextBytes(key);
        int chunks = PAYLOAD / CHUNK;
        rawCiphertext = new byte[chunks * (CHUNK + 16)];
        for (int i = 0; i < chunks; i++) {
            ChaCha20Poly1305 c = new ChaCha20Poly1305();
            c.init(true, new AEADParameters(new KeyParameter(key), 128, nonce(i)));
            int n = c.processBytes(plain, i * CHUNK, CHUNK, rawCiphertext, i * (CHUNK + 16));
            c.doFinal(rawCiphertext, i * (CHUNK + 16) + n);
        }
        buf = new byte[CHUNK];
        out = new byte[CHUNK + 16];
    }

    static byte[] nonce(long i) {
        byte[] n = new byte[12];
        for (int k = 0; k < 8; k++) {
            n[10 - k] = (byte) (i >>> (8 * k));
        }
        return n;
    }

    @Benchmark
    public SopsDocument sopsDecryptSecret30() {
        return sops.decrypt(secretFile, Format.YAML);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long agePayloadDecrypt64MiB() throws IOException {
        long total = 0;
        try (InputStream in = age.decrypt(new ByteArrayInputStream(ageFile))) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        }
        return total;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void rawChaCha20Poly1305Bc64MiB(Blackhole bh) throws InvalidCipherTextException {
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        KeyParameter k = new KeyParameter(key);
        int chunks = rawCiphertext.length / (CHUNK + 16);
        for (int i = 0; i < chunks; i++) {
            c.init(false, new AEADParameters(k, 128, nonce(i)));
            int n = c.processBytes(rawCiphertext, i * (CHUNK + 16), CHUNK + 16, out, 0);
            n += c.doFinal(out, n);
            bh.consume(n);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void rawChaCha20Poly1305Jdk64MiB(Blackhole bh) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec k = new SecretKeySpec(key, "ChaCha20");
        int chunks = rawCiphertext.length / (CHUNK + 16);
        for (int i = 0; i < chunks; i++) {
            c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(nonce(i)));
            bh.consume(c.doFinal(rawCiphertext, i * (CHUNK + 16), CHUNK + 16, out, 0));
        }
    }
}
