package dev.gitops.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitops.api.apply.Action;
import dev.gitops.api.apply.ApplyOptions;
import dev.gitops.api.apply.ApplyResult;
import dev.gitops.api.apply.Change;
import dev.gitops.api.apply.ClusterApplier;
import dev.gitops.api.apply.DeleteOptions;
import dev.gitops.api.apply.ListOptions;
import dev.gitops.api.error.ApplyException;
import dev.gitops.api.error.ClusterNotFoundException;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.model.Resource;
import dev.gitops.api.model.ResourceId;
import dev.gitops.kubernetes.internal.Json;
import dev.gitops.kubernetes.internal.StatusErrors;
import io.kubernetes.client.Discovery;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.PatchOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterApplier} on a real Kubernetes API server, through client-java's unstructured
 * {@link DynamicKubernetesApi} (which keeps {@code metadata.managedFields}, unlike the typed models).
 *
 * <p>Apply is a server-side apply ({@code application/apply-patch+yaml}) with the options' field manager, force and
 * {@code dryRun=All}, done the way Flux's {@code ssa} manager does it: an object that exists is first applied in a
 * dry run and compared with the live one; only when they differ is it applied for real, so re-applying an
 * unchanged object writes nothing and reports {@link Action#UNCHANGED}. Kinds are mapped to resources and scopes
 * by discovery, refreshed when a kind is missing (after a CRD was applied, discovery catches up within seconds;
 * the applier waits up to {@link Builder#discoveryTimeout(Duration)} while a CRD for the kind exists).
 *
 * <p>Options with an impersonated user ({@link ApplyOptions#impersonate()}, {@link DeleteOptions#impersonate()})
 * send the {@code Impersonate-User} header, so the API server authorizes the request as that user (the
 * kubeconfig's identity needs the {@code impersonate} permission), as Flux does for a Kustomization's
 * {@code spec.serviceAccountName}.
 *
 * <p>API failures become {@link ApplyException}s with the object's id and the API status: conflicts
 * ({@link dev.gitops.api.error.ConflictException} with the conflicting fields and managers), invalid objects,
 * forbidden operations, missing namespaces. Thread-safe.
 */
public final class KubernetesClusterApplier implements ClusterApplier {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterApplier.class);

    private final ApiClient client;
    private final Duration discoveryTimeout;
    private final Object discoveryLock = new Object();
    private Map<String, Discovery.APIResource> resources = Map.of();
    private final java.util.concurrent.ConcurrentMap<String, ApiClient> impersonating =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** How a kind is served. */
    private record Served(String group, String version, String plural, boolean namespaced) {
    }

    private KubernetesClusterApplier(Builder b) {
        this.client = Objects.requireNonNull(b.client, "apiClient");
        this.discoveryTimeout = b.discoveryTimeout;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link KubernetesClusterApplier}s. */
    public static final class Builder {
        private ApiClient client;
        private Duration discoveryTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The API client (required, unless {@link #kubeconfig(Path)} is used). */
        public Builder apiClient(ApiClient c) {
            this.client = Objects.requireNonNull(c, "apiClient");
            return this;
        }

        /**
         * An API client from a kubeconfig file (its current context).
         *
         * @throws GitOpsException when the file cannot be read or used
         */
        public Builder kubeconfig(Path kubeconfig) {
            try (Reader r = Files.newBufferedReader(kubeconfig, StandardCharsets.UTF_8)) {
                KubeConfig kc = KubeConfig.loadKubeConfig(r);
                kc.setFile(kubeconfig.toFile());
                this.client = ClientBuilder.kubeconfig(kc).build();
            } catch (IOException | RuntimeException e) {
                throw new GitOpsException("cannot load kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** How long to wait for discovery to serve a kind whose CRD exists (default 30 s). */
        public Builder discoveryTimeout(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("discoveryTimeout must not be negative");
            }
            this.discoveryTimeout = d;
            return this;
        }

        /** The applier. */
        public KubernetesClusterApplier build() {
            return new KubernetesClusterApplier(this);
        }
    }

    /** The API client in use. */
    public ApiClient apiClient() {
        return client;
    }

    // ---------------------------------------------------------------------------------------------- discovery

    private static String gk(String group, String kind) {
        return group + "/" + kind;
    }

    /**
     * Re-reads discovery. A group that disappears while discovery walks the groups (a CRD just deleted) answers 404;
     * such races are retried a few times before failing.
     */
    private void refreshDiscovery(ResourceId forId) {
        ApiException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Set<Discovery.APIResource> all = new Discovery(client).findAll();
                Map<String, Discovery.APIResource> m = new HashMap<>();
                for (Discovery.APIResource r : all) {
                    m.put(gk(r.getGroup(), r.getKind()), r);
                }
                synchronized (discoveryLock) {
                    resources = Map.copyOf(m);
                }
                return;
            } catch (ApiException e) {
                last = e;
                if (e.getCode() != 404 && e.getCode() != 503) {
                    break;
                }
                pause(Duration.ofMillis(200L * (attempt + 1)), forId);
            }
        }
        throw StatusErrors.toException(forId, "discovery", last.getCode(), null, last);
    }

    private static void pause(Duration d, ResourceId id) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitOpsException("interrupted while waiting for discovery of " + id.kind(), e);
        }
    }

    private Optional<Served> lookup(ResourceId id) {
        Discovery.APIResource r;
        synchronized (discoveryLock) {
            r = resources.get(gk(id.group(), id.kind()));
        }
        if (r == null || !r.getVersions().contains(id.version())) {
            return Optional.empty();
        }
        return Optional.of(new Served(id.group(), id.version(), r.getResourcePlural(),
                Boolean.TRUE.equals(r.getNamespaced())));
    }

    /** The kind's resource, refreshing discovery (and waiting for a pending CRD) when it is not known yet. */
    private Optional<Served> served(ResourceId id, boolean waitForCrd) {
        Optional<Served> s = lookup(id);
        if (s.isPresent()) {
            return s;
        }
        refreshDiscovery(id);
        s = lookup(id);
        if (s.isPresent() || !waitForCrd || !crdExists(id)) {
            return s;
        }
        long deadline = System.nanoTime() + discoveryTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            pause(Duration.ofMillis(250), id);
            refreshDiscovery(id);
            s = lookup(id);
            if (s.isPresent()) {
                return s;
            }
        }
        return s;
    }

    private boolean crdExists(ResourceId id) {
        DynamicKubernetesApi crds = new DynamicKubernetesApi("apiextensions.k8s.io", "v1",
                "customresourcedefinitions", client);
        KubernetesApiResponse<DynamicKubernetesListObject> r = crds.list();
        if (!r.isSuccess()) {
            return false;
        }
        for (DynamicKubernetesObject o : r.getObject().getItems()) {
            ObjectNode crd = Json.toJackson(o.getRaw());
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(id.group())
                    && spec.path("names").path("kind").asText().equals(id.kind())) {
                return true;
            }
        }
        return false;
    }

    private Served require(ResourceId id) {
        return served(id, true).orElseThrow(() -> new ClusterNotFoundException(id, "no matches for kind \""
                + id.kind() + "\" in version \"" + id.apiVersion() + "\""));
    }

    private DynamicKubernetesApi api(Served s) {
        return api(s, "");
    }

    private DynamicKubernetesApi api(Served s, String user) {
        return new DynamicKubernetesApi(s.group(), s.version(), s.plural(), clientFor(user));
    }

    /**
     * The client for requests made as {@code user} ({@code ""}: the kubeconfig's own identity): a copy of the API
     * client sharing its HTTP client (TLS, client certificates, timeouts) and bearer token, sending
     * {@code Impersonate-User} on every request, as Flux's controllers do for {@code spec.serviceAccountName}.
     */
    private ApiClient clientFor(String user) {
        if (user.isEmpty()) {
            return client;
        }
        return impersonating.computeIfAbsent(user, u -> {
            ApiClient c = new ApiClient(client.getHttpClient());
            c.setBasePath(client.getBasePath());
            if (client.getAuthentication("BearerToken") instanceof io.kubernetes.client.openapi.auth.ApiKeyAuth a
                    && a.getApiKey() != null) {
                c.setApiKey(a.getApiKey());
                c.setApiKeyPrefix(a.getApiKeyPrefix());
            }
            c.addDefaultHeader("Impersonate-User", u);
            return c;
        });
    }

    private static ResourceId scoped(ResourceId id, Served s) {
        if (s.namespaced() && id.namespace().isEmpty()) {
            return id.withNamespace("default");
        }
        if (!s.namespaced() && !id.namespace().isEmpty()) {
            return id.withNamespace("");
        }
        return id;
    }

    // ------------------------------------------------------------------------------------------------- apply

    @Override
    public ApplyResult apply(Resource resource, ApplyOptions options) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(options, "options");
        Served s = require(resource.id());
        ResourceId id = scoped(resource.id(), s);
        ObjectNode body = resource.content();
        ObjectNode meta = body.withObjectProperty("metadata");
        if (s.namespaced()) {
            meta.put("namespace", id.namespace());
        } else {
            meta.remove("namespace");
        }
        meta.remove("managedFields");
        DynamicKubernetesApi api = api(s, options.impersonate());
        Optional<ObjectNode> existing = fetch(api, s, id);
        if (existing.isEmpty()) {
            ObjectNode created = patch(api, s, id, body, options, options.dryRun());
            LOG.debug("{} created{}", id, options.dryRun() ? " (dry run)" : "");
            return new ApplyResult(Change.of(id, Action.CREATED), Resource.of(created));
        }
        ObjectNode dry = patch(api, s, id, body, options, true);
        boolean contentChanged = !comparable(existing.get()).equals(comparable(dry));
        boolean managersChanged = !managers(existing.get()).equals(managers(dry));
        if (!contentChanged && !managersChanged) {
            return new ApplyResult(Change.of(id, Action.UNCHANGED), Resource.of(existing.get()));
        }
        ObjectNode result = options.dryRun() ? dry : patch(api, s, id, body, options, false);
        LOG.debug("{} {}{}", id, contentChanged ? "configured" : "re-owned", options.dryRun() ? " (dry run)" : "");
        return new ApplyResult(Change.of(id, contentChanged ? Action.CONFIGURED : Action.UNCHANGED),
                Resource.of(result));
    }

    private ObjectNode patch(DynamicKubernetesApi api, Served s, ResourceId id, ObjectNode body, ApplyOptions options,
            boolean dryRun) {
        PatchOptions po = new PatchOptions().fieldManager(options.fieldManager()).force(options.force());
        if (dryRun) {
            po.dryRun("All");
        }
        V1Patch patch = new V1Patch(Json.write(body));
        KubernetesApiResponse<DynamicKubernetesObject> r;
        try {
            r = s.namespaced()
                    ? api.patch(id.namespace(), id.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, po)
                    : api.patch(id.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, po);
        } catch (RuntimeException e) {
            throw new ApplyException(id, 0, "", "apply failed: " + e.getMessage(), e);
        }
        if (!r.isSuccess()) {
            throw StatusErrors.toException(id, "apply", r.getHttpStatusCode(), r.getStatus(), null);
        }
        return withType(Json.toJackson(r.getObject().getRaw()), id);
    }

    private Optional<ObjectNode> fetch(DynamicKubernetesApi api, Served s, ResourceId id) {
        KubernetesApiResponse<DynamicKubernetesObject> r = s.namespaced() ? api.get(id.namespace(), id.name())
                : api.get(id.name());
        if (r.getHttpStatusCode() == 404) {
            return Optional.empty();
        }
        if (!r.isSuccess()) {
            throw StatusErrors.toException(id, "get", r.getHttpStatusCode(), r.getStatus(), null);
        }
        return Optional.of(withType(Json.toJackson(r.getObject().getRaw()), id));
    }

    private static ObjectNode withType(ObjectNode o, ResourceId id) {
        o.put("apiVersion", id.apiVersion());
        o.put("kind", id.kind());
        return o;
    }

    /** The object without what the server changes on every write, for change detection. */
    private static ObjectNode comparable(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        ObjectNode m = c.withObjectProperty("metadata");
        m.remove("managedFields");
        m.remove("resourceVersion");
        m.remove("generation");
        return c;
    }

    /** The managedFields entries without their timestamps. */
    private static JsonNode managers(ObjectNode o) {
        JsonNode mf = o.path("metadata").path("managedFields");
        if (!mf.isArray()) {
            return o.arrayNode();
        }
        ArrayNode out = ((ArrayNode) mf).deepCopy();
        for (JsonNode e : out) {
            ((ObjectNode) e).remove("time");
        }
        return out;
    }

    // ------------------------------------------------------------------------------------- get, list, delete

    @Override
    public Optional<Resource> get(ResourceId id) {
        Optional<Served> s = served(id, false);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        ResourceId n = scoped(id, s.get());
        return fetch(api(s.get()), s.get(), n).map(o -> Resource.of(withType(o, id)));
    }

    @Override
    public List<Resource> list(String apiVersion, String kind, ListOptions options) {
        ResourceId probe = ResourceId.of(apiVersion, kind, options.namespace(), "");
        Served s = require(probe);
        io.kubernetes.client.util.generic.options.ListOptions lo =
                new io.kubernetes.client.util.generic.options.ListOptions();
        if (!options.selector().isEverything()) {
            lo.labelSelector(options.selector().toString());
        }
        DynamicKubernetesApi api = api(s);
        KubernetesApiResponse<DynamicKubernetesListObject> r = s.namespaced() && !options.namespace().isEmpty()
                ? api.list(options.namespace(), lo) : api.list(lo);
        if (!r.isSuccess()) {
            throw StatusErrors.toException(probe, "list", r.getHttpStatusCode(), r.getStatus(), null);
        }
        List<Resource> out = new ArrayList<>();
        for (DynamicKubernetesObject o : r.getObject().getItems()) {
            out.add(Resource.of(withType(Json.toJackson(o.getRaw()), probe)));
        }
        out.sort(Comparator.comparing(Resource::namespace).thenComparing(Resource::name));
        return List.copyOf(out);
    }

    @Override
    public Change delete(ResourceId id, DeleteOptions options) {
        Optional<Served> s = served(id, false);
        if (s.isEmpty()) {
            return new Change(id, Action.SKIPPED, "not found");
        }
        ResourceId n = scoped(id, s.get());
        DynamicKubernetesApi api = api(s.get(), options.impersonate());
        Optional<ObjectNode> live = fetch(api, s.get(), n);
        if (live.isEmpty()) {
            return new Change(n, Action.SKIPPED, "not found");
        }
        Optional<String> skip = options.skipReason(Resource.of(live.get()));
        if (skip.isPresent()) {
            return new Change(n, Action.SKIPPED, skip.get());
        }
        io.kubernetes.client.util.generic.options.DeleteOptions o =
                new io.kubernetes.client.util.generic.options.DeleteOptions();
        o.setPropagationPolicy(options.propagation().apiValue());
        if (options.dryRun()) {
            o.setDryRun(List.of("All"));
        }
        KubernetesApiResponse<DynamicKubernetesObject> r = s.get().namespaced()
                ? api.delete(n.namespace(), n.name(), o) : api.delete(n.name(), o);
        if (r.getHttpStatusCode() == 404) {
            return new Change(n, Action.SKIPPED, "not found");
        }
        if (!r.isSuccess()) {
            throw StatusErrors.toException(n, "delete", r.getHttpStatusCode(), r.getStatus(), null);
        }
        LOG.debug("{} deleted{}", n, options.dryRun() ? " (dry run)" : "");
        return Change.of(n, Action.DELETED);
    }
}
