package dev.gitops.api.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.diff.internal.Semantics;
import dev.gitops.api.patch.KubernetesPatchSchemas;
import dev.gitops.api.patch.PatchField;
import dev.gitops.api.patch.PatchSchema;
import dev.gitops.api.patch.internal.Json;
import dev.gitops.api.patch.internal.SmpEngine;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the drift diff on generated Deployments. */
class DriftProperties {

    private static final PatchSchema DEPLOYMENT =
            KubernetesPatchSchemas.builtIn().forKind("apps/v1", "Deployment").orElseThrow();

    /** What only the live side has, and we never applied, is never drift (kubectl's three-way rule). */
    @Property(tries = 200)
    void liveOnlyAdditionsAreNotDrift(@ForAll("deployments") ObjectNode desired, @ForAll("extras") List<String> extra) {
        ObjectNode live = desired.deepCopy();
        addExtras(live, extra);
        DriftReport r = DriftDetector.defaults().diff(desired, desired.deepCopy(), live);
        if (!(r instanceof DriftReport.InSync)) {
            throw new AssertionError("expected in sync, got " + r + "\ndesired " + desired + "\nlive " + live);
        }
    }

    /** A changed image is always reported, at the image's pointer. */
    @Property(tries = 200)
    void changedImageIsDrift(@ForAll("deployments") ObjectNode desired, @ForAll("extras") List<String> extra) {
        ObjectNode live = desired.deepCopy();
        addExtras(live, extra);
        ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("image", "other:0");
        DriftReport r = DriftDetector.defaults().diff(desired, desired.deepCopy(), live);
        if (!(r instanceof DriftReport.Drifted d) || d.changes().stream()
                .noneMatch(c -> c.pointer().endsWith("/image"))) {
            throw new AssertionError("expected an image change, got " + r);
        }
    }

    /** The in-sync fast path never disagrees with the full three-way computation. */
    @Property(tries = 300)
    void fastPathAgreesWithThreeWay(@ForAll("deployments") ObjectNode desired, @ForAll("extras") List<String> extra,
            @ForAll boolean dropFromDesired) {
        ObjectNode live = desired.deepCopy();
        addExtras(live, extra);
        ObjectNode lastApplied = desired.deepCopy();
        ObjectNode d = desired.deepCopy();
        if (dropFromDesired) {
            ((ObjectNode) d.get("metadata")).remove("labels");
        }
        PatchField root = PatchField.of("", DEPLOYMENT);
        if (Semantics.covers(d, live, root) && Semantics.deletesNothing(lastApplied, d, root)) {
            SmpEngine e = new SmpEngine();
            ObjectNode patch = e.threeWay(lastApplied.deepCopy(), d.deepCopy(), live.deepCopy(), DEPLOYMENT);
            JsonNode merged = e.mergeMap(live.deepCopy(), patch, DEPLOYMENT, new SmpEngine.MergeOptions(true, true));
            Semantics.restoreUnowned(merged, live, lastApplied, root);
            if (!Json.equal(merged, live)) {
                throw new AssertionError("fast path said in sync, three-way merged to " + merged);
            }
        }
    }

    private static void addExtras(ObjectNode live, List<String> extra) {
        for (String e : extra) {
            switch (e) {
                case "label" -> ((ObjectNode) live.get("metadata")).withObject("labels").put("server", "x");
                case "status" -> live.putObject("status").put("replicas", 3);
                case "pullPolicy" -> ((ObjectNode) live.at("/spec/template/spec/containers/0"))
                        .put("imagePullPolicy", "IfNotPresent");
                case "sidecar" -> ((ArrayNode) live.at("/spec/template/spec/containers")).addObject()
                        .put("name", "zz-injected").put("image", "proxy:1");
                case "protocol" -> {
                    for (JsonNode c : live.at("/spec/template/spec/containers")) {
                        for (JsonNode p : c.path("ports")) {
                            ((ObjectNode) p).put("protocol", "TCP");
                        }
                    }
                }
                default -> ((ObjectNode) live.get("spec")).put("revisionHistoryLimit", 10);
            }
        }
    }

    @Provide
    Arbitrary<List<String>> extras() {
        return Arbitraries.of("label", "status", "pullPolicy", "sidecar", "protocol", "history").list()
                .uniqueElements().ofMaxSize(6);
    }

    @Provide
    Arbitrary<ObjectNode> deployments() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4);
        Arbitrary<Integer> containerCount = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> envCount = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> withPorts = Arbitraries.of(true, false);
        return Combinators.combine(names, containerCount, envCount, withPorts).as((n, cc, ec, ports) -> {
            ObjectNode o = Json.object();
            o.put("apiVersion", "apps/v1").put("kind", "Deployment");
            o.putObject("metadata").put("name", n).put("namespace", "ns").putObject("labels").put("app", n);
            ObjectNode spec = o.putObject("spec");
            spec.put("replicas", cc);
            ObjectNode pod = spec.putObject("template").putObject("spec");
            ArrayNode containers = pod.putArray("containers");
            for (int i = 0; i < cc; i++) {
                ObjectNode c = containers.addObject().put("name", "c" + i).put("image", n + ":" + i);
                ArrayNode env = c.putArray("env");
                for (int j = 0; j < ec; j++) {
                    env.addObject().put("name", "E" + j).put("value", Integer.toString(j));
                }
                if (ports) {
                    c.putArray("ports").addObject().put("containerPort", 8080 + i);
                }
            }
            return o;
        });
    }
}
