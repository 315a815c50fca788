package dev.gitops.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.Origin;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.yaml.Yaml;
import dev.gitops.helm.internal.GoData;
import dev.gitops.helm.internal.HelmIgnore;
import dev.gitops.helm.internal.Tar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loads charts as Helm's loader does: from a directory (honouring {@code .helmignore}) or a {@code .tgz} archive,
 * with the dependencies found in {@code charts/} (directories and archives), recursively.
 */
public final class ChartLoader {

    /** Largest archive content accepted (Helm's default decompressed-size limit is 100 MiB). */
    public static final long MAX_ARCHIVE_BYTES = 100L * 1024 * 1024;

    private ChartLoader() {
    }

    /**
     * Loads the chart at {@code path} of {@code fs}: a directory, or a {@code .tgz}/{@code .tar.gz} file.
     *
     * @throws HelmException when the chart is invalid
     */
    public static Chart load(FileSystem fs, String path) {
        if (fs.isDirectory(path)) {
            return loadDirectory(fs, path);
        }
        if (!fs.exists(path)) {
            throw new HelmException("path \"" + path + "\" not found");
        }
        return loadArchive(fs.read(path), path);
    }

    /** Loads a chart directory. */
    public static Chart loadDirectory(FileSystem fs, String dir) {
        HelmIgnore ignore = HelmIgnore.parse(fs.exists(join(dir, ".helmignore"))
                ? fs.readString(join(dir, ".helmignore")) : "");
        Map<String, byte[]> files = new TreeMap<>();
        walk(fs, dir, "", ignore, files);
        return fromFiles(files, dir);
    }

    private static void walk(FileSystem fs, String root, String rel, HelmIgnore ignore, Map<String, byte[]> out) {
        for (String name : fs.list(join(root, rel))) {
            String r = rel.isEmpty() ? name : rel + "/" + name;
            boolean dir = fs.isDirectory(join(root, r));
            if (ignore.ignored(r, dir)) {
                continue;
            }
            if (dir) {
                walk(fs, root, r, ignore, out);
            } else {
                out.put(r, fs.read(join(root, r)));
            }
        }
    }

    private static String join(String a, String b) {
        if (a.isEmpty() || a.equals(".")) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a + "/" + b;
    }

    /** Loads a chart archive; its files live under one top-level directory, as {@code helm package} writes. */
    public static Chart loadArchive(byte[] tgz, String name) {
        Map<String, byte[]> raw;
        try {
            raw = Tar.readTgz(tgz, MAX_ARCHIVE_BYTES);
        } catch (IOException e) {
            throw new HelmException(name + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            String p = e.getKey();
            while (p.startsWith("./")) {
                p = p.substring(2);
            }
            int slash = p.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String rest = p.substring(slash + 1);
            if (rest.contains("..")) {
                throw new HelmException("chart illegally references parent directory: " + p);
            }
            if (!rest.isEmpty()) {
                files.put(rest, e.getValue());
            }
        }
        if (files.isEmpty()) {
            throw new HelmException("no files in chart archive");
        }
        return fromFiles(files, name);
    }

    /** Builds a chart from its files (relative path to content). */
    @SuppressWarnings("unchecked")
    public static Chart fromFiles(Map<String, byte[]> files, String origin) {
        byte[] chartYaml = files.get("Chart.yaml");
        if (chartYaml == null) {
            throw new HelmException("Chart.yaml file is missing");
        }
        Map<String, Object> metadata = (Map<String, Object>) readMap(chartYaml, origin + "/Chart.yaml");
        if (metadata.get("apiVersion") == null) {
            throw new HelmException("validation: chart.metadata.apiVersion is required");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (files.containsKey("values.yaml")) {
            values = (Map<String, Object>) readMap(files.get("values.yaml"), origin + "/values.yaml");
        }
        Optional<String> schema = Optional.ofNullable(files.get("values.schema.json"))
                .map(b -> new String(b, StandardCharsets.UTF_8));
        List<ChartFile> templates = new ArrayList<>();
        List<ChartFile> other = new ArrayList<>();
        Map<String, Map<String, byte[]>> subDirs = new TreeMap<>();
        Map<String, byte[]> subArchives = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String p = e.getKey();
            switch (p) {
                case "Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json", "requirements.yaml",
                        "requirements.lock" -> {
                    continue;
                }
                default -> {
                }
            }
            if (p.startsWith("templates/")) {
                templates.add(new ChartFile(p, e.getValue()));
            } else if (p.startsWith("charts/")) {
                String rest = p.substring("charts/".length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    if (rest.endsWith(".tgz") || rest.endsWith(".tar.gz")) {
                        subArchives.put(rest, e.getValue());
                    }
                } else {
                    subDirs.computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<>())
                            .put(rest.substring(slash + 1), e.getValue());
                }
            } else {
                other.add(new ChartFile(p, e.getValue()));
            }
        }
        List<Chart> deps = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> e : subDirs.entrySet()) {
            if (!e.getValue().containsKey("Chart.yaml")) {
                continue;
            }
            deps.add(fromFiles(e.getValue(), origin + "/charts/" + e.getKey()));
        }
        for (Map.Entry<String, byte[]> e : subArchives.entrySet()) {
            deps.add(loadArchive(e.getValue(), origin + "/charts/" + e.getKey()));
        }
        deps.sort(java.util.Comparator.comparing(Chart::name));
        try {
            return new Chart(metadata, values, schema, templates, other, deps);
        } catch (GitOpsException e) {
            throw new HelmException(origin + ": " + e.getMessage(), e);
        }
    }

    private static Object readMap(byte[] content, String file) {
        JsonNode n = Yaml.defaults().readOne(new String(content, StandardCharsets.UTF_8), file).content();
        if (n.isNull() || n.isMissingNode()) {
            return new LinkedHashMap<String, Object>();
        }
        if (!n.isObject()) {
            throw new HelmException(Origin.of(file), "error converting YAML to JSON: expected a map");
        }
        return GoData.fromJson(n);
    }
}
