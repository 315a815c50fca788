package dev.gitops.helm.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.api.error.YamlException;
import dev.gitops.api.template.GoFmt;
import dev.gitops.api.yaml.GoYamlScalars;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML as Helm does for values, Chart.yaml and {@code fromYaml}: sigs.k8s.io/yaml, i.e. go-yaml v2 (YAML 1.1
 * scalars: {@code yes/no/on/off/y/n} are booleans, {@code 0755} is octal) converted to JSON and decoded with
 * encoding/json, so every number becomes a float64 and every map key a string.
 */
public final class YamlV2 {

    private YamlV2() {
    }


    /** Reads one document (empty input reads as null). */
    public static Object read(String text, String file) {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(10_000);
        opts.setAllowDuplicateKeys(true);
        org.yaml.snakeyaml.Yaml y = new org.yaml.snakeyaml.Yaml(opts);
        Node node;
        try {
            node = y.compose(new StringReader(text));
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new YamlException(Origin.of(file, line, 0), "yaml: line " + line + ": " + e.getProblem());
        } catch (RuntimeException e) {
            throw new YamlException(Origin.of(file), "yaml: " + e.getMessage());
        }
        if (node == null) {
            return null;
        }
        return convert(node, file, new IdentityHashMap<>(), 0);
    }

    private static Object convert(Node n, String file, IdentityHashMap<Node, Boolean> stack, int depth) {
        if (depth > 10_000 || stack.containsKey(n)) {
            throw new YamlException(Origin.of(file, n.getStartMark().getLine() + 1, 0), "yaml: recursive alias");
        }
        if (n instanceof ScalarNode s) {
            return scalar(s, file);
        }
        stack.put(n, true);
        try {
            if (n instanceof SequenceNode seq) {
                List<Object> l = new ArrayList<>();
                for (Node c : seq.getValue()) {
                    l.add(convert(c, file, stack, depth + 1));
                }
                return l;
            }
            MappingNode m = (MappingNode) n;
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (k instanceof ScalarNode ks && ks.getTag().equals(Tag.MERGE)) {
                    mergeInto(out, t.getValueNode(), file, stack, depth);
                    continue;
                }
                Object key = convert(k, file, stack, depth + 1);
                out.put(keyString(key), convert(t.getValueNode(), file, stack, depth + 1));
            }
            return out;
        } finally {
            stack.remove(n);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> out, Node v, String file, IdentityHashMap<Node, Boolean> stack,
            int depth) {
        List<Node> sources = v instanceof SequenceNode s ? s.getValue() : List.of(v);
        for (Node src : sources) {
            Object o = convert(src, file, stack, depth + 1);
            if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : ((Map<String, Object>) m).entrySet()) {
                    out.putIfAbsent((String) e.getKey(), e.getValue());
                }
            }
        }
    }

    private static String keyString(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Double d) {
            return GoFmt.formatFloat(d, 'g', -1);
        }
        return GoData.strval(key);
    }

    private static Object scalar(ScalarNode s, String file) {
        String v = s.getValue();
        boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        Tag tag = s.getTag();
        if (!plain) {
            return v;
        }
        if (!tag.equals(Tag.STR) && !tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT) && !tag.equals(Tag.BOOL)
                && !tag.equals(Tag.NULL) && !tag.equals(Tag.TIMESTAMP)) {
            // an explicit custom tag: go-yaml v2 keeps the text
            return v;
        }
        // go-yaml v2 typing; then JSON: every number a float64, timestamps kept as their text
        GoYamlScalars.Scalar r = GoYamlScalars.resolve(v, GoYamlScalars.Mode.GO_YAML_V2);
        if (r instanceof GoYamlScalars.Null) {
            return null;
        }
        if (r instanceof GoYamlScalars.Bool b) {
            return b.value();
        }
        if (r instanceof GoYamlScalars.Int i) {
            return i.value().doubleValue();
        }
        if (r instanceof GoYamlScalars.Float f) {
            return f.value();
        }
        return v;
    }
}
