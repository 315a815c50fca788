package dev.gitops.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.patch.internal.Json;
import org.junit.jupiter.api.Test;

class KubernetesPatchSchemasTest {

    private static final KubernetesPatchSchemas K8S = KubernetesPatchSchemas.builtIn();

    @Test
    void deploymentContainersMergeByNameAndEnvByName() {
        StrategicMergePatch smp = StrategicMergePatch.forKind("apps/v1", "Deployment");
        JsonNode deployment = Conformance.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["a"]},
                 "spec":{"replicas":1,"template":{"spec":{"containers":[
                   {"name":"app","image":"app:1","env":[{"name":"A","value":"1"}],
                    "ports":[{"containerPort":80}]},
                   {"name":"sidecar","image":"side:1"}]}}}}""");
        JsonNode patch = Conformance.parse("""
                {"metadata":{"finalizers":["b"]},
                 "spec":{"template":{"spec":{"containers":[
                   {"name":"app","image":"app:2","env":[{"name":"B","value":"2"}],
                    "ports":[{"containerPort":443}]}]}}}}""");
        JsonNode r = smp.apply(deployment, patch);
        assertEquals("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"finalizers":["b","a"],"name":"web"},\
                "spec":{"replicas":1,"template":{"spec":{"containers":[{"env":[{"name":"B","value":"2"},\
                {"name":"A","value":"1"}],"image":"app:2","name":"app","ports":[{"containerPort":443},\
                {"containerPort":80}]},{"image":"side:1","name":"sidecar"}]}}}}""", Json.goJson(r),
                "without $setElementOrder, Go puts the patch's items before the server-only ones");
    }

    @Test
    void cronJobPodTemplateAndServicePortsAreKnown() {
        PatchSchema cron = K8S.forKind("batch/v1", "CronJob").orElseThrow();
        PatchField containers = cron.require("spec").schema().require("jobTemplate").schema().require("spec")
                .schema().require("template").schema().require("spec").schema().require("containers");
        assertEquals("name", containers.mergeKey());
        assertTrue(containers.merging());
        PatchField ports = K8S.forKind("v1", "Service").orElseThrow().require("spec").schema().require("ports");
        assertEquals("port", ports.mergeKey());
        PatchField volumes = K8S.type("PodSpec").orElseThrow().require("volumes");
        assertTrue(volumes.retainKeys());
        PatchField tolerations = K8S.type("PodSpec").orElseThrow().require("tolerations");
        assertEquals(PatchField.ListType.ATOMIC, tolerations.listType());
        assertFalse(tolerations.merging());
        PatchField owners = K8S.type("ObjectMeta").orElseThrow().require("ownerReferences");
        assertEquals("uid", owners.mergeKey());
        assertTrue(K8S.forKind("example.com/v1", "Widget").isEmpty());
    }

    @Test
    void deleteDirectiveRemovesAContainer() {
        StrategicMergePatch smp = StrategicMergePatch.forKind("v1", "Pod");
        JsonNode pod = Conformance.parse("""
                {"spec":{"containers":[{"name":"a","image":"a"},{"name":"b","image":"b"}]}}""");
        JsonNode r = smp.apply(pod, Conformance.parse("""
                {"spec":{"containers":[{"name":"a","$patch":"delete"}]}}"""));
        assertEquals("{\"spec\":{\"containers\":[{\"image\":\"b\",\"name\":\"b\"}]}}", Json.goJson(r));
    }

    @Test
    void deploymentStrategyRetainsKeys() {
        StrategicMergePatch smp = StrategicMergePatch.forKind("apps/v1", "Deployment");
        JsonNode live = Conformance.parse("""
                {"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""");
        JsonNode desired = Conformance.parse("{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");
        JsonNode patch = smp.createTwoWay(live, desired);
        assertEquals("{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,"
                + "\"type\":\"Recreate\"}}}", Json.goJson(patch));
        assertEquals(Json.goJson(desired), Json.goJson(smp.apply(live, patch)));
    }

    @Test
    void openApiSchemaSuppliesMergeKeys() {
        JsonNode doc = Conformance.parse("""
                {"swagger":"2.0","definitions":{
                  "com.example.v1.Widget":{"type":"object",
                    "x-kubernetes-group-version-kind":[{"group":"example.com","version":"v1","kind":"Widget"}],
                    "properties":{"spec":{"$ref":"#/definitions/com.example.v1.WidgetSpec"}}},
                  "com.example.v1.WidgetSpec":{"type":"object","properties":{
                    "parts":{"type":"array","items":{"$ref":"#/definitions/com.example.v1.Part"},
                      "x-kubernetes-patch-strategy":"merge","x-kubernetes-patch-merge-key":"id"},
                    "tags":{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"set"}}},
                  "com.example.v1.Part":{"type":"object","properties":{"id":{"type":"string"},
                    "size":{"type":"integer"}}}}}""");
        OpenApiPatchSchemas schemas = OpenApiPatchSchemas.lenient(doc);
        PatchSchema widget = schemas.forKind("example.com/v1", "Widget").orElseThrow();
        StrategicMergePatch smp = StrategicMergePatch.of(widget);
        JsonNode r = smp.apply(Conformance.parse("""
                {"spec":{"parts":[{"id":"a","size":1}],"tags":["x"]}}"""), Conformance.parse("""
                {"spec":{"parts":[{"id":"b","size":2}],"tags":["y"]}}"""));
        assertEquals("{\"spec\":{\"parts\":[{\"id\":\"b\",\"size\":2},{\"id\":\"a\",\"size\":1}],"
                + "\"tags\":[\"y\"]}}", Json.goJson(r));
        PatchField tags = widget.require("spec").schema().require("tags");
        assertEquals(PatchField.ListType.SET, tags.listType());
        // list-type inference merges sets
        StrategicMergePatch inferred = StrategicMergePatch.of(
                OpenApiPatchSchemas.inferMergeFromListType(doc).type("com.example.v1.Widget").orElseThrow());
        JsonNode r2 = inferred.apply(Conformance.parse("{\"spec\":{\"tags\":[\"x\"]}}"),
                Conformance.parse("{\"spec\":{\"tags\":[\"y\"]}}"));
        assertEquals("{\"spec\":{\"tags\":[\"y\",\"x\"]}}", Json.goJson(r2));
    }

    @Test
    void errorsNameThePath() {
        StrategicMergePatch smp = StrategicMergePatch.forKind("v1", "Pod");
        PatchException e = org.junit.jupiter.api.Assertions.assertThrows(PatchException.class,
                () -> smp.apply(Conformance.parse("{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}"),
                        Conformance.parse("{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}")));
        assertEquals("/spec/containers", e.pointer());
        assertTrue(e.getMessage().contains("does not contain declared merge key: name"), e.getMessage());
    }
}
