package dev.gitops.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.yaml.Yaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test against the real kubectl: each case under {@code smp-kubectl/} holds an object, a strategic
 * merge patch and the result of {@code kubectl patch --local --type strategic} (recorded by {@code record.sh}),
 * which applies the patch with the built-in Kubernetes types; our engine with
 * {@link KubernetesPatchSchemas#builtIn()} must give the same object.
 */
class KubectlPatchGoldenTest {

    @TestFactory
    Stream<DynamicTest> sameAsKubectl() throws IOException, URISyntaxException {
        Path root = Path.of(KubectlPatchGoldenTest.class.getResource("/smp-kubectl").toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> {
                        JsonNode object = read(dir.resolve("object.yaml"));
                        JsonNode patch = read(dir.resolve("patch.yaml"));
                        JsonNode expected = Conformance.MAPPER.readTree(dir.resolve("expected.json").toFile());
                        StrategicMergePatch smp = StrategicMergePatch.forKind(object.get("apiVersion").asText(),
                                object.get("kind").asText());
                        JsonNode actual = smp.apply(object, patch);
                        assertEquals(Json.goJson(expected), Json.goJson(actual));
                    }));
        }
    }

    private static JsonNode read(Path p) throws IOException {
        return Yaml.defaults().readValues(Files.readString(p), p.toString()).get(0);
    }
}
