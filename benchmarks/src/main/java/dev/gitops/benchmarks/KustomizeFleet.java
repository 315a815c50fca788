package dev.gitops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates an N-app kustomize fleet: {@code apps/<app>/base} (Deployment, Service, HPA, ServiceAccount, a
 * ConfigMap generator), {@code apps/<app>/overlays/{staging,production}} (namespace, nameSuffix, images, replicas,
 * a merge ConfigMap generator, a secret generator, a JSON 6902 and a strategic merge patch, commonAnnotations) and
 * one aggregate overlay per environment ({@code clusters/<env>}).
 *
 * <p>{@code java -cp benchmarks.jar dev.gitops.benchmarks.KustomizeFleet N DIR}
 */
public final class KustomizeFleet {

    private KustomizeFleet() {}

    /** The files of an N-app fleet, path to content. */
    public static Map<String, String> files(int apps) {
        Map<String, String> f = new LinkedHashMap<>();
        String[] envs = {"staging", "production"};
        for (String env : envs) {
            StringBuilder agg = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                    + "resources:\n");
            for (int i = 0; i < apps; i++) {
                agg.append("- ../../apps/app").append(i).append("/overlays/").append(env).append('\n');
            }
            agg.append("commonAnnotations:\n  fleet.example.com/cluster: ").append(env).append('\n');
            f.put("clusters/" + env + "/kustomization.yaml", agg.toString());
        }
        for (int i = 0; i < apps; i++) {
            String app = "app" + i;
            String base = "apps/" + app + "/base/";
            f.put(base + "kustomization.yaml", """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                    - deployment.yaml
                    - service.yaml
                    - hpa.yaml
                    - serviceaccount.yaml
                    labels:
                    - pairs:
                        app.kubernetes.io/name: APP
                      includeSelectors: true
                    configMapGenerator:
                    - name: APP-config
                      literals:
                      - LOG_LEVEL=info
                      - FEATURE_X=false
                      - UPSTREAM=http://APP-upstream:8080
                    """.replace("APP", app));
            f.put(base + "deployment.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: APP
                    spec:
                      replicas: 1
                      selector:
                        matchLabels:
                          component: web
                      template:
                        metadata:
                          labels:
                            component: web
                        spec:
                          serviceAccountName: APP
                          containers:
                          - name: APP
                            image: registry.example.com/APP:1.0.0
                            ports:
                            - containerPort: 8080
                              name: http
                            envFrom:
                            - configMapRef:
                                name: APP-config
                            env:
                            - name: DB_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: APP-secret
                                  key: password
                            resources:
                              requests:
                                cpu: 100m
                                memory: 128Mi
                          - name: sidecar
                            image: registry.example.com/proxy:2.3.4
                            volumeMounts:
                            - name: config
                              mountPath: /etc/APP
                          volumes:
                          - name: config
                            configMap:
                              name: APP-config
                    """.replace("APP", app));
            f.put(base + "service.yaml", """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: APP
                    spec:
                      selector:
                        component: web
                      ports:
                      - name: http
                        port: 80
                        targetPort: http
                    """.replace("APP", app));
            f.put(base + "hpa.yaml", """
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata:
                      name: APP
                    spec:
                      scaleTargetRef:
                        apiVersion: apps/v1
                        kind: Deployment
                        name: APP
                      minReplicas: 1
                      maxReplicas: 5
                      metrics:
                      - type: Resource
                        resource:
                          name: cpu
                          target:
                            type: Utilization
                            averageUtilization: 80
                    """.replace("APP", app));
            f.put(base + "serviceaccount.yaml", """
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: APP
                    """.replace("APP", app));
            for (String env : envs) {
                String ov = "apps/" + app + "/overlays/" + env + "/";
                int replicas = env.equals("production") ? 3 : 1;
                f.put(ov + "kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        namespace: ENV-APP
                        nameSuffix: -ENV
                        resources:
                        - ../../base
                        images:
                        - name: registry.example.com/APP
                          newTag: 1.2.REPL
                        replicas:
                        - name: APP
                          count: REPL
                        configMapGenerator:
                        - name: APP-config
                          behavior: merge
                          literals:
                          - LOG_LEVEL=ENVLEVEL
                          - ENVIRONMENT=ENV
                        secretGenerator:
                        - name: APP-secret
                          literals:
                          - password=ENV-APP-password
                        patches:
                        - target:
                            kind: HorizontalPodAutoscaler
                            name: APP
                          patch: |-
                            - op: replace
                              path: /spec/maxReplicas
                              value: MAXR
                        - path: resources.yaml
                        commonAnnotations:
                          fleet.example.com/env: ENV
                        """.replace("APP", app).replace("ENVLEVEL", env.equals("production") ? "warn" : "debug")
                        .replace("ENV", env).replace("REPL", String.valueOf(replicas))
                        .replace("MAXR", String.valueOf(replicas * 4)));
                f.put(ov + "resources.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: APP
                        spec:
                          template:
                            spec:
                              containers:
                              - name: APP
                                resources:
                                  limits:
                                    memory: MEMMi
                        """.replace("APP", app).replace("MEM", env.equals("production") ? "512" : "256"));
            }
        }
        return f;
    }

    /** Writes an N-app fleet below {@code dir}. */
    public static void write(int apps, Path dir) throws IOException {
        for (Map.Entry<String, String> e : files(apps).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** {@code KustomizeFleet N DIR}. */
    public static void main(String[] args) throws IOException {
        write(Integer.parseInt(args[0]), Paths.get(args[1]));
    }
}
