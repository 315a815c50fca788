package dev.gitops.api.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.model.ResourceId;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.yaml.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static ObjectNode fixture(String path) {
        try (InputStream in = DriftDetectorTest.class.getResourceAsStream("/drift/" + path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (ObjectNode) Yaml.defaults().readValues(text, path).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode yaml(String text) {
        return (ObjectNode) Yaml.defaults().readValues(text, "test.yaml").get(0);
    }

    @Test
    void imageChangeIsTheOnlyDriftDespiteServerNoiseDefaultsAndQuantities() {
        DriftDetector detector = DriftDetector.builder()
                .ignore(IgnoreRule.fieldManager("kube-controller-manager"))
                .build();
        DriftReport r = detector.diff(fixture("deployment-image/desired.yaml"), fixture("deployment-image/live.yaml"));
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class, r);
        assertEquals(ResourceId.of("apps/v1", "Deployment", "shop", "web"), d.id());
        assertEquals(1, d.changes().size(), () -> "changes: " + d.changes());
        FieldChange c = d.changes().get(0);
        assertEquals("/spec/template/spec/containers/0/image", c.pointer());
        assertEquals(FieldChange.Type.CHANGED, c.type());
        assertEquals("ghcr.io/example/web:1.1.0", c.before().asText());
        assertEquals("ghcr.io/example/web:1.2.0", c.after().asText());
        assertEquals(PatchType.STRATEGIC_MERGE, d.patchType());
        assertEquals("{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
                + "\"containers\":[{\"image\":\"ghcr.io/example/web:1.2.0\",\"name\":\"app\"}]}}}}",
                Json.goJson(d.patch()), "replicas (owned by the HPA's manager) stays out of the patch");
    }

    @Test
    void withoutTheFieldManagerRuleReplicasDrift() {
        DriftReport r = DriftDetector.defaults().diff(fixture("deployment-image/desired.yaml"),
                fixture("deployment-image/live.yaml"));
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class, r);
        assertEquals(List.of("/spec/replicas", "/spec/template/spec/containers/0/image"),
                d.changes().stream().map(FieldChange::pointer).toList());
    }

    @Test
    void ignoreByPointerWithWildcardAndSelector() {
        DriftDetector detector = DriftDetector.builder()
                .ignore(IgnoreRule.pointer("/spec/replicas"))
                .ignore(IgnoreRule.pointer("/spec/template/spec/containers/*/image")
                        .forObjects(ResourceSelector.kind("apps", "Deployment").named("we*")))
                .build();
        assertInstanceOf(DriftReport.InSync.class, detector.diff(fixture("deployment-image/desired.yaml"),
                fixture("deployment-image/live.yaml")));
        DriftDetector other = DriftDetector.builder()
                .ignore(IgnoreRule.pointer("/spec/replicas"))
                .ignore(IgnoreRule.pointer("/spec/template/spec/containers/*/image")
                        .forObjects(ResourceSelector.kind("apps", "Deployment").named("api")))
                .build();
        assertInstanceOf(DriftReport.Drifted.class, other.diff(fixture("deployment-image/desired.yaml"),
                fixture("deployment-image/live.yaml")));
    }

    @Test
    void serviceDefaultsAndIntOrStringPortsAreInSync() {
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.defaults().diff(
                fixture("service-defaults/desired.yaml"), fixture("service-defaults/live.yaml")));
    }

    @Test
    void fieldsOnlyLiveHasAreDriftOnlyWhenWeSetThemBefore() {
        ObjectNode desired = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop}
                data: {a: "1"}
                """);
        ObjectNode live = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop, labels: {team: x}}
                data: {a: "1", b: "2"}
                """);
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.defaults().diff(desired, live));
        ObjectNode lastApplied = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: shop}
                data: {a: "1", b: "2"}
                """);
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class,
                DriftDetector.defaults().diff(desired, lastApplied, live));
        assertEquals(1, d.changes().size());
        assertEquals("/data/b", d.changes().get(0).pointer());
        assertEquals(FieldChange.Type.REMOVED, d.changes().get(0).type());
        assertEquals("{\"data\":{\"b\":null}}", Json.goJson(d.patch()));
        // the same through the last-applied annotation
        ObjectNode annotated = live.deepCopy();
        ((ObjectNode) annotated.get("metadata")).putObject("annotations")
                .put("kubectl.kubernetes.io/last-applied-configuration", lastApplied.toString());
        assertInstanceOf(DriftReport.Drifted.class, DriftDetector.defaults().diff(desired, annotated));
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.builder().useLastAppliedAnnotation(false).build()
                .diff(desired, annotated));
    }

    @Test
    void secretValuesAreMaskedButThePatchIsReal() {
        DriftReport r = DriftDetector.defaults().diff(fixture("secret/desired.yaml"), fixture("secret/live.yaml"));
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class, r);
        assertEquals(1, d.changes().size(), () -> d.changes().toString());
        FieldChange c = d.changes().get(0);
        assertEquals("/data/password", c.pointer());
        assertTrue(c.before().asText().startsWith("+++++ ("), c.before().asText());
        assertNotEquals(c.before(), c.after());
        String unified = DriftOutput.unified(List.of(r));
        String json = DriftOutput.json(List.of(r));
        for (String secret : List.of("s3cr3t", "czNjcjN0", "YWRtaW4=", "admin")) {
            assertFalse(unified.contains(secret), unified);
            assertFalse(json.contains(secret), json);
            assertFalse(r.toString().contains(secret));
        }
        assertTrue(json.contains("\"patchRedacted\" : true"), json);
        assertEquals("czNjcjN0LW5ldw==", d.patch().path("data").path("password").asText(), "real value in patch");
        assertFalse(d.patch().toString().contains("+++++"), "a mask never reaches the patch");
        // equal values stay recognisably equal: the unchanged username has the same mask on both sides
        assertEquals(d.live().path("data").path("username"), d.merged().path("data").path("username"));
    }

    @Test
    void stringDataEqualToDataIsInSync() {
        ObjectNode desired = fixture("secret/desired.yaml");
        ((ObjectNode) desired.get("stringData")).put("password", "s3cr3t-old");
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.defaults().diff(desired,
                fixture("secret/live.yaml")));
    }

    @Test
    void customResourcesUseJsonMergePatchAndToleratesDefaultsInAtomicLists() {
        ObjectNode desired = yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  parts: [{id: a}]
                  size: 1Gi
                """);
        ObjectNode live = yaml("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, generation: 4}
                spec:
                  parts: [{id: a, weight: 1}]
                  size: 1Gi
                status: {ready: true}
                """);
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.defaults().diff(desired, live));
        ((ObjectNode) desired.get("spec")).put("size", "2Gi");
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class, DriftDetector.defaults().diff(desired,
                live));
        assertEquals(PatchType.JSON_MERGE, d.patchType());
        assertEquals("{\"spec\":{\"size\":\"2Gi\"}}", Json.goJson(d.patch()));
    }

    @Test
    void compareReportsMissingAndExtraOnlyForOwnedObjects() {
        ObjectNode cm = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: n}, data: {k: v}}");
        ObjectNode gone = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: gone, namespace: n}}");
        ObjectNode foreign = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: foreign, namespace: n}}");
        ObjectNode newOne = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: new, namespace: n}}");
        List<DriftReport> reports = DriftDetector.defaults().compare(List.of(cm, newOne),
                List.of(cm.deepCopy(), gone, foreign), Map.of(),
                Set.of(ResourceId.of("v1", "ConfigMap", "n", "gone"), ResourceId.of("v1", "ConfigMap", "n", "a")));
        assertEquals(3, reports.size());
        assertInstanceOf(DriftReport.InSync.class, reports.get(0));
        assertInstanceOf(DriftReport.Missing.class, reports.get(1));
        DriftReport.Extra extra = assertInstanceOf(DriftReport.Extra.class, reports.get(2));
        assertEquals("gone", extra.id().name());
        String json = DriftOutput.json(reports);
        assertTrue(json.contains("\"inSync\" : 1") && json.contains("\"missing\" : 1")
                && json.contains("\"extra\" : 1"), json);
    }

    @Test
    void unifiedDiffReadsLikeKubectlDiff() {
        DriftReport r = DriftDetector.builder().ignore(IgnoreRule.pointer("/spec/replicas")).build()
                .diff(fixture("deployment-image/desired.yaml"), fixture("deployment-image/live.yaml"));
        String out = DriftOutput.unified(List.of(r));
        assertTrue(out.startsWith("""
                diff -u -N live/apps.v1.Deployment.shop.web merged/apps.v1.Deployment.shop.web
                --- live/apps.v1.Deployment.shop.web
                +++ merged/apps.v1.Deployment.shop.web
                @@ -"""), out);
        assertTrue(out.contains("\n-        image: ghcr.io/example/web:1.1.0\n+        image: ghcr.io/example/web:1.2.0\n"),
                out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("-") || l.startsWith("+")).count() - 2, out);
    }

    @Test
    void badInputIsATypedError() {
        assertThrows(InvalidInputException.class, () -> DriftDetector.defaults().diff(yaml("{kind: X}"),
                yaml("{kind: X}")));
        assertThrows(InvalidInputException.class, () -> IgnoreRule.pointer("spec/replicas"));
        ObjectNode pod = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{image: x}]}}");
        ObjectNode live = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a}]}}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DriftDetector.defaults().diff(pod, live));
        assertTrue(e.getMessage().contains("Pod/p") && e.getMessage().contains("/spec/containers"), e.getMessage());
    }

    @Test
    void reportsAreValuesThatDoNotShareState() {
        DriftReport.Drifted d = (DriftReport.Drifted) DriftDetector.defaults().diff(
                fixture("deployment-image/desired.yaml"), fixture("deployment-image/live.yaml"));
        d.patch().removeAll();
        assertFalse(d.patch().isEmpty());
        JsonNode before = d.changes().get(0).before();
        assertEquals(before, d.changes().get(0).before());
    }

    @Test
    void normalizersSeeEachSideAndCanDropInjectedFields() {
        ObjectNode desired = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: n}
                spec:
                  containers: [{name: app, image: app:1}]
                """);
        ObjectNode live = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: n, annotations: {injected: "true"}}
                spec:
                  containers: [{name: app, image: app:1}, {name: istio-proxy, image: proxy:1}]
                """);
        ObjectNode lastApplied = desired.deepCopy();
        ((ObjectNode) ((ObjectNode) lastApplied.get("spec")).withArray("containers").addObject())
                .put("name", "istio-proxy").put("image", "proxy:0");
        // last-applied had the sidecar, desired does not: the three-way patch would delete it
        assertInstanceOf(DriftReport.Drifted.class, DriftDetector.defaults().diff(desired, lastApplied, live));
        java.util.Set<Normalizer.Side> seen = java.util.EnumSet.noneOf(Normalizer.Side.class);
        DriftDetector detector = DriftDetector.builder().normalizer((id, side, o) -> {
            seen.add(side);
            com.fasterxml.jackson.databind.node.ArrayNode cs = (com.fasterxml.jackson.databind.node.ArrayNode)
                    o.path("spec").path("containers");
            for (int i = cs.size() - 1; i >= 0; i--) {
                if (cs.get(i).path("name").asText().equals("istio-proxy")) {
                    cs.remove(i);
                }
            }
            return o;
        }).build();
        assertInstanceOf(DriftReport.InSync.class, detector.diff(desired, lastApplied, live));
        assertEquals(java.util.EnumSet.allOf(Normalizer.Side.class), seen);
        assertEquals(2, live.path("spec").path("containers").size(), "inputs are never modified");
    }

    @Test
    void resourceOverloadsAndMissingSecretsAreMasked() {
        dev.gitops.api.model.Resource desired = dev.gitops.api.model.Resource.of(fixture("secret/desired.yaml"));
        dev.gitops.api.model.Resource live = dev.gitops.api.model.Resource.of(fixture("secret/live.yaml"));
        assertInstanceOf(DriftReport.Drifted.class, DriftDetector.defaults().diff(desired, live));
        List<DriftReport> reports = DriftDetector.defaults().compare(List.of(desired), List.of(), Set.of());
        DriftReport.Missing m = assertInstanceOf(DriftReport.Missing.class, reports.get(0));
        String unified = DriftOutput.unified(reports);
        assertFalse(unified.contains("s3cr3t") || unified.contains("admin"), unified);
        assertTrue(m.desired().path("stringData").path("password").asText().startsWith("+++++ ("));
    }

    @Test
    void retainKeysDoesNotTurnServerDefaultsIntoDrift() {
        ObjectNode desired = fixture("deployment-image/desired.yaml");
        ObjectNode live = fixture("deployment-image/live.yaml");
        ((ObjectNode) desired.get("spec")).putObject("strategy").put("type", "RollingUpdate");
        ((ObjectNode) desired.get("spec")).put("replicas", 5);
        ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("image", "ghcr.io/example/web:1.2.0");
        // the three-way patch carries $retainKeys for the strategy (as kubectl's would), which would clear the
        // defaulted rollingUpdate that the API server puts back: not drift
        assertInstanceOf(DriftReport.InSync.class, DriftDetector.defaults().diff(desired, live));
        ((ObjectNode) desired.get("spec").get("strategy")).put("type", "Recreate");
        DriftReport.Drifted d = assertInstanceOf(DriftReport.Drifted.class, DriftDetector.defaults().diff(desired,
                live));
        assertEquals(List.of("/spec/strategy/type"), d.changes().stream().map(FieldChange::pointer).toList());
        assertEquals("{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}",
                Json.goJson(d.patch().at("/spec/strategy")), "the patch still clears rollingUpdate");
    }
}
