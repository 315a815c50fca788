package dev.gitops.helm.internal;

import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import dev.gitops.helm.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helm's dependency processing: aliases, condition/tags, and import-values (ProcessDependenciesWithMerge). */
public final class Dependencies {

    private Dependencies() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> reqs(Chart c) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object d = c.metadata().get("dependencies");
        if (d instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new LinkedHashMap<>((Map<String, Object>) m));
                }
            }
        }
        return out;
    }

    static String str(Object o) {
        return o == null ? "" : GoData.strval(o);
    }

    static boolean compatible(String constraint, String version) {
        try {
            SemVer v = SemVer.parse(version);
            return Constraint.parse(constraint).matches(v);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Applies aliases and removes disabled dependencies (recursively), then processes import-values. */
    public static Chart process(Chart c, Map<String, Object> userValues) {
        Chart enabled = enabled(c, userValues, "");
        return importValues(enabled);
    }

    static Chart enabled(Chart c, Map<String, Object> v, String path) {
        List<Map<String, Object>> reqs = reqs(c);
        if (c.metadata().get("dependencies") == null) {
            return c;
        }
        List<Chart> chartDeps = new ArrayList<>();
        outer:
        for (Chart existing : c.dependencies()) {
            for (Map<String, Object> req : reqs) {
                if (existing.name().equals(str(req.get("name")))
                        && compatible(str(req.get("version")), existing.version())) {
                    continue outer;
                }
            }
            chartDeps.add(existing);
        }
        for (Map<String, Object> req : reqs) {
            for (Chart ch : c.dependencies()) {
                if (!ch.name().equals(str(req.get("name")))) {
                    continue;
                }
                if (!compatible(str(req.get("version")), ch.version())) {
                    continue;
                }
                String alias = str(req.get("alias"));
                chartDeps.add(alias.isEmpty() ? ch : ch.withName(alias));
                break;
            }
            if (!str(req.get("alias")).isEmpty()) {
                req.put("name", req.get("alias"));
            }
        }
        Chart withDeps = c.withDependencies(chartDeps);
        Map<String, Boolean> enabledByName = new LinkedHashMap<>();
        for (Map<String, Object> r : reqs) {
            enabledByName.put(str(r.get("name")), true);
        }
        Map<String, Object> cvals = Coalesce.values(withDeps, v, false);
        // tags
        Object tagsObj = cvals.get("tags");
        if (tagsObj instanceof Map<?, ?> vt) {
            for (Map<String, Object> r : reqs) {
                boolean hasTrue = false;
                boolean hasFalse = false;
                if (r.get("tags") instanceof List<?> tags) {
                    for (Object k : tags) {
                        Object b = vt.get(str(k));
                        if (b instanceof Boolean bv) {
                            if (bv) {
                                hasTrue = true;
                            } else {
                                hasFalse = true;
                            }
                        }
                    }
                }
                if (!hasTrue && hasFalse) {
                    enabledByName.put(str(r.get("name")), false);
                } else {
                    enabledByName.put(str(r.get("name")), true);
                }
            }
        }
        // conditions
        for (Map<String, Object> r : reqs) {
            for (String cond : str(r.get("condition")).trim().split(",")) {
                if (cond.isEmpty()) {
                    continue;
                }
                Object[] pv = Coalesce.pathValue(cvals, path + cond);
                if ((Boolean) pv[1] && pv[0] instanceof Boolean b) {
                    enabledByName.put(str(r.get("name")), b);
                    break;
                }
            }
        }
        Set<String> rm = new LinkedHashSet<>();
        enabledByName.forEach((k, en) -> {
            if (!en) {
                rm.add(k);
            }
        });
        List<Chart> kept = new ArrayList<>();
        for (Chart d : chartDeps) {
            if (!rm.contains(d.name())) {
                kept.add(enabled(d, cvals, path + d.name() + "."));
            }
        }
        List<Object> keptReqs = new ArrayList<>();
        for (Map<String, Object> r : reqs) {
            if (!rm.contains(str(r.get("name")))) {
                r.put("enabled", true);
                keptReqs.add(r);
            }
        }
        Map<String, Object> md = new LinkedHashMap<>(c.metadata());
        md.put("dependencies", keptReqs);
        return new Chart(md, c.values(), c.schema(), c.templates(), c.files(), kept);
    }

    static Chart importValues(Chart c) {
        List<Chart> deps = new ArrayList<>();
        for (Chart d : c.dependencies()) {
            deps.add(importValues(d));
        }
        c = c.withDependencies(deps);
        if (c.metadata().get("dependencies") == null) {
            return c;
        }
        Map<String, Object> cvals = Coalesce.values(c, null, true);
        Map<String, Object> b = new LinkedHashMap<>();
        for (Map<String, Object> r : reqs(c)) {
            if (!(r.get("import-values") instanceof List<?> ivs)) {
                continue;
            }
            String name = str(r.get("name"));
            for (Object riv : ivs) {
                if (riv instanceof Map<?, ?> iv) {
                    String child = str(iv.get("child"));
                    String parent = str(iv.get("parent"));
                    Object[] vv = Coalesce.pathValue(cvals, name + "." + child);
                    if (!(Boolean) vv[1] || !(vv[0] instanceof Map)) {
                        continue;
                    }
                    b = Coalesce.coalesceTablesFullKey(b, pathToMap(parent, Coalesce.table(GoData.deepCopy(vv[0]))),
                            "", true);
                } else if (riv instanceof String iv) {
                    Object[] vm = Coalesce.pathValue(cvals, name + ".exports." + iv);
                    if (!(Boolean) vm[1] || !(vm[0] instanceof Map)) {
                        continue;
                    }
                    b = Coalesce.coalesceTablesFullKey(b, Coalesce.table(GoData.deepCopy(vm[0])), "", true);
                }
            }
        }
        Map<String, Object> merged = Coalesce.coalesceTablesFullKey(Coalesce.table(GoData.deepCopy(cvals)), b, "",
                true);
        return c.withValues(merged);
    }

    static Map<String, Object> pathToMap(String path, Map<String, Object> data) {
        if (path.equals(".")) {
            return data;
        }
        String[] parts = path.split("\\.");
        Map<String, Object> n = data;
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(parts[i], n);
            n = m;
        }
        return n;
    }
}
