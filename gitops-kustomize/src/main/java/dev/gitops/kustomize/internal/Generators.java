package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ConfigMapGenerator and SecretGenerator. */
final class Generators {

    private static final java.util.regex.Pattern ENV_NAME =
            java.util.regex.Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final java.util.regex.Pattern KEY_NAME = java.util.regex.Pattern.compile("[-._a-zA-Z0-9]+");


    private Generators() {}

    /** Generator options after merging global into local. */
    record Options(Map<String, String> labels, Map<String, String> annotations, boolean disableHash,
            boolean immutable, boolean labelsSet, boolean annotationsSet) {

        static Options parse(JsonNode n, String where) {
            if (n == null || n.isNull()) {
                return null;
            }
            Kust.checkFields(n, where, "labels", "annotations", "disableNameSuffixHash", "immutable");
            return new Options(Kust.stringMap(n.get("labels"), where + ".labels"),
                    Kust.stringMap(n.get("annotations"), where + ".annotations"),
                    n.path("disableNameSuffixHash").asBoolean(false), n.path("immutable").asBoolean(false),
                    n.has("labels") && !n.get("labels").isNull(),
                    n.has("annotations") && !n.get("annotations").isNull());
        }

        static Options merge(Options local, Options global) {
            if (global == null) {
                return local;
            }
            if (local == null) {
                local = new Options(new LinkedHashMap<>(), new LinkedHashMap<>(), false, false, false, false);
            }
            Map<String, String> l = new LinkedHashMap<>(local.labels);
            global.labels.forEach(l::putIfAbsent);
            Map<String, String> a = new LinkedHashMap<>(local.annotations);
            global.annotations.forEach(a::putIfAbsent);
            return new Options(l, a, local.disableHash || global.disableHash, local.immutable || global.immutable,
                    true, true);
        }
    }

    static Res generate(Loader ldr, JsonNode args, boolean secret, Options global, String kustFile) {
        return generate(ldr, args, secret, global, kustFile, true);
    }

    static Res generate(Loader ldr, JsonNode args, boolean secret, Options global, String kustFile, boolean strict) {
        String where = kustFile + (secret ? ": secretGenerator" : ": configMapGenerator");
        Kust.checkFields(strict ? args : null, where, "name", "namespace", "behavior", "literals", "files", "envs", "env",
                "options", "type", "kvSources");
        String name = Res.text(args.get("name"));
        String ns = Res.text(args.get("namespace"));
        String behavior = Res.text(args.get("behavior"));
        if (!behavior.isEmpty() && !behavior.equals("create") && !behavior.equals("merge")
                && !behavior.equals("replace")) {
            throw new BuildError(where + ": behavior must be one of create, merge, replace, got '" + behavior + "'");
        }
        Options opts = Options.merge(Options.parse(args.get("options"), where + ".options"), global);
        if (name.isEmpty()) {
            throw new BuildError(where + ": a " + (secret ? "secret" : "configmap") + " must have a name");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        List<String> envs = new ArrayList<>(Kust.stringList(args.get("envs"), where + ".envs"));
        String env = Res.text(args.get("env"));
        if (!env.isEmpty()) {
            envs.add(env);
        }
        for (String e : envs) {
            String content = new String(ldr.load(e), StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : content.split("\n", -1)) {
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (lineNo == 0 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                lineNo++;
                line = line.stripLeading();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                String k = eq < 0 ? line : line.substring(0, eq);
                String v = eq < 0 ? "" : line.substring(eq + 1);
                if (k.isEmpty() || !ENV_NAME.matcher(k).matches()) {
                    throw new BuildError(where + ": invalid key '" + k + "' in env file " + e
                            + ": a valid environment variable name must consist of alphabetic characters, digits, "
                            + "'_', '-', or '.', and must not start with a digit");
                }
                put(data, k, v.getBytes(StandardCharsets.UTF_8), name, where);
            }
        }
        for (String lit : Kust.stringList(args.get("literals"), where + ".literals")) {
            int eq = lit.indexOf('=');
            if (eq <= 0) {
                throw new BuildError(where + ": invalid literal source " + lit + ", expected key=value");
            }
            String v = lit.substring(eq + 1);
            if (v.length() >= 2 && v.charAt(0) == v.charAt(v.length() - 1)
                    && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
                v = v.substring(1, v.length() - 1);
            }
            put(data, lit.substring(0, eq), v.getBytes(StandardCharsets.UTF_8), name, where);
        }
        for (String src : Kust.stringList(args.get("files"), where + ".files")) {
            long seps = src.chars().filter(c -> c == '=').count();
            String key;
            String path;
            if (seps == 0) {
                path = src;
                String t = src;
                while (t.endsWith("/") && t.length() > 1) {
                    t = t.substring(0, t.length() - 1);
                }
                key = t.substring(t.lastIndexOf('/') + 1);
            } else if (seps == 1 && src.startsWith("=")) {
                throw new BuildError(where + ": missing key name for file path \"" + src.substring(1)
                        + "\" in source \"" + src + "\"");
            } else if (seps == 1 && src.endsWith("=")) {
                throw new BuildError(where + ": missing file path for key name \""
                        + src.substring(0, src.length() - 1) + "\" in source \"" + src + "\"");
            } else if (seps > 1) {
                throw new BuildError(where + ": source \"" + src + "\" key name or file path contains '='");
            } else {
                key = src.substring(0, src.indexOf('='));
                path = src.substring(src.indexOf('=') + 1);
            }
            put(data, key, ldr.load(path), name, where);
        }
        ObjectNode n = Res.F.objectNode();
        n.put("apiVersion", "v1");
        n.put("kind", secret ? "Secret" : "ConfigMap");
        ObjectNode meta = n.putObject("metadata");
        meta.put("name", name);
        if (!ns.isEmpty()) {
            meta.put("namespace", ns);
        }
        if (secret) {
            String type = Res.text(args.get("type"));
            n.put("type", type.isEmpty() ? "Opaque" : type);
            ObjectNode d = n.putObject("data");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(data).entrySet()) {
                d.put(e.getKey(), base64(e.getValue()));
            }
        } else {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(data).entrySet()) {
                String s = utf8(e.getValue());
                if (s != null) {
                    n.with("data").put(e.getKey(), s);
                } else {
                    n.with("binaryData").put(e.getKey(), base64(e.getValue()));
                }
            }
        }
        if (opts != null) {
            if (!opts.labels.isEmpty()) {
                ObjectNode l = meta.putObject("labels");
                new TreeMap<>(opts.labels).forEach(l::put);
            }
            if (!opts.annotations.isEmpty()) {
                ObjectNode a = meta.putObject("annotations");
                new TreeMap<>(opts.annotations).forEach(a::put);
            }
            if (opts.immutable) {
                n.set("immutable", BooleanNode.TRUE);
            }
        }
        Res r = new Res(n, kustFile);
        r.setAnnotation(Res.GEN_BEHAVIOR, behavior.isEmpty() ? "unspecified" : behavior);
        if (opts == null || !opts.disableHash) {
            r.enable(Res.NEEDS_HASH);
        }
        return r;
    }

    private static void put(Map<String, byte[]> data, String k, byte[] v, String name, String where) {
        if (!KEY_NAME.matcher(k).matches()) {
            throw new BuildError(where + ": \"" + k + "\" is not a valid key name: a valid config key must consist "
                    + "of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                    + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }
        if (data.containsKey(k)) {
            throw new BuildError(where + ": configmap " + name + " illegally repeats the key `" + k + "`");
        }
        data.put(k, v);
    }

    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Go's kyaml encodeBase64: standard base64 split into 70-character lines. */
    static String base64(byte[] b) {
        String s = Base64.getEncoder().encodeToString(b);
        if (s.length() < 70) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += 70) {
            sb.append(s, i, Math.min(s.length(), i + 70)).append('\n');
        }
        return sb.toString();
    }
}
