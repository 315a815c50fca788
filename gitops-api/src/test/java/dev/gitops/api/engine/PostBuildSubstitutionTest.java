package dev.gitops.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.engine.internal.Envsubst;
import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.flux.Kustomization;
import dev.gitops.api.model.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostBuildSubstitutionTest {

    private static String sub(String text, Map<String, String> vars) {
        return Envsubst.eval(text, vars::get, false);
    }

    private static Resource res(String yaml) {
        return Resource.readAll(yaml, "t.yaml").get(0);
    }

    @Test
    void grammar() {
        Map<String, String> v = Map.of("a", "hello", "n", "", "path", "/usr/local/bin");
        assertEquals("hello", sub("${a}", v));
        assertEquals("", sub("${undefined}", v));
        assertEquals("$a stays", sub("$a stays", v), "unbraced references are text");
        assertEquals("${a}", sub("$${a}", v), "$$ escapes");
        assertEquals("pa$word", sub("pa$$word", v), "$$ becomes $ everywhere, as in drone/envsubst");
        assertEquals("dflt", sub("${n:=dflt}", v));
        assertEquals("dflt", sub("${missing:-dflt}", v));
        assertEquals("hello", sub("${a:=dflt}", v));
        assertEquals("x-hello-y", sub("${missing:=x-${a}-y}", v), "nested reference in a default");
        assertEquals("5", sub("${#a}", v));
        assertEquals("ell", sub("${a:1:3}", v));
        assertEquals("llo", sub("${a:2}", v));
        assertEquals("hello", sub("${a:-2}", v), "':-' is a default, not a negative offset");
        assertEquals("HELLO", sub("${a^^}", v));
        assertEquals("Hello", sub("${a^}", v));
        assertEquals("heLlo", sub("${a/l/L}", v), "first only");
        assertEquals("heLLo", sub("${a//l/L}", v));
        assertEquals("local/bin", sub("${path#/usr/}", v));
        assertEquals("usr/local/bin", sub("${path##*/}", v), "Go's path.Match: * never matches /, unlike bash");
        assertEquals("/usr/local", sub("${path%/*}", v));
        assertEquals("a\\b /", sub("a\\\\b \\/", v), "backslash escapes");
        assertThrows(Envsubst.BadSubstitution.class, () -> sub("${}", v));
        assertThrows(Envsubst.BadSubstitution.class, () -> sub("${a", v));
        assertThrows(Envsubst.BadSubstitution.class, () -> sub("${a b}", v));
    }

    @Test
    void strictModeFailsOnUndefinedWithoutDefault() {
        assertThrows(Envsubst.Unset.class, () -> Envsubst.eval("${x}", Map.<String, String>of()::get, true));
        assertEquals("d", Envsubst.eval("${x:=d}", Map.<String, String>of()::get, true));
    }

    @Test
    void resultIsParsedAgainSoNumbersAreNumbers() {
        Resource d = res("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${env}\n"
                + "spec:\n  replicas: ${replicas:=2}\n  template:\n    metadata:\n      annotations:\n"
                + "        script: echo $${HOME} $PATH\n");
        Resource out = PostBuildSubstitution.of(Map.of("env", "staging")).apply(d);
        assertEquals("web-staging", out.name());
        assertTrue(out.content().at("/spec/replicas").isInt());
        assertEquals(2, out.content().at("/spec/replicas").intValue());
        assertEquals("echo ${HOME} $PATH", out.string("/spec/template/metadata/annotations/script").orElseThrow());
    }

    @Test
    void noVariablesMeansNoSubstitutionAtAll() {
        Resource d = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${x:=1}\n");
        assertSame(d, PostBuildSubstitution.of(Map.of()).apply(d));
    }

    @Test
    void disabledByLabelOrAnnotation() {
        Resource d = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
                + "    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  a: ${x}\n");
        assertSame(d, PostBuildSubstitution.of(Map.of("x", "1")).apply(d));
    }

    @Test
    void inlineWinsOverSubstituteFromAndNewlinesAreRemoved() {
        Map<String, Resource> objects = new HashMap<>();
        objects.put("ConfigMap/vars", res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n"
                + "data:\n  env: from-configmap\n  region: |\n    eu-west-1\n"));
        objects.put("Secret/creds", res("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n"
                + "data:\n  region: dXMtZWFzdC0xCg==\n"));
        Kustomization.PostBuild pb = new Kustomization.PostBuild(Map.of("env", "inline"), List.of(
                new Kustomization.SubstituteReference("ConfigMap", "vars", false),
                new Kustomization.SubstituteReference("Secret", "creds", false),
                new Kustomization.SubstituteReference("ConfigMap", "absent", true)));
        PostBuildSubstitution s = PostBuildSubstitution.resolve(pb, false,
                (kind, name) -> Optional.ofNullable(objects.get(kind + "/" + name)));
        assertEquals(Map.of("env", "inline", "region", "us-east-1"), s.variables());
        Kustomization.PostBuild missing = new Kustomization.PostBuild(Map.of(), List.of(
                new Kustomization.SubstituteReference("Secret", "nope", false)));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> PostBuildSubstitution.resolve(missing, false, (k, n) -> Optional.empty()));
        assertEquals("substitute from 'Secret/nope' error: secrets \"nope\" not found", e.getMessage());
    }

    @Test
    void invalidVariableNamesAndBadReferences() {
        assertThrows(InvalidInputException.class, () -> PostBuildSubstitution.of(Map.of("my-var", "x")));
        Resource d = res("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${x\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PostBuildSubstitution.of(Map.of("x", "1")).apply(d));
        assertTrue(e.getMessage().endsWith("variable substitution failed: bad substitution"), e.getMessage());
    }

    @Test
    void dependencyGraphOrdersAndFindsCycles() {
        DependencyGraph g = DependencyGraph.of(Map.of("ns/apps", List.of("ns/infra-configs"), "ns/infra-configs",
                List.of("ns/infra-controllers"), "ns/infra-controllers", List.of(), "ns/monitoring", List.of("ns/x")));
        assertEquals(new DependencyGraph.Ordering.Ordered(List.of("ns/infra-controllers", "ns/infra-configs",
                "ns/apps", "ns/monitoring")), g.order());
        assertEquals(Map.of("ns/monitoring", List.of("ns/x")), g.missing());
        DependencyGraph c = DependencyGraph.of(Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"),
                "d", List.of()));
        DependencyGraph.Ordering o = c.order();
        assertTrue(o instanceof DependencyGraph.Ordering.Cyclic);
        assertEquals("a -> b -> c -> a", ((DependencyGraph.Ordering.Cyclic) o).describe());
        assertEquals(List.of("d"), ((DependencyGraph.Ordering.Cyclic) o).order());
    }
}
