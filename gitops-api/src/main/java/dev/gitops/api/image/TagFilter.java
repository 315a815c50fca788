package dev.gitops.api.image;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.image.internal.GoRegex;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * An ImagePolicy's {@code spec.filterTags}: a Go (RE2) regular expression searched in each tag (unanchored) and
 * an optional {@code extract} template expanded like Go's {@code Regexp.ExpandString} ({@code $1}, {@code $name},
 * {@code ${name}}). Tags that do not match are dropped; the others are keyed by their extracted value (the tag
 * itself when {@code extract} is empty), a later tag replacing an earlier one with the same value.
 *
 * <p>Immutable and thread-safe; the pattern is compiled once.
 */
public final class TagFilter {

    private final String pattern;
    private final String extract;
    private final GoRegex regex;
    private final GoRegex.Template template;

    private TagFilter(String pattern, String extract, GoRegex regex) {
        this.pattern = pattern;
        this.extract = extract;
        this.regex = regex;
        this.template = regex.compileTemplate(extract);
    }

    /**
     * A filter.
     *
     * @param pattern a Go regular expression ({@code ""} keeps every tag)
     * @param extract a Go expansion template, {@code ""} for none
     * @throws InvalidInputException with Flux's message when the pattern is not a valid Go regular expression
     */
    public static TagFilter of(String pattern, String extract) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(extract, "extract");
        try {
            return new TagFilter(pattern, extract, GoRegex.compile(pattern));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "invalid regular expression pattern '" + pattern + "': " + e.getMessage());
        }
    }

    /** The Go regular expression. */
    public String pattern() {
        return pattern;
    }

    /** The extract template, {@code ""} for none. */
    public String extract() {
        return extract;
    }

    /**
     * Filters tags: the kept candidates (extracted value, or the tag) mapped to their original tags, in the order
     * each candidate value first appeared.
     */
    public Map<String, String> apply(Iterable<String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = regex.matcher("");
        for (String tag : tags) {
            String key = candidate(tag, m);
            if (key != null) {
                out.put(key, tag);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The value a single tag filters to, or null when it is dropped. */
    String candidate(String tag, Matcher reuse) {
        Matcher m = reuse.reset(tag);
        if (!regex.find(m)) {
            return null;
        }
        return extract.isEmpty() ? tag : template.expand(tag, m);
    }

    Matcher newMatcher() {
        return regex.matcher("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagFilter f && f.pattern.equals(pattern) && f.extract.equals(extract);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode() * 31 + extract.hashCode();
    }

    @Override
    public String toString() {
        return "TagFilter{pattern=" + pattern + ", extract=" + extract + "}";
    }
}
