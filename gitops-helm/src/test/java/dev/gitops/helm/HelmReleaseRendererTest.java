package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.engine.ChartRenderer.ChartRequest;
import dev.gitops.api.engine.ChartRenderer.ChartSource;
import dev.gitops.api.engine.ChartRenderer.Rendered;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine plug point renders what helm template renders, minus hooks and tests, CRDs first. */
class HelmReleaseRendererTest {

    private final FileSystem fs = FileSystem.onDisk(Path.of("src/test/resources").toAbsolutePath());

    @Test
    void rendersTheChartOfAGitRepositoryPathWithReleaseValues() {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Rendered plain = HelmReleaseRenderer.create().render(new ChartRequest("web", "shop",
                new ChartSource.InArtifact(fs, "charts/webapp", List.of()), values));
        assertEquals("webapp", plain.chartName());
        assertFalse(plain.resources().isEmpty());
        // the same objects helm template prints (hooks and test hooks left out), CRDs first
        RenderedRelease direct = ChartRenderer.builder().build().render(ChartLoader.load(fs, "charts/webapp"),
                RenderRequest.of("web").withNamespace("shop").withIncludeCrds(true).withSkipTests(true));
        int crds = direct.crds().size();
        assertEquals(crds + direct.manifests().size(), plain.resources().size());
        if (crds > 0) {
            assertEquals("CustomResourceDefinition", plain.resources().get(0).kind());
        }
        Resource first = plain.resources().get(crds);
        assertTrue(first.origin().orElseThrow().file().startsWith("webapp/"), first.origin().toString());
    }

    @Test
    void releaseValuesOverrideChartDefaults() {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        values.put("replicaCount", 7);
        Rendered r = HelmReleaseRenderer.create().render(new ChartRequest("web", "shop",
                new ChartSource.InArtifact(fs, "charts/webapp", List.of()), values));
        Resource deploy = r.resources().stream().filter(x -> x.kind().equals("Deployment")).findFirst()
                .orElseThrow();
        assertEquals(7, deploy.get("/spec/replicas").orElseThrow().intValue());
    }

    @Test
    void unreachableChartRepositoriesAreNamed() {
        ChartRepositoryException e = assertThrows(ChartRepositoryException.class, () -> HelmReleaseRenderer.create()
                .render(new ChartRequest("web", "shop", new ChartSource.Repository("http://127.0.0.1:1/charts", "web",
                        "1.x", Map.of()), JsonNodeFactory.instance.objectNode())));
        assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:1/charts/index.yaml failed: "), e.getMessage());
        assertEquals("1.x", e.constraint());
    }
}
