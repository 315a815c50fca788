package dev.gitops.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizerTest {

    static FileSystem fs(String... pathsAndContents) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return FileSystem.inMemory(m);
    }

    static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n";

    @Test
    void buildsAndOrdersLikeKustomize() {
        FileSystem f = fs("app/kustomization.yaml", "resources:\n- cm.yaml\n- ns.yaml\nnamePrefix: p-\n",
                "app/cm.yaml", CM,
                "app/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
        BuildResult r = Kustomizer.builder().fileSystem(f).build().build("app");
        assertEquals(List.of("Namespace", "ConfigMap"), r.resources().stream().map(Resource::kind).toList());
        assertEquals("p-cm", r.resources().get(1).name());
        assertEquals("team", r.resources().get(0).name(), "namespaces are not prefixed");
        assertTrue(r.toYaml().contains("---\n"));
    }

    @Test
    void reorderNoneKeepsAccumulationOrder() {
        FileSystem f = fs("kustomization.yaml", "resources:\n- cm.yaml\n- ns.yaml\n", "cm.yaml", CM,
                "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
        BuildResult r = Kustomizer.builder().fileSystem(f).reorder(Reorder.NONE).build().build("");
        assertEquals(List.of("ConfigMap", "Namespace"), r.resources().stream().map(Resource::kind).toList());
    }

    @Test
    void unknownFieldNamesFileAndField() {
        FileSystem f = fs("k/kustomization.yaml", "resources: []\nnamePrefx: x\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(f).build().build("k"));
        assertTrue(e.getMessage().contains("namePrefx") && e.getMessage().contains("kustomization.yaml"),
                e.getMessage());
    }

    @Test
    void rootOnlyRestrictionRejectsFilesOutsideTheRoot() {
        FileSystem f = fs("app/kustomization.yaml", "resources:\n- ../cm.yaml\n", "cm.yaml", CM);
        assertThrows(KustomizeException.class, () -> Kustomizer.builder().fileSystem(f).build().build("app"));
        BuildResult r = Kustomizer.builder().fileSystem(f).loadRestrictions(LoadRestrictions.NONE).build()
                .build("app");
        assertEquals(1, r.resources().size());
    }

    @Test
    void cyclesAreDetected() {
        FileSystem f = fs("a/kustomization.yaml", "resources:\n- ../b\n", "b/kustomization.yaml",
                "resources:\n- ../a\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(f).build().build("a"));
        assertTrue(e.getMessage().contains("cycle detected"), e.getMessage());
    }

    @Test
    void helmChartsNeedEnableHelm() {
        FileSystem f = fs("kustomization.yaml", "helmCharts:\n- name: x\n  releaseName: r\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(f).build().build(""));
        assertEquals("trouble configuring builtin HelmChartInflationGenerator with config: `\nname: x\n"
                + "releaseName: r\n`: must specify --enable-helm", e.getMessage());
    }

    @Test
    void missingChartIsAnErrorNamingChartAndKustomization() {
        FileSystem f = fs("app/kustomization.yaml", "helmCharts:\n- name: web\n  version: 1.2.3\n"
                + "  repo: https://charts.example.com\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(f).helmEnabled(true).build().build("app"));
        assertTrue(e.getMessage().contains("kustomization.yaml: helmCharts: chart 'web' version 1.2.3 from repo "
                + "https://charts.example.com is not in"), e.getMessage());
        assertTrue(e.getMessage().contains("charts/web-1.2.3/web"), e.getMessage());
        assertTrue(e.getMessage().contains("charts are not downloaded"), e.getMessage());
    }

    @Test
    void helmChartConfigIsValidated() {
        FileSystem f = fs("kustomization.yaml", "helmCharts:\n- name: x\n  valuesMerge: mix\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(f).helmEnabled(true).build().build(""));
        assertTrue(e.getMessage().endsWith("`: valuesMerge must be one of [merge override replace]"),
                e.getMessage());
        FileSystem g = fs("kustomization.yaml", "helmCharts:\n- name: x\n  valuesFiles: [a.yaml]\n");
        e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(g).helmEnabled(true).build().build(""));
        assertEquals("invalid Kustomization: json: unknown field \"valuesFiles\" (in kustomization.yaml)",
                e.getMessage());
        FileSystem h = fs("kustomization.yaml", "helmCharts:\n- name: x\n  skipTests: \"yes\"\n");
        e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(h).helmEnabled(true).build().build(""));
        assertEquals("invalid Kustomization: json: cannot unmarshal string into Go struct field "
                + "HelmChart.helmCharts.skipTests of type bool (in kustomization.yaml)", e.getMessage());
    }

    @Test
    void releaseNameDefaultsAsHelmTemplateAndIsChecked() {
        String chart = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n";
        FileSystem f = fs("kustomization.yaml", "helmCharts:\n- name: web\n",
                "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "charts/web/values.yaml", "",
                "charts/web/templates/cm.yaml", chart);
        assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-name\n",
                Kustomizer.builder().fileSystem(f).helmEnabled(true).build().build("").toYaml());
        FileSystem g = fs("kustomization.yaml", "helmCharts:\n- name: web\n  releaseName: Bad_Name\n",
                "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
                "charts/web/values.yaml", "",
                "charts/web/templates/cm.yaml", chart);
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(g).helmEnabled(true).build().build(""));
        assertTrue(e.getMessage().contains("release name \"Bad_Name\": invalid release name"), e.getMessage());
        assertTrue(e.getMessage().startsWith("kustomization.yaml: helmCharts: chart 'web': "), e.getMessage());
    }

    @Test
    void remoteBasesAreClonedAtTheirRef(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path repo = tmp.resolve("repo");
        java.nio.file.Files.createDirectories(repo.resolve("base"));
        java.nio.file.Files.writeString(repo.resolve("base/kustomization.yaml"), "resources:\n- cm.yaml\n");
        java.nio.file.Files.writeString(repo.resolve("base/cm.yaml"), CM);
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
            git.tag().setName("v1").setAnnotated(false).call();
            java.nio.file.Files.writeString(repo.resolve("base/cm.yaml"), CM.replace("a: b", "a: changed"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("later").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        String url = "file://" + repo.toAbsolutePath();
        FileSystem f = fs("kustomization.yaml", "namePrefix: remote-\nresources:\n- " + url + "//base?ref=v1\n");
        java.nio.file.Path cache = tmp.resolve("cache");
        Kustomizer k = Kustomizer.builder().fileSystem(f).remoteCache(cache).build();
        BuildResult r = k.build("");
        assertEquals("remote-cm", r.resources().get(0).name());
        assertEquals("b", r.resources().get(0).string("/data/a").orElseThrow(), "the tagged version is used");
        assertEquals(r.toYaml(), k.build("").toYaml(), "the cached clone gives the same result");

        FileSystem bad = fs("kustomization.yaml", "resources:\n- " + url + "//base?ref=nope\n");
        KustomizeException e = assertThrows(KustomizeException.class,
                () -> Kustomizer.builder().fileSystem(bad).remoteCache(cache).build().build(""));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void generatorHashAndNameReference() {
        FileSystem f = fs("kustomization.yaml", "resources:\n- pod.yaml\nconfigMapGenerator:\n- name: cfg\n"
                + "  literals:\n  - a=b\n", "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
                + "  volumes:\n  - name: v\n    configMap:\n      name: cfg\n");
        BuildResult r = Kustomizer.builder().fileSystem(f).build().build("");
        String cmName = r.resources().get(0).name();
        assertTrue(cmName.matches("cfg-[a-z0-9]{10}"), cmName);
        assertEquals(cmName, r.resources().get(1).string("/spec/volumes/0/configMap/name").orElseThrow());
    }

    @Test
    void javaTransformerAndGeneratorPlugins() {
        ResourceTransformer owner = new ResourceTransformer() {
            public String apiVersion() {
                return "example.com/v1";
            }

            public String kind() {
                return "OwnerLabel";
            }

            public List<Resource> transform(Resource config, List<Resource> resources) {
                String team = config.string("/team").orElseThrow();
                List<Resource> out = new ArrayList<>();
                for (Resource r : resources) {
                    ObjectNode c = r.content();
                    c.with("metadata").with("labels").put("owner", team);
                    out.add(r.withContent(c));
                }
                return out;
            }
        };
        ManifestGenerator gen = new ManifestGenerator() {
            public String apiVersion() {
                return "example.com/v1";
            }

            public String kind() {
                return "Hello";
            }

            public List<Resource> generate(Resource config) {
                return Resource.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\n", "gen");
            }
        };
        FileSystem f = fs("kustomization.yaml", "resources:\n- cm.yaml\ngenerators:\n- |-\n  apiVersion: example.com/v1\n"
                + "  kind: Hello\n  metadata:\n    name: h\ntransformers:\n- owner.yaml\n", "cm.yaml", CM,
                "owner.yaml", "apiVersion: example.com/v1\nkind: OwnerLabel\nmetadata:\n  name: o\nteam: web\n");
        BuildResult r = Kustomizer.builder().fileSystem(f).transformer(owner).generator(gen).build().build("");
        assertEquals(List.of("cm", "hello"), r.resources().stream().map(Resource::name).toList());
        for (Resource res : r.resources()) {
            assertEquals("web", res.labels().get("owner"));
        }
    }
}
