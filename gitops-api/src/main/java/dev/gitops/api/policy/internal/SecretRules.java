package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** The rules of the {@code secrets} rule set. Messages name keys, never values. */
final class SecretRules {

    static final String SET = "secrets";

    private SecretRules() {}

    /** {@code secret-plaintext}: no Secret with data in Git unless SOPS-encrypted. */
    static final class Plaintext extends BaseRule {
        Plaintext() {
            super("secret-plaintext", SET, Severity.ERROR,
                    "A Secret committed in plain text is readable by everyone with access to the repository and its"
                            + " history.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Resource r : ctx.resources()) {
                if (!r.id().group().isEmpty() || !r.kind().equals("Secret")) {
                    continue;
                }
                JsonNode sops = r.get("/sops").orElse(null);
                if (sops != null && sops.isObject()) {
                    continue; // encrypted with SOPS; the values are ENC[...] and decrypted at reconcile time
                }
                for (String field : List.of("data", "stringData")) {
                    JsonNode d = r.get("/" + field).orElse(null);
                    if (d != null && d.isObject() && d.size() > 0) {
                        out.add(ctx.finding(r, "/" + field, "Secret " + r.name() + " holds " + d.size()
                                + (d.size() == 1 ? " key" : " keys") + " in plain-text " + field
                                + "; encrypt it with SOPS or use a SealedSecret or ExternalSecret")
                                .withFix("sops --encrypt --in-place " + PolicyContext.fileOf(r).orElse("secret.yaml")));
                        break;
                    }
                }
            }
            return out;
        }
    }

    /** {@code secret-inline-env}: no credentials in {@code env[].value}. */
    static final class InlineEnv extends BaseRule {
        InlineEnv() {
            super("secret-inline-env", SET, Severity.ERROR,
                    "Credentials in env values end up in Git, in the object's spec and in every describe output.");
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (Workloads.Workload w : Workloads.all(ctx.resources())) {
                for (Workloads.Container c : w.containers(true)) {
                    JsonNode env = c.node().path("env");
                    for (int i = 0; i < env.size(); i++) {
                        JsonNode e = env.get(i);
                        String name = e.path("name").asText("");
                        JsonNode v = e.path("value");
                        if (!v.isTextual()) {
                            continue;
                        }
                        String value = v.textValue();
                        boolean byName = SecretHeuristics.secretEnvName(name)
                                && SecretHeuristics.inlineCredential(value)
                                && !SecretHeuristics.namesASecret(name, value);
                        boolean byUrl = SecretHeuristics.urlWithPassword(value);
                        if (byName || byUrl) {
                            out.add(ctx.finding(w.resource(), c.pointer() + "/env/" + i + "/value", "env " + name
                                    + " of " + c.describe() + " in " + w.describe() + " holds "
                                    + (byUrl ? "a URL with an inline password" : "a credential inline")
                                    + "; read it from a Secret")
                                    .withFix("- name: " + name + "\n  valueFrom:\n    secretKeyRef:\n      name: "
                                            + w.resource().name() + "-secret\n      key: " + name));
                        }
                    }
                }
            }
            return out;
        }
    }
}
