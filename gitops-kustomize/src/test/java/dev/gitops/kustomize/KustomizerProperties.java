package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Invariants of builds: determinism, content-addressed generator names, linear bookkeeping. */
class KustomizerProperties {

    private static FileSystem fleet(int apps, String prefix) {
        Map<String, byte[]> files = new HashMap<>();
        StringBuilder top = new StringBuilder("namePrefix: " + prefix + "-\nresources:\n");
        for (int i = 0; i < apps; i++) {
            top.append("- app").append(i).append('\n');
            files.put("app" + i + "/kustomization.yaml", ("resources:\n- deploy.yaml\nconfigMapGenerator:\n"
                    + "- name: cfg\n  literals:\n  - N=" + i + "\nnameSuffix: \"-" + i + "\"\n")
                    .getBytes(StandardCharsets.UTF_8));
            files.put("app" + i + "/deploy.yaml", ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
                    + "spec:\n  template:\n    spec:\n      containers:\n      - name: c\n        envFrom:\n"
                    + "        - configMapRef:\n            name: cfg\n").getBytes(StandardCharsets.UTF_8));
        }
        files.put("kustomization.yaml", top.toString().getBytes(StandardCharsets.UTF_8));
        return FileSystem.inMemory(files);
    }

    @Property(tries = 30)
    void buildsAreDeterministicAndReferencesFollowRenames(@ForAll @IntRange(min = 1, max = 12) int apps,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 8) String prefixRaw) {
        String prefix = prefixRaw.toLowerCase();
        Kustomizer k = Kustomizer.builder().fileSystem(fleet(apps, prefix)).build();
        BuildResult a = k.build("");
        BuildResult b = k.build("");
        assertEquals(a.toYaml(), b.toYaml(), "same input, same bytes");
        List<Resource> rs = a.resources();
        assertEquals(2 * apps, rs.size());
        for (Resource r : rs) {
            if (r.kind().equals("Deployment")) {
                String ref = r.string("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").orElseThrow();
                assertTrue(rs.stream().anyMatch(c -> c.kind().equals("ConfigMap") && c.name().equals(ref)),
                        "reference " + ref + " must name a generated ConfigMap");
                assertTrue(ref.matches(prefix + "-cfg-\\d+-[a-z0-9]{10}"), ref);
            }
        }
    }

    @Property(tries = 50)
    void generatorHashDependsOnContentOnly(@ForAll @Size(min = 1, max = 5) List<@AlphaChars @StringLength(min = 1,
            max = 10) String> values) {
        StringBuilder lits = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            lits.append("  - k").append(i).append('=').append(values.get(i)).append('\n');
        }
        String one = "configMapGenerator:\n- name: one\n  literals:\n" + lits;
        String two = "namePrefix: x-\nconfigMapGenerator:\n- name: one\n  literals:\n" + lits;
        String h1 = build(one).substring("one-".length());
        String h2 = build(two).substring("x-one-".length());
        assertEquals(h1, h2, "the hash ignores the name");
    }

    private static String build(String kustomization) {
        FileSystem f = FileSystem.inMemory(Map.of("kustomization.yaml",
                kustomization.getBytes(StandardCharsets.UTF_8)));
        return Kustomizer.builder().fileSystem(f).build().build("").resources().get(0).name();
    }
}
