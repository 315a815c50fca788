package dev.gitops.helm.internal;

import dev.gitops.api.template.MissingKey;
import dev.gitops.api.template.TemplateException;
import dev.gitops.api.template.TemplateFunction;
import dev.gitops.api.template.Templates;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartFile;
import dev.gitops.helm.HelmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helm's template engine ({@code pkg/engine}): parses every template of a chart tree and renders each file. */
public final class Engine {

    private Engine() {
    }

    private record Renderable(String tpl, Map<String, Object> vals, String basePath) {
    }

    /** Renders every non-partial template; returns file name to rendered text, in Helm's render order. */
    /** A cache of parsed template sets, keyed by the template names and texts they were parsed from. */
    public static final class ParseCache {
        private final Map<List<String>, Templates> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, Templates> e) {
                return size() > 32;
            }
        };

        synchronized Templates get(List<String> key) {
            return cache.get(key);
        }

        synchronized void put(List<String> key, Templates t) {
            cache.put(key, t);
        }
    }

    public static Map<String, String> render(Chart root, Map<String, Object> topValues,
            Map<String, TemplateFunction> functions, boolean strict) {
        return render(root, topValues, functions, strict, null);
    }

    public static Map<String, String> render(Chart root, Map<String, Object> topValues,
            Map<String, TemplateFunction> functions, boolean strict, ParseCache cache) {
        Map<String, Renderable> tpls = new LinkedHashMap<>();
        recAllTpls(root, "", true, tpls, topValues);
        List<String> keys = new ArrayList<>(tpls.keySet());
        keys.sort((a, b) -> {
            int ca = count(a);
            int cb = count(b);
            if (ca != cb) {
                return Integer.compare(cb, ca);
            }
            return -Sprig.compareBytes(a, b);
        });
        List<String> cacheKey = new ArrayList<>(keys.size() * 2 + 1);
        cacheKey.add(strict ? "strict" : "lax");
        for (String k : keys) {
            cacheKey.add(k);
            cacheKey.add(tpls.get(k).tpl());
        }
        Templates t = cache == null ? null : cache.get(cacheKey);
        if (t == null) {
            Templates.Builder b = Templates.builder().name("gotpl").functions(functions)
                    .missingKey(strict ? MissingKey.ERROR : MissingKey.ZERO);
            for (String k : keys) {
                b.add(k, tpls.get(k).tpl());
            }
            try {
                t = b.build();
            } catch (TemplateException e) {
                throw new HelmException(cleanupParseError(e.getMessage()), e);
            }
            if (cache != null) {
                cache.put(cacheKey, t);
            }
        } else {
            t = t.withFunctions(functions);
        }
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String filename : keys) {
            if (GoPath.base(filename).startsWith("_")) {
                continue;
            }
            Renderable r = tpls.get(filename);
            Map<String, Object> tmplInfo = new LinkedHashMap<>();
            tmplInfo.put("Name", filename);
            tmplInfo.put("BasePath", r.basePath());
            r.vals().put("Template", tmplInfo);
            String out;
            try {
                out = t.render(filename, r.vals());
            } catch (TemplateException e) {
                throw new HelmException(cleanupExecError(filename, e.getMessage()), e);
            }
            rendered.put(filename, out.replace("<no value>", ""));
        }
        return rendered;
    }

    private static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recAllTpls(Chart c, String parentPath, boolean isRoot,
            Map<String, Renderable> tpls, Map<String, Object> values) {
        Map<String, Object> subCharts = new LinkedHashMap<>();
        Map<String, Object> meta = ChartMeta.of(c, isRoot);
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("Chart", meta);
        next.put("Files", new HelmObjects.Files(c.files()));
        next.put("Release", values.get("Release"));
        next.put("Capabilities", values.get("Capabilities"));
        next.put("Values", new LinkedHashMap<String, Object>());
        next.put("Subcharts", subCharts);
        if (isRoot) {
            next.put("Values", values.get("Values"));
        } else if (values.get("Values") instanceof Map<?, ?> pv && pv.get(c.name()) instanceof Map<?, ?> vs) {
            next.put("Values", vs);
        }
        String fullPath = isRoot ? c.name() : parentPath + "/charts/" + c.name();
        for (Chart child : c.dependencies()) {
            subCharts.put(child.name(), recAllTpls(child, fullPath, false, tpls, next));
        }
        boolean library = "library".equals(c.type());
        for (ChartFile f : c.templates()) {
            if (library && !GoPath.base(f.name()).startsWith("_")) {
                continue;
            }
            tpls.put(fullPath + "/" + f.name(), new Renderable(f.text(), next, fullPath + "/templates"));
        }
        return next;
    }

    private static final Pattern WARN = Pattern.compile(HelmFunctions.WARN_START + "(.*)" + HelmFunctions.WARN_END,
            Pattern.DOTALL);

    /** Helm's cleanupParseError. */
    static String cleanupParseError(String msg) {
        String[] tokens = msg.split(": ");
        if (tokens.length == 1) {
            return "parse error: " + msg;
        }
        return "parse error at (" + tokens[1] + "): " + tokens[tokens.length - 1];
    }

    /** Helm's cleanupExecError: messages of required/fail become "execution error at (LOCATION): MESSAGE". */
    static String cleanupExecError(String filename, String msg) {
        String[] tokens = msg.split(": ", 3);
        if (tokens.length != 3) {
            return "execution error in (" + filename + "): " + msg;
        }
        Matcher m = WARN.matcher(tokens[2]);
        if (m.find()) {
            return "execution error at (" + tokens[1] + "): " + m.group(1);
        }
        return msg;
    }
}
