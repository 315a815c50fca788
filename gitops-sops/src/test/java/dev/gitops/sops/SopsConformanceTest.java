package dev.gitops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.api.error.Origin;
import dev.gitops.sops.age.Identity;
import dev.gitops.sops.internal.Metadata;
import dev.gitops.sops.internal.ParsedFile;
import dev.gitops.sops.internal.Stores;
import dev.gitops.sops.internal.TreeCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of ../shared/conformance/sops: tree, data key and MAC bytes. */
class SopsConformanceTest {

    static final ObjectMapper M = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> vectors() throws Exception {
        Path dir = SharedDir.require("conformance/sops");
        JsonNode manifest = M.readTree(dir.resolve("MANIFEST.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode e : manifest) {
            tests.add(DynamicTest.dynamicTest(e.get("file").asText().replaceAll(".*/sops/", ""), () -> run(dir, e)));
        }
        assertEquals(11, tests.size());
        return tests.stream();
    }

    static void run(Path dir, JsonNode e) throws Exception {
        Path file = dir.resolve(e.get("file").asText());
        byte[] content = Files.readAllBytes(file);
        Format format = Format.parse(e.get("format").asText());
        List<Identity> ids = new ArrayList<>();
        if (e.get("wrap").asText().equals("age")) {
            for (JsonNode k : e.get("keys")) {
                ids.addAll(SopsKeys.parseFile(dir.resolve(k.asText())));
            }
        }
        SopsDecryptor d = SopsDecryptor.builder().identities(ids).build();
        if (e.get("expect").asText().equals("unsupported_recipient")) {
            // the post-quantum hybrid recipient (age1pq1, mlkem768x25519) is implemented: it decrypts and the MAC
            // verifies; without the PQ key it is a wrong-key error
            SopsDocument doc = d.decrypt(content, format, file.getFileName().toString());
            assertEquals("Secret", ((SopsNode.Str) doc.branches().get(0).get("kind").orElseThrow()).text());
            assertThrows(SopsException.NoMatchingKey.class, () -> SopsDecryptor.builder()
                    .identity(dev.gitops.sops.age.X25519Identity.generate(new java.security.SecureRandom())).build()
                    .decrypt(content, format));
            return;
        }
        JsonNode expected = M.readTree(Files.readAllBytes(Path.of(file + ".expected.json")));
        Origin origin = Origin.of(file.getFileName().toString());
        ParsedFile pf = Stores.parse(content, format, origin);
        Metadata md = Metadata.parse(pf.metadata().orElseThrow(), origin);
        byte[] dataKey;
        if (e.get("wrap").asText().equals("age")) {
            dataKey = d.dataKey(md, origin);
        } else {
            // PGP: inject the reference data key, then check values and MAC
            dataKey = HexFormat.of().parseHex(expected.get("datakey_hex").asText());
            assertThrows(SopsException.UnsupportedKeyType.class, () -> d.decrypt(content, format));
        }
        assertEquals(expected.get("datakey_hex").asText(), HexFormat.of().formatHex(dataKey));
        assertEquals(expected.get("mac_aad").asText(), SopsDecryptor.macAad(md, origin));
        TreeCrypt.Result r = TreeCrypt.run(TreeCrypt.Mode.DECRYPT, pf.branches(), dataKey, md.rules(), origin, null);
        assertEquals(expected.get("mac_computed").asText(), r.mac());
        assertEquals(expected.get("tree"), TreeJson.of(r.branches()));
        SopsDocument doc = d.decryptWithDataKey(pf, md, dataKey, format, origin);
        assertEquals(expected.get("tree"), TreeJson.of(doc.branches()));
        if (expected.has("binary_b64")) {
            assertEquals(expected.get("binary_b64").asText(), Base64.getEncoder().encodeToString(doc.toBytes()));
        }
        if (e.get("wrap").asText().equals("age")) {
            assertEquals(expected.get("tree"), TreeJson.of(d.decrypt(content, format).branches()));
        }
        if (file.getFileName().toString().equals("secret.yaml.data.key.decoded.json")) {
            // the Flux way: the Secret whose data.key holds this SOPS file, decrypted as a resource
            byte[] secretYaml = Files.readAllBytes(file.resolveSibling("secret.yaml"));
            com.fasterxml.jackson.databind.node.ObjectNode secret = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(secretYaml);
            var out = d.decryptSecrets(List.of(secret)).get(0);
            assertEquals(expected.get("binary_b64").asText(), out.path("data").path("key").asText());
        }
    }
}
