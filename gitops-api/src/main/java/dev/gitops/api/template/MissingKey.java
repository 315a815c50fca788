package dev.gitops.api.template;

/** What a field access does when a map has no entry for the key: Go's {@code missingkey} option. */
public enum MissingKey {
    /** Go's default ({@code missingkey=default}/{@code invalid}): the result is "no value". */
    DEFAULT,
    /**
     * {@code missingkey=zero}: the zero value of the map's element type, which for {@code map[string]interface{}}
     * is a nil interface; a further field access on it fails with {@code nil pointer evaluating interface {}.x}.
     * This is what Helm uses unless rendering is strict.
     */
    ZERO,
    /** {@code missingkey=error}: execution stops with {@code map has no entry for key "x"}. */
    ERROR
}
