package dev.gitops.examples.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.engine.PostBuildSubstitution;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * postBuild substitution on what gitops-kustomize built, as kustomize-controller substitutes kustomize's output: a
 * reference quoted in the manifest stays a string through the build's transformers, an unquoted one is typed.
 */
class SubstitutionThroughKustomizeTest {

    @Test
    void quotedReferencesStayStringsAfterAKustomizeBuild() {
        FileSystem fs = FileSystem.inMemory();
        fs.write("app/kustomization.yaml", ("namespace: web\nnamePrefix: p-\ncommonLabels:\n  team: a\n"
                + "resources:\n- cm.yaml\n- deploy.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n"
                + "    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      minReadySeconds: 5\n")
                .getBytes(StandardCharsets.UTF_8));
        fs.write("app/cm.yaml", ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n"
                + "  port: \"${port}\"\n  debug: '${debug}'\n").getBytes(StandardCharsets.UTF_8));
        fs.write("app/deploy.yaml", ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                + "  replicas: ${replicas:=2}\n  selector:\n    matchLabels:\n      app: web\n  template:\n"
                + "    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n"
                + "        image: \"web:${tag}\"\n        env:\n        - name: PORT\n          value: \"${port}\"\n")
                .getBytes(StandardCharsets.UTF_8));
        List<Resource> built = EngineWiring.manifestBuilder().build(fs, "app");
        PostBuildSubstitution subst = PostBuildSubstitution.of(Map.of("port", "8080", "debug", "yes", "tag", "1.0"));
        List<Resource> out = subst.apply(built);
        Resource cm = out.stream().filter(r -> r.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertEquals("8080", cm.content().at("/data/port").textValue(), cm.toYaml());
        assertEquals("yes", cm.content().at("/data/debug").textValue(), cm.toYaml());
        Resource deploy = out.stream().filter(r -> r.kind().equals("Deployment")).findFirst().orElseThrow();
        assertTrue(deploy.content().at("/spec/replicas").isIntegralNumber(), deploy.toYaml());
        assertEquals(2, deploy.content().at("/spec/replicas").intValue());
        assertEquals("web:1.0", deploy.content().at("/spec/template/spec/containers/0/image").textValue());
        assertEquals("8080", deploy.content().at("/spec/template/spec/containers/0/env/0/value").textValue(),
                "quoted in a list item, through a strategic merge patch of the same object");
        assertEquals(5, deploy.content().at("/spec/minReadySeconds").intValue());
    }
}
