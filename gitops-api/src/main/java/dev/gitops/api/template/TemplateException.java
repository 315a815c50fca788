package dev.gitops.api.template;

import dev.gitops.api.error.GitOpsException;
import dev.gitops.api.error.Origin;
import java.util.Optional;

/**
 * A template that cannot be parsed or executed. The message is exactly Go's, for example
 * {@code template: chart/templates/cm.yaml:3:14: executing "chart/templates/cm.yaml" at <.Values.a.b>: nil pointer
 * evaluating interface {}.b}; {@link #origin()} names the template file, line and 0-based byte column as Go reports
 * them.
 */
public class TemplateException extends GitOpsException {

    private final transient Origin where;

    /** A failure with Go's full message and, when known, where it happened. */
    public TemplateException(String goMessage, Origin where, Throwable cause) {
        super(goMessage, cause);
        this.where = where;
    }

    /** Where the failure happened (template name, line, column), when known. */
    @Override
    public Optional<Origin> origin() {
        return Optional.ofNullable(where);
    }
}
