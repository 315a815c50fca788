package dev.gitops.helm;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.error.Origin;

/**
 * A chart that cannot be loaded or rendered: a missing Chart.yaml, a template error, values that fail the chart's
 * schema. The message is the one Helm prints (without Helm's {@code Error: } prefix).
 */
public class HelmException extends InvalidInputException {

    /** A failure with Helm's message. */
    public HelmException(String message) {
        super(message);
    }

    /** A failure with Helm's message and a cause. */
    public HelmException(String message, Throwable cause) {
        super(message, null, null, cause);
    }

    /** A failure in a file. */
    public HelmException(Origin origin, String message) {
        super(origin, message);
    }
}
