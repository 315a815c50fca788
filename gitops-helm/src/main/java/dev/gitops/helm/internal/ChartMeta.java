package dev.gitops.helm.internal;

import dev.gitops.helm.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code .Chart} as Helm 4 exposes it: the Chart.yaml fields under their Go names, plus IsRoot. */
final class ChartMeta {

    private ChartMeta() {
    }

    static Map<String, Object> of(Chart c, boolean isRoot) {
        Map<String, Object> md = c.metadata();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("APIVersion", str(md.get("apiVersion")));
        m.put("Annotations", md.get("annotations") instanceof Map<?, ?> a ? GoData.deepCopy(a) : null);
        m.put("AppVersion", str(md.get("appVersion")));
        m.put("Condition", str(md.get("condition")));
        List<Object> deps = new ArrayList<>();
        if (md.get("dependencies") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> d) {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    dm.put("name", str(d.get("name")));
                    dm.put("version", str(d.get("version")));
                    dm.put("repository", str(d.get("repository")));
                    dm.put("condition", str(d.get("condition")));
                    dm.put("tags", d.get("tags"));
                    dm.put("enabled", d.get("enabled") != null && (Boolean) d.get("enabled"));
                    dm.put("import-values", d.get("import-values"));
                    dm.put("alias", str(d.get("alias")));
                    deps.add(dm);
                }
            }
        }
        m.put("Dependencies", deps);
        m.put("Deprecated", Boolean.TRUE.equals(md.get("deprecated")));
        m.put("Description", str(md.get("description")));
        m.put("Home", str(md.get("home")));
        m.put("Icon", str(md.get("icon")));
        m.put("IsRoot", isRoot);
        m.put("Keywords", md.get("keywords") instanceof List<?> k ? GoData.deepCopy(k) : new ArrayList<>());
        m.put("KubeVersion", str(md.get("kubeVersion")));
        List<Object> maint = new ArrayList<>();
        if (md.get("maintainers") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> d) {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    dm.put("name", str(d.get("name")));
                    dm.put("email", str(d.get("email")));
                    dm.put("url", str(d.get("url")));
                    maint.add(dm);
                }
            }
        }
        m.put("Maintainers", maint);
        m.put("Name", c.name());
        m.put("Sources", md.get("sources") instanceof List<?> s ? GoData.deepCopy(s) : new ArrayList<>());
        m.put("Tags", str(md.get("tags")));
        m.put("Type", str(md.get("type")));
        m.put("Version", str(md.get("version")));
        return m;
    }

    private static String str(Object o) {
        return o == null ? "" : GoData.strval(o);
    }
}
