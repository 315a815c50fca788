package dev.gitops.api.yaml.internal;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A string scalar that was quoted (or tagged {@code !!str}) in its file and contains a {@code ${...}} reference.
 * It behaves as any {@link TextNode} (equal to one with the same value); Flux's postBuild substitution reads the
 * mark, because kustomize-controller keeps a quoted {@code "${replicas}"} quoted through substitution, so its
 * value stays a string, where an unquoted {@code ${replicas}} is typed again. The mark survives tree copies
 * ({@code deepCopy} shares value nodes), not a round trip through text.
 */
public final class QuotedText extends TextNode {

    private static final long serialVersionUID = 1L;

    /** A quoted string. */
    public QuotedText(String value) {
        super(value);
    }
}
