package dev.gitops.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTest {

    private static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
            + "  namespace: shop\n  labels:\n    app: web\nspec:\n  replicas: 2\n";

    @Test
    void readsIdentityAndMetadata() {
        Resource r = Resource.readAll(DEPLOY, "apps/web.yaml").get(0);
        assertEquals(new ResourceId("apps", "v1", "Deployment", "shop", "web"), r.id());
        assertEquals("Deployment/shop/web", r.id().toString());
        assertEquals(Map.of("app", "web"), r.labels());
        assertEquals("apps/web.yaml:1", r.origin().orElseThrow().toString());
        assertEquals("apps/web.yaml:9 /spec/replicas", r.originOf("/spec/replicas").toString());
    }

    @Test
    void apiVersionIsRequiredUnlessAskedForOptional() {
        ObjectNode o = (ObjectNode) dev.gitops.api.yaml.Yaml.defaults().readOne("kind: Foo\nmetadata:\n  name: a\n", "f.yaml")
                .content();
        assertThrows(InvalidInputException.class, () -> Resource.of(o));
        Resource r = Resource.ofApiVersionOptional(o);
        assertEquals("", r.apiVersion());
        assertEquals(new ResourceId("", "", "Foo", "", "a"), r.id());
        ObjectNode changed = r.content();
        changed.with("metadata").put("name", "b");
        assertEquals("b", r.withContent(changed).name(), "withContent keeps the leniency");
        ObjectNode noKind = o.deepCopy();
        noKind.remove("kind");
        assertThrows(InvalidInputException.class, () -> Resource.ofApiVersionOptional(noKind), "kind stays required");
    }

    @Test
    void contentIsNeverShared() {
        Resource r = Resource.readAll(DEPLOY, "apps/web.yaml").get(0);
        ObjectNode c = r.content();
        c.put("kind", "Changed");
        assertEquals("Deployment", r.kind());
        Resource r2 = r.withContent(c);
        c.put("kind", "Again");
        assertEquals("Changed", r2.kind());
        assertEquals("apps/web.yaml:1", r2.origin().orElseThrow().toString());
    }

    @Test
    void badObjectsNameFileLineAndField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Resource.readAll("apiVersion: v1\nmetadata:\n  name: x\n", "a.yaml"));
        assertEquals("a.yaml:1 /kind: missing required field kind (every Kubernetes object needs apiVersion and kind)",
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> Resource.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 7\n", "b.yaml"));
        assertEquals("b.yaml:4 /metadata/name: expected a string, got 7", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Resource.readAll("- a\n", "c.yaml"));
        assertTrue(e.getMessage().startsWith("c.yaml:1"), e.getMessage());
    }

    @Test
    void resourceSetsRejectDuplicatesNamingBothPlaces() {
        List<Resource> rs = Resource.readAll(DEPLOY + "---\n" + DEPLOY.replace("apps/v1", "apps/v1beta2"), "d.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResourceSet.of(rs));
        assertEquals("Deployment/shop/web: duplicate object first defined at d.yaml:1, again at d.yaml:11",
                e.getMessage());
        ResourceSet one = ResourceSet.of(rs.subList(0, 1));
        assertTrue(one.contains(rs.get(1).id()));
        assertEquals(0, one.without(rs.get(1).id()).size());
    }
}
