package dev.gitops.api.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import dev.gitops.api.policy.Finding;
import dev.gitops.api.policy.PolicyContext;
import dev.gitops.api.policy.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the {@code layout} rule set, on the repository's files: the conventional Flux monorepo structure
 * ({@code clusters/<cluster>/}, {@code infrastructure/}, {@code apps/base}, {@code apps/overlays/<env>}).
 */
final class LayoutRules {

    static final String SET = "layout";

    private LayoutRules() {}

    /** The convention applies when option {@code enforce} says so, else when the repository has {@code clusters/}. */
    static boolean declared(PolicyContext ctx) {
        return ctx.option("enforce").map(JsonNode::asBoolean).orElseGet(() -> ctx.files().isDirectory("clusters"));
    }

    private static boolean readme(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).startsWith("readme") || name.startsWith(".");
    }

    /** {@code layout-structure}: the directories of the convention exist and hold what they should. */
    static final class Structure extends BaseRule {
        Structure() {
            super("layout-structure", SET, Severity.WARNING,
                    "A repository that follows the conventional layout is one every platform engineer can navigate"
                            + " and every tool can find its way in.", true, Set.of("enforce"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            if (!declared(ctx)) {
                return out;
            }
            FileSystem fs = ctx.files();
            if (!fs.isDirectory("clusters")) {
                out.add(ctx.finding("clusters", "missing directory clusters/ (one directory per cluster)"));
            } else {
                int clusters = 0;
                for (String name : fs.list("clusters")) {
                    String p = FsPaths.join("clusters", name);
                    if (fs.isDirectory(p)) {
                        clusters++;
                    } else if (!readme(name)) {
                        out.add(ctx.finding(p, "file directly in clusters/; move it to clusters/<cluster>/"));
                    }
                }
                if (clusters == 0) {
                    out.add(ctx.finding("clusters", "clusters/ has no cluster directory (clusters/<cluster>/)"));
                }
            }
            if (!fs.isDirectory("infrastructure")) {
                out.add(ctx.finding("infrastructure", "missing directory infrastructure/ (controllers and configs"
                        + " shared by the clusters)"));
            }
            if (!fs.isDirectory("apps")) {
                out.add(ctx.finding("apps", "missing directory apps/ (apps/base and apps/overlays/<env>)"));
                return out;
            }
            for (String name : fs.list("apps")) {
                String p = FsPaths.join("apps", name);
                if (!name.equals("base") && !name.equals("overlays") && !readme(name)) {
                    out.add(ctx.finding(p, p + (fs.isDirectory(p) ? "/" : "") + " is neither apps/base nor"
                            + " apps/overlays; move it under one of them"));
                }
            }
            for (String d : List.of("apps/base", "apps/overlays")) {
                if (!fs.isDirectory(d)) {
                    out.add(ctx.finding(d, "missing directory " + d + "/"));
                }
            }
            if (fs.isDirectory("apps/overlays")) {
                for (String name : fs.list("apps/overlays")) {
                    String p = FsPaths.join("apps/overlays", name);
                    if (!fs.isDirectory(p) && !readme(name)) {
                        out.add(ctx.finding(p, "file directly in apps/overlays/; overlays are directories"
                                + " apps/overlays/<env>/"));
                    }
                }
            }
            return out;
        }
    }

    /** {@code layout-overlay-duplicates}: overlays patch base objects, they do not copy them. */
    static final class OverlayDuplicates extends BaseRule {
        OverlayDuplicates() {
            super("layout-overlay-duplicates", SET, Severity.WARNING,
                    "An object copied from the base into an overlay stops receiving the base's changes and makes"
                            + " the build fail with a duplicate id.", true, Set.of("enforce"));
        }

        @Override
        public List<Finding> check(PolicyContext ctx) {
            List<Finding> out = new ArrayList<>();
            if (!declared(ctx)) {
                return out;
            }
            FileSystem fs = ctx.files();
            Set<String> kustomizationNames = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
            List<String> overlayFiles = new ArrayList<>();
            for (String f : ctx.repositoryFiles()) {
                if (FsPaths.isWithin(f, "apps/overlays") && kustomizationNames.contains(FsPaths.fileName(f))) {
                    for (String res : KustomizationFiles.resourceFiles(fs, f)) {
                        if (!FsPaths.isWithin(res, "apps/base")) {
                            overlayFiles.add(res);
                        }
                    }
                }
            }
            if (overlayFiles.isEmpty()) {
                return out; // overlays that only refer to directories and patch them copy nothing
            }
            Set<String> basePatches = new java.util.HashSet<>();
            for (String f : ctx.repositoryFiles()) {
                if (FsPaths.isWithin(f, "apps/base") && kustomizationNames.contains(FsPaths.fileName(f))) {
                    basePatches.addAll(KustomizationFiles.patchFiles(fs, f));
                }
            }
            Map<String, String> base = new HashMap<>();
            for (String f : ctx.repositoryFiles()) {
                if (FsPaths.isWithin(f, "apps/base") && yaml(f) && !kustomizationNames.contains(FsPaths.fileName(f))
                        && !basePatches.contains(f)) {
                    for (Resource r : objects(fs, f)) {
                        base.putIfAbsent(key(r), r.origin().map(Object::toString).orElse(f));
                    }
                }
            }
            for (String res : overlayFiles) {
                for (Resource r : objects(fs, res)) {
                    String where = base.get(key(r));
                    if (where != null) {
                        out.add(ctx.finding(r, "", r.kind() + " " + r.name() + " is also defined in the base at "
                                + where + "; patch the base object instead of copying it"));
                    }
                }
            }
            return out;
        }

        private static boolean yaml(String f) {
            return f.endsWith(".yaml") || f.endsWith(".yml");
        }

        private static String key(Resource r) {
            return r.id().group() + "/" + r.kind() + "/" + r.name();
        }

        private static List<Resource> objects(FileSystem fs, String file) {
            try {
                List<Resource> out = new ArrayList<>();
                for (Resource r : Resource.readAll(fs.readString(file), file)) {
                    if (!r.name().isEmpty()) {
                        out.add(r);
                    }
                }
                return out;
            } catch (GitOpsException e) {
                return List.of();
            }
        }
    }
}
