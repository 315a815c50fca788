package dev.gitops.api.policy;

import dev.gitops.api.fs.FileSystem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a secret value is, no report format prints it, while the rules still find it. */
class SecretsNeverLeakProperties {

    @Property(tries = 60)
    boolean secretValuesNeverReachAnyOutput(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 12, max = 40) String secret) {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: ghcr.io/acme/api:1.0.0
                          env:
                            - name: API_TOKEN
                              value: "%1$s"
                            - name: DATABASE_URL
                              value: "postgres://app:%1$s@db/app"
                ---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: app
                  namespace: shop
                spec:
                  interval: 10m
                  chart:
                    spec: {chart: app, version: 1.x, sourceRef: {kind: HelmRepository, name: acme}}
                  values:
                    db: {password: "%1$s"}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: api-secret
                  namespace: shop
                stringData:
                  token: "%1$s"
                """.formatted(secret);
        FileSystem fs = FileSystem.inMemory(Map.of("apps/api.yaml", deployment.getBytes(StandardCharsets.UTF_8)));
        LintReport report = PolicyEngine.defaults().lint(fs, "");
        if (report.findingsOf("secret-inline-env").size() != 2 || report.findingsOf("secret-plaintext").size() != 1
                || report.findingsOf("flux-helm-inline-secrets").size() != 1) {
            return false;
        }
        for (ReportFormat f : ReportFormat.values()) {
            if (f.render(report).contains(secret)) {
                return false;
            }
        }
        return true;
    }
}
