package dev.gitops.api.template;

import dev.gitops.api.error.Origin;
import dev.gitops.api.template.internal.Executor;
import dev.gitops.api.template.internal.Nodes;
import dev.gitops.api.template.internal.Nodes.Tree;
import dev.gitops.api.template.internal.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of parsed Go {@code text/template} templates sharing one namespace of {@code define}d names and one function
 * map: what Go calls an associated {@code *template.Template}. Parse once, render many times; instances are
 * immutable and safe to use from many threads at once.
 *
 * <pre>{@code
 * Templates t = Templates.builder()
 *         .function("upper", TemplateFunction.of((ctx, a) -> ((String) a[0]).toUpperCase(), ParamType.STRING))
 *         .missingKey(MissingKey.ZERO)
 *         .add("page", "{{ define \"hi\" }}Hi {{ . | upper }}{{ end }}{{ template \"hi\" .name }}")
 *         .build();
 * t.render("page", Map.of("name", "ann"));   // "Hi ANN"
 * }</pre>
 *
 * <p>The language is Go's exactly: actions and trim markers, pipelines, parenthesised sub-pipelines with field
 * access, variables, {@code if/else if/with/else with/range} (over lists, maps in key order and integers, with
 * {@code break}/{@code continue}), {@code define/template/block}, comments, and the built-in functions
 * {@code and or not len index slice call print printf println html js urlquery eq ne lt le gt ge}. The data model is
 * described in {@link GoValues}. Errors are {@link TemplateException}s carrying Go's message.
 */
public final class Templates {

    private final String name;
    private final Map<String, Tree> trees;
    private final Map<String, TemplateFunction> functions;
    private final MissingKey missingKey;
    private final String leftDelim;
    private final String rightDelim;

    private Templates(String name, Map<String, Tree> trees, Map<String, TemplateFunction> functions,
            MissingKey missingKey, String leftDelim, String rightDelim) {
        this.name = name;
        this.trees = Collections.unmodifiableMap(trees);
        this.functions = functions;
        this.missingKey = missingKey;
        this.leftDelim = leftDelim;
        this.rightDelim = rightDelim;
    }

    /** A builder with no templates, no extra functions, {@link MissingKey#DEFAULT} and {@code {{ }}} delimiters. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names of all templates in the set (files and {@code define}s), in definition order. */
    public Set<String> names() {
        return trees.keySet();
    }

    /** Whether a template of this name exists. */
    public boolean has(String templateName) {
        return trees.containsKey(templateName);
    }

    /** The name of the set, used in the "no template associated" error, like Go's root template name. */
    public String name() {
        return name;
    }

    /** The extra (non built-in) functions. */
    public Map<String, TemplateFunction> functions() {
        return functions;
    }

    /** The missing-key behaviour. */
    public MissingKey missingKey() {
        return missingKey;
    }

    /**
     * A copy with {@code text} parsed as template {@code templateName} and added, as Go's
     * {@code t.Clone(); t.New(name).Parse(text)}: new definitions replace old ones of the same name, except that an
     * empty definition never replaces a non-empty one.
     *
     * @throws TemplateException when the text does not parse
     */
    public Templates withTemplate(String templateName, String text) {
        Map<String, Tree> copy = new LinkedHashMap<>(trees);
        parseInto(copy, templateName, text, functions, leftDelim, rightDelim);
        return new Templates(name, copy, functions, missingKey, leftDelim, rightDelim);
    }

    /**
     * Parses {@code text} as template {@code templateName} into a copy of this set and executes it, as Go's
     * {@code t.New(name).Parse(text)} followed by {@code Execute} does (Helm's {@code tpl}): the text runs even when
     * it is empty and an existing template of that name therefore stays in the set, and {@code define}s in the text
     * are visible to the templates it calls.
     *
     * @throws TemplateException when the text does not parse or fails to execute
     */
    public String renderNew(String templateName, String text, Object data) {
        Map<String, Tree> copy = new LinkedHashMap<>(trees);
        Map<String, Tree> parsed = parseInto(copy, templateName, text, functions, leftDelim, rightDelim);
        Templates derived = new Templates(name, copy, functions, missingKey, leftDelim, rightDelim);
        StringBuilder sb = new StringBuilder();
        derived.executeTree(parsed.get(templateName), templateName, data, sb);
        return sb.toString();
    }

    /** A copy whose function map has these functions added or replaced (Go's {@code t.Funcs}). */
    public Templates withFunctions(Map<String, TemplateFunction> more) {
        Map<String, TemplateFunction> f = new LinkedHashMap<>(functions);
        f.putAll(more);
        return new Templates(name, trees, Collections.unmodifiableMap(f), missingKey, leftDelim, rightDelim);
    }

    /** A copy with another missing-key behaviour. */
    public Templates withMissingKey(MissingKey mk) {
        return new Templates(name, trees, functions, Objects.requireNonNull(mk, "missingKey"), leftDelim,
                rightDelim);
    }

    /**
     * Executes the named template with {@code data} as dot and returns its output.
     *
     * @throws TemplateException on a failure, with Go's message
     */
    public String render(String templateName, Object data) {
        StringBuilder sb = new StringBuilder();
        execute(templateName, data, sb);
        return sb.toString();
    }

    /**
     * Executes the named template, appending the output to {@code out}. On failure, whatever was written before the
     * failure stays written (as with Go).
     *
     * @throws TemplateException on a failure, with Go's message
     */
    public void execute(String templateName, Object data, Appendable out) {
        Tree tree = trees.get(templateName);
        if (tree == null) {
            throw new TemplateException("template: no template " + quote(templateName) + " associated with template "
                    + quote(name), null, null);
        }
        StringBuilder sb = out instanceof StringBuilder b ? b : new StringBuilder();
        try {
            executeTree(tree, templateName, data, sb);
        } finally {
            if (sb != out) {
                try {
                    out.append(sb);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        }
    }

    private void executeTree(Tree tree, String templateName, Object data, StringBuilder sb) {
        Executor ex = new Executor(this, trees, functions, missingKey, sb);
        try {
            ex.execute(tree, data);
        } catch (Executor.ExecError e) {
            Nodes.Node n = e.node();
            Origin o = n == null ? Origin.of(nonEmpty(templateName))
                    : Origin.of(nonEmpty(n.src.parseName()), n.src.line(n.pos), n.src.column(n.pos) + 1);
            throw new TemplateException(e.getMessage(), o, e.getCause());
        }
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? "<template>" : s;
    }

    private static String quote(String s) {
        return dev.gitops.api.template.internal.GoStrings.quote(s);
    }

    private static Map<String, Tree> parseInto(Map<String, Tree> target, String templateName, String text,
            Map<String, TemplateFunction> functions, String left, String right) {
        Map<String, Tree> parsed;
        try {
            parsed = Parser.parse(templateName, text, left, right,
                    fn -> functions.containsKey(fn) || Executor.isBuiltin(fn));
        } catch (Parser.ParseError e) {
            throw new TemplateException(e.getMessage(), Origin.of(nonEmpty(e.parseName()), e.line(), 0), null);
        }
        for (Map.Entry<String, Tree> e : parsed.entrySet()) {
            Tree old = target.get(e.getKey());
            // Go's associate: an empty template never replaces an existing one
            if (old != null && Nodes.isEmptyTree(e.getValue().root())) {
                continue;
            }
            target.put(e.getKey(), e.getValue());
        }
        return parsed;
    }

    /** Builds a {@link Templates}; not thread-safe. */
    public static final class Builder {
        private String name = "";
        private final Map<String, TemplateFunction> functions = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private MissingKey missingKey = MissingKey.DEFAULT;
        private String leftDelim = "{{";
        private String rightDelim = "}}";

        private Builder() {
        }

        /** The set's own name (Go's root template name), used in some error messages. */
        public Builder name(String setName) {
            this.name = Objects.requireNonNull(setName, "name");
            return this;
        }

        /** Adds or replaces one function. Functions must be registered before the templates that use them parse. */
        public Builder function(String fnName, TemplateFunction fn) {
            functions.put(Objects.requireNonNull(fnName, "name"), Objects.requireNonNull(fn, "function"));
            return this;
        }

        /** Adds or replaces functions. */
        public Builder functions(Map<String, TemplateFunction> fns) {
            fns.forEach(this::function);
            return this;
        }

        /** Go's {@code missingkey} option. */
        public Builder missingKey(MissingKey mk) {
            this.missingKey = Objects.requireNonNull(mk, "missingKey");
            return this;
        }

        /** Go's {@code Delims}. */
        public Builder delimiters(String left, String right) {
            if (left.isEmpty() || right.isEmpty()) {
                throw new IllegalArgumentException("delimiters must not be empty");
            }
            this.leftDelim = left;
            this.rightDelim = right;
            return this;
        }

        /** Adds a template text to parse under {@code templateName}; texts parse in the order added. */
        public Builder add(String templateName, String text) {
            sources.put(Objects.requireNonNull(templateName, "name"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Parses every added text and returns the set.
         *
         * @throws TemplateException naming the template and line of the first text that does not parse
         */
        public Templates build() {
            Map<String, TemplateFunction> fns = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
            Map<String, Tree> trees = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                parseInto(trees, e.getKey(), e.getValue(), fns, leftDelim, rightDelim);
            }
            return new Templates(name, trees, fns, missingKey, leftDelim, rightDelim);
        }
    }
}
