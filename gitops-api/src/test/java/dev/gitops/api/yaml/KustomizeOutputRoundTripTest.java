package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.testing.SharedConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code expected.yaml} of the kustomize conformance cases is real {@code kubectl kustomize} output; reading it
 * and writing it again must give the same bytes. This pins both the go-yaml v3 reader and the go-yaml v2 writer.
 */
class KustomizeOutputRoundTripTest {

    @TestFactory
    Stream<DynamicTest> kustomizeOutputRoundTripsByteForByte() throws IOException {
        Path root = SharedConformance.require("kustomize");
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.map(p -> p.resolve("expected.yaml")).filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName().toString(), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<JsonNode> docs = Yaml.defaults().readValues(text, f.toString());
            assertEquals(text, Yaml.defaults().writeAll(docs));
        }));
    }
}
