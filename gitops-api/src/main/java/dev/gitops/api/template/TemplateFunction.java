package dev.gitops.api.template;

import java.util.List;
import java.util.Objects;

/**
 * A function callable from templates, with its Go signature. Build with {@link #of} (fixed parameters) or
 * {@link #variadic} (the last parameter type repeats, as Go's {@code ...T}). Immutable and thread-safe as long as
 * the body is.
 *
 * <p>The body receives the arguments already checked against the parameter types (see {@link ParamType}); a
 * failure is signalled by throwing any exception, which the engine reports as Go does:
 * {@code error calling NAME: MESSAGE}.
 */
public final class TemplateFunction {

    /** The code of a function. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the function.
         *
         * @param context the calling execution
         * @param args the arguments (variadic ones flattened), elements may be null (Go nil)
         * @return the result, may be null (Go nil)
         * @throws Exception to fail the template with this function's error
         */
        Object apply(FunctionContext context, Object[] args) throws Exception;
    }

    private final List<ParamType> params;
    private final boolean variadic;
    private final Body body;

    private TemplateFunction(List<ParamType> params, boolean variadic, Body body) {
        this.params = List.copyOf(params);
        this.variadic = variadic;
        this.body = Objects.requireNonNull(body, "body");
        if (variadic && this.params.isEmpty()) {
            throw new IllegalArgumentException("a variadic function needs at least one parameter type");
        }
    }

    /** A function with exactly these parameters. */
    public static TemplateFunction of(Body body, ParamType... params) {
        return new TemplateFunction(List.of(params), false, body);
    }

    /** A function whose last parameter type repeats zero or more times. */
    public static TemplateFunction variadic(Body body, ParamType... params) {
        return new TemplateFunction(List.of(params), true, body);
    }

    /** The parameter types; for a variadic function the last one repeats. */
    public List<ParamType> params() {
        return params;
    }

    /** Whether the last parameter repeats. */
    public boolean isVariadic() {
        return variadic;
    }

    /** The function's code. */
    public Body body() {
        return body;
    }
}
