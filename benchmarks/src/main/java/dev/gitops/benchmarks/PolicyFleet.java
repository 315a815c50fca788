package dev.gitops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated fleet of {@code apps} applications in the conventional layout: per app a namespace, ServiceAccount,
 * Deployment, Service, ConfigMap and NetworkPolicy under {@code apps/base/app-N/} with its kustomization.yaml, an
 * overlay under {@code apps/overlays/prod/}, and a Flux Kustomization per app under {@code clusters/prod/}. The fleet
 * passes every default policy rule, so a lint measures the normal case.
 *
 * <p>{@code java -cp benchmarks.jar dev.gitops.benchmarks.PolicyFleet DIR [APPS]} writes it to disk, to time
 * {@code kubectl kustomize DIR/apps/overlays/prod} against {@code gitops lint DIR}.
 */
public final class PolicyFleet {

    private PolicyFleet() {}

    /** The fleet's files, path to content. */
    public static Map<String, String> files(int apps) {
        Map<String, String> f = new TreeMap<>();
        StringBuilder overlay = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n");
        f.put("infrastructure/README.md", "shared controllers\n");
        for (int i = 0; i < apps; i++) {
            String app = "app-" + i;
            String dir = "apps/base/" + app + "/";
            overlay.append("  - ../../base/").append(app).append('\n');
            f.put(dir + "kustomization.yaml", """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - namespace.yaml
                      - rbac.yaml
                      - deployment.yaml
                      - service.yaml
                      - configmap.yaml
                      - network-policy.yaml
                    """);
            f.put(dir + "namespace.yaml", """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: %1$s
                      labels:
                        pod-security.kubernetes.io/enforce: restricted
                    """.formatted(app));
            f.put(dir + "rbac.yaml", """
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: %1$s
                      namespace: %1$s
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: Role
                    metadata:
                      name: %1$s
                      namespace: %1$s
                    rules:
                      - apiGroups: [""]
                        resources: [configmaps]
                        verbs: [get, list, watch]
                    ---
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: RoleBinding
                    metadata:
                      name: %1$s
                      namespace: %1$s
                    roleRef:
                      apiGroup: rbac.authorization.k8s.io
                      kind: Role
                      name: %1$s
                    subjects:
                      - kind: ServiceAccount
                        name: %1$s
                        namespace: %1$s
                    """.formatted(app));
            f.put(dir + "deployment.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %1$s
                      namespace: %1$s
                      labels:
                        app.kubernetes.io/name: %1$s
                    spec:
                      replicas: 2
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: %1$s
                      template:
                        metadata:
                          labels:
                            app.kubernetes.io/name: %1$s
                        spec:
                          serviceAccountName: %1$s
                          securityContext:
                            runAsNonRoot: true
                            seccompProfile: {type: RuntimeDefault}
                          initContainers:
                            - name: migrate
                              image: ghcr.io/acme/%1$s:1.%2$d.0
                              args: [migrate]
                              resources:
                                requests: {cpu: 50m, memory: 64Mi}
                                limits: {cpu: 200m, memory: 128Mi}
                          containers:
                            - name: %1$s
                              image: ghcr.io/acme/%1$s:1.%2$d.0
                              ports:
                                - name: http
                                  containerPort: 8080
                              env:
                                - name: LOG_LEVEL
                                  value: info
                                - name: DB_PASSWORD
                                  valueFrom:
                                    secretKeyRef: {name: %1$s-secret, key: password}
                                - name: DATABASE_URL
                                  value: postgres://%1$s@db.%1$s:5432/%1$s
                              envFrom:
                                - configMapRef: {name: %1$s-config}
                              readinessProbe:
                                httpGet: {path: /readyz, port: http}
                              livenessProbe:
                                httpGet: {path: /healthz, port: http}
                              resources:
                                requests: {cpu: 100m, memory: 128Mi}
                                limits: {cpu: 500m, memory: 256Mi}
                              securityContext:
                                allowPrivilegeEscalation: false
                                capabilities: {drop: [ALL]}
                    """.formatted(app, i));
            f.put(dir + "service.yaml", """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %1$s
                      namespace: %1$s
                    spec:
                      selector:
                        app.kubernetes.io/name: %1$s
                      ports:
                        - name: http
                          port: 80
                          targetPort: http
                    """.formatted(app));
            f.put(dir + "configmap.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %1$s-config
                      namespace: %1$s
                    data:
                      FEATURE_FLAGS: checkout-v2
                      REGION: eu-west-1
                    """.formatted(app));
            f.put(dir + "network-policy.yaml", """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: default-deny
                      namespace: %1$s
                    spec:
                      podSelector: {}
                      policyTypes: [Ingress, Egress]
                    """.formatted(app));
            f.put("clusters/prod/" + app + ".yaml", """
                    apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    metadata:
                      name: %1$s
                      namespace: flux-system
                    spec:
                      interval: 10m
                      path: ./apps/base/%1$s
                      prune: true
                      sourceRef:
                        kind: GitRepository
                        name: flux-system
                    """.formatted(app));
        }
        f.put("apps/overlays/prod/kustomization.yaml", overlay.toString());
        return f;
    }

    /** Writes the fleet under a directory. */
    public static void write(Path dir, int apps) throws IOException {
        for (Map.Entry<String, String> e : files(apps).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a fleet: {@code DIR [APPS]}. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 200);
    }
}
