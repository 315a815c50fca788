package dev.gitops.helm.internal;

import dev.gitops.api.json.GoJson;
import dev.gitops.api.template.GoObject;
import dev.gitops.helm.ChartFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Go objects Helm hands to templates: .Files, .Capabilities and its parts. */
public final class HelmObjects {

    private HelmObjects() {
    }

    /** Helm's engine.files. */
    public static final class Files extends TreeMap<String, Object> implements GoObject {
        private static final long serialVersionUID = 1L;
        private final TreeMap<String, byte[]> files;

        public Files(List<ChartFile> list) {
            files = new TreeMap<>();
            for (ChartFile f : list) {
                files.put(f.name(), f.data());
            }
            files.forEach(this::put);
        }

        private Files(TreeMap<String, byte[]> files) {
            this.files = files;
            files.forEach(this::put);
        }

        @Override
        public String goTypeName() {
            return "engine.files";
        }

        @Override
        public boolean hasMethod(String name) {
            return switch (name) {
                case "Get", "GetBytes", "Glob", "Lines", "AsConfig", "AsSecrets" -> true;
                default -> false;
            };
        }

        @Override
        public Object callMethod(String name, List<Object> args) {
            int want = name.equals("AsConfig") || name.equals("AsSecrets") ? 0 : 1;
            if (args.size() != want) {
                throw new IllegalArgumentException("wrong number of args for " + name + ": want " + want + " got "
                        + args.size());
            }
            switch (name) {
                case "Get": {
                    byte[] b = files.get(str(args.get(0)));
                    return b == null ? "" : new String(b, StandardCharsets.UTF_8);
                }
                case "GetBytes": {
                    byte[] b = files.get(str(args.get(0)));
                    return b == null ? new byte[0] : b.clone();
                }
                case "Glob": {
                    String pattern = str(args.get(0));
                    PathMatcher m;
                    try {
                        m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                    } catch (RuntimeException e) {
                        m = FileSystems.getDefault().getPathMatcher("glob:**");
                    }
                    TreeMap<String, byte[]> out = new TreeMap<>();
                    for (Map.Entry<String, byte[]> e : files.entrySet()) {
                        if (m.matches(Paths.get(e.getKey()))) {
                            out.put(e.getKey(), e.getValue());
                        }
                    }
                    return new Files(out);
                }
                case "Lines": {
                    byte[] b = files.get(str(args.get(0)));
                    List<Object> out = new ArrayList<>();
                    if (b == null || b.length == 0) {
                        return out;
                    }
                    String s = new String(b, StandardCharsets.UTF_8);
                    if (s.endsWith("\n")) {
                        s = s.substring(0, s.length() - 1);
                    }
                    out.addAll(List.of(s.split("\n", -1)));
                    return out;
                }
                case "AsConfig": {
                    if (files.isEmpty()) {
                        return "";
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    files.forEach((k, v) -> m.put(GoPath.base(k), new String(v, StandardCharsets.UTF_8)));
                    return HelmFunctions.toYaml(m);
                }
                default: {
                    Map<String, Object> m = new LinkedHashMap<>();
                    files.forEach((k, v) -> m.put(GoPath.base(k), Base64.getEncoder().encodeToString(v)));
                    return HelmFunctions.toYaml(m);
                }
            }
        }

        private static String str(Object o) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("wrong type for value; expected string; got "
                        + dev.gitops.api.template.GoValues.typeName(o));
            }
            return s;
        }

        @Override
        public String goString() {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(e.getKey()).append(':').append(java.util.Arrays.toString(e.getValue()).replace(",", ""));
            }
            return sb.append(']').toString();
        }
    }

    /** common.KubeVersion. */
    public record KubeVersion(String version, String major, String minor) implements GoObject, GoJson.Marshaler {
        @Override
        public String goTypeName() {
            return "common.KubeVersion";
        }

        @Override
        public boolean hasField(String name) {
            return name.equals("Version") || name.equals("Major") || name.equals("Minor");
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Version" -> version;
                case "Major" -> major;
                default -> minor;
            };
        }

        @Override
        public boolean hasMethod(String name) {
            return name.equals("String") || name.equals("GitVersion");
        }

        @Override
        public Object callMethod(String name, List<Object> args) {
            return version;
        }

        @Override
        public String goString() {
            return version;
        }

        @Override
        public Object toJsonValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Version", version);
            m.put("Major", major);
            m.put("Minor", minor);
            return m;
        }
    }

    /** common.VersionSet: a list of API versions with a Has method. */
    public static final class VersionSet extends ArrayList<Object> implements GoObject {
        private static final long serialVersionUID = 1L;

        public VersionSet(List<String> versions) {
            super(versions);
        }

        @Override
        public String goTypeName() {
            return "common.VersionSet";
        }

        @Override
        public boolean hasMethod(String name) {
            return name.equals("Has");
        }

        @Override
        public Object callMethod(String name, List<Object> args) {
            return contains(args.get(0));
        }
    }

    /** The HelmVersion struct. */
    public record HelmVersion(String version) implements GoObject, GoJson.Marshaler {
        @Override
        public String goTypeName() {
            return "common.HelmVersion";
        }

        @Override
        public boolean hasField(String name) {
            return switch (name) {
                case "Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion" -> true;
                default -> false;
            };
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Version" -> version;
                case "GitTreeState" -> "clean";
                case "GoVersion" -> "go1.25.9";
                case "KubeClientVersion" -> "v1.35";
                default -> "";
            };
        }

        @Override
        public Object toJsonValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            return m;
        }
    }

    /** common.Capabilities. */
    public record Capabilities(KubeVersion kubeVersion, VersionSet apiVersions, HelmVersion helmVersion)
            implements GoObject {
        @Override
        public String goTypeName() {
            return "*common.Capabilities";
        }

        @Override
        public boolean hasField(String name) {
            return name.equals("KubeVersion") || name.equals("APIVersions") || name.equals("HelmVersion");
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "KubeVersion" -> kubeVersion;
                case "APIVersions" -> apiVersions;
                default -> helmVersion;
            };
        }
    }
}
