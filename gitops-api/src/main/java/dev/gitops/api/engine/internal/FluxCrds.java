package dev.gitops.api.engine.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal CustomResourceDefinitions for the Flux kinds (schemaless, with a status subresource), so that a cluster
 * without Flux installed accepts the Flux objects of a fleet, as {@code flux bootstrap} installs them.
 */
public final class FluxCrds {

    /** The label marking objects the engine creates for itself. */
    public static final String BOOTSTRAP_LABEL = "gitops.dev/bootstrap";

    private FluxCrds() {
    }

    private record Crd(String group, String kind, String plural, List<String> versions) {
    }

    private static final List<Crd> CRDS = List.of(
            new Crd("source.toolkit.fluxcd.io", "GitRepository", "gitrepositories", List.of("v1", "v1beta2")),
            new Crd("source.toolkit.fluxcd.io", "HelmRepository", "helmrepositories", List.of("v1", "v1beta2")),
            new Crd("source.toolkit.fluxcd.io", "HelmChart", "helmcharts", List.of("v1", "v1beta2")),
            new Crd("source.toolkit.fluxcd.io", "OCIRepository", "ocirepositories", List.of("v1", "v1beta2")),
            new Crd("source.toolkit.fluxcd.io", "Bucket", "buckets", List.of("v1", "v1beta2")),
            new Crd("kustomize.toolkit.fluxcd.io", "Kustomization", "kustomizations", List.of("v1", "v1beta2")),
            new Crd("helm.toolkit.fluxcd.io", "HelmRelease", "helmreleases", List.of("v2", "v2beta2", "v2beta1")),
            new Crd("image.toolkit.fluxcd.io", "ImageRepository", "imagerepositories", List.of("v1", "v1beta2")),
            new Crd("image.toolkit.fluxcd.io", "ImagePolicy", "imagepolicies", List.of("v1", "v1beta2")),
            new Crd("image.toolkit.fluxcd.io", "ImageUpdateAutomation", "imageupdateautomations",
                    List.of("v1", "v1beta2")),
            new Crd("notification.toolkit.fluxcd.io", "Alert", "alerts", List.of("v1beta3", "v1beta2")),
            new Crd("notification.toolkit.fluxcd.io", "Provider", "providers", List.of("v1beta3", "v1beta2")),
            new Crd("notification.toolkit.fluxcd.io", "Receiver", "receivers", List.of("v1", "v1beta2")));

    /** The CRDs. */
    public static List<Resource> all() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Resource> out = new ArrayList<>();
        for (Crd c : CRDS) {
            ObjectNode o = f.objectNode();
            o.put("apiVersion", "apiextensions.k8s.io/v1");
            o.put("kind", "CustomResourceDefinition");
            ObjectNode meta = o.putObject("metadata");
            meta.put("name", c.plural + "." + c.group);
            meta.putObject("labels").put(BOOTSTRAP_LABEL, "true").put("app.kubernetes.io/part-of", "flux");
            ObjectNode spec = o.putObject("spec");
            spec.put("group", c.group);
            ObjectNode names = spec.putObject("names");
            names.put("kind", c.kind);
            names.put("listKind", c.kind + "List");
            names.put("plural", c.plural);
            names.put("singular", c.kind.toLowerCase(java.util.Locale.ROOT));
            spec.put("scope", "Namespaced");
            ArrayNode versions = spec.putArray("versions");
            boolean first = true;
            for (String v : c.versions) {
                ObjectNode ver = versions.addObject();
                ver.put("name", v);
                ver.put("served", true);
                ver.put("storage", first);
                ver.putObject("schema").putObject("openAPIV3Schema").put("type", "object")
                        .put("x-kubernetes-preserve-unknown-fields", true);
                ver.putObject("subresources").putObject("status");
                first = false;
            }
            out.add(Resource.of(o));
        }
        return out;
    }

    /** The flux-system Namespace. */
    public static Resource namespace(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        o.putObject("metadata").put("name", name).putObject("labels").put(BOOTSTRAP_LABEL, "true")
                .put("app.kubernetes.io/part-of", "flux");
        return Resource.of(o);
    }
}
