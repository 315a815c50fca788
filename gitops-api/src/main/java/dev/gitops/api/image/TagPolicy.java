package dev.gitops.api.image;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVerException;
import java.util.Locale;
import java.util.Objects;

/**
 * How an ImagePolicy orders tags ({@code spec.policy}): exactly one of {@code semver}, {@code alphabetical} and
 * {@code numerical}, as fluxcd/image-reflector-controller's {@code PolicerFromSpec} builds them.
 */
public sealed interface TagPolicy permits TagPolicy.SemVerPolicy, TagPolicy.Alphabetical, TagPolicy.Numerical {

    /** Sort order of the alphabetical and numerical policies. */
    enum Order {
        /** The greatest tag is the latest (the default). */
        ASC,
        /** The smallest tag is the latest. */
        DESC;

        /**
         * Reads an order as Flux does: upper-cased, {@code ""} meaning {@link #ASC}.
         *
         * @throws InvalidInputException with Flux's message for anything else
         */
        public static Order of(String order) {
            Objects.requireNonNull(order, "order");
            String o = order.toUpperCase(Locale.ROOT);
            return switch (o) {
                case "", "ASC" -> ASC;
                case "DESC" -> DESC;
                default -> throw new InvalidInputException(
                        "invalid order argument provided: '" + o + "', must be one of: ASC, DESC");
            };
        }
    }

    /**
     * {@code policy.semver.range}: the highest tag that is a semantic version satisfying the range.
     *
     * @throws InvalidInputException (a {@link SemVerException}) when the range does not parse; {@code ""} is
     *     invalid
     */
    static SemVerPolicy semver(String range) {
        return new SemVerPolicy(Constraint.parse(range));
    }

    /** {@code policy.alphabetical.order}. */
    static Alphabetical alphabetical(String order) {
        return new Alphabetical(Order.of(order));
    }

    /** {@code policy.numerical.order}. */
    static Numerical numerical(String order) {
        return new Numerical(Order.of(order));
    }

    /**
     * The semver policy. Candidates are tags with at least two dots ({@code strings.SplitN(tag, ".", 3)} gives
     * three parts, so {@code 1.2} and {@code v1} are not candidates) that Masterminds' loose parser accepts and
     * that satisfy the range; the highest wins, the first on ties.
     *
     * @param range the parsed range
     */
    record SemVerPolicy(Constraint range) implements TagPolicy {
        /** Validates the component. */
        public SemVerPolicy {
            Objects.requireNonNull(range, "range");
        }
    }

    /**
     * The alphabetical policy: byte-wise string order (Go's {@code sort.Strings}); {@code ASC} picks the greatest,
     * {@code DESC} the smallest.
     *
     * @param order the order
     */
    record Alphabetical(Order order) implements TagPolicy {
        /** Validates the component. */
        public Alphabetical {
            Objects.requireNonNull(order, "order");
        }
    }

    /**
     * The numerical policy: every tag must be a Go {@code strconv.ParseFloat} number, or the policy fails;
     * {@code ASC} picks the maximum, {@code DESC} the minimum, the later tag on equal values.
     *
     * @param order the order
     */
    record Numerical(Order order) implements TagPolicy {
        /** Validates the component. */
        public Numerical {
            Objects.requireNonNull(order, "order");
        }
    }
}
