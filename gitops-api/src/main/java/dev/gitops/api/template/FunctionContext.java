package dev.gitops.api.template;

/**
 * What a {@link TemplateFunction} can see of the execution that calls it: the template set being executed (which
 * lets Helm's {@code include} and {@code tpl} run other templates) and the name of the running template.
 */
public interface FunctionContext {

    /** The template set being executed. */
    Templates templates();

    /** The name of the template running when the function was called. */
    String templateName();

    /**
     * Executes another template of the same set with {@code data} as dot, as Go's {@code ExecuteTemplate} does, and
     * returns its output; a failure is thrown as a {@link TemplateException}.
     */
    default String execute(String name, Object data) {
        return templates().render(name, data);
    }
}
