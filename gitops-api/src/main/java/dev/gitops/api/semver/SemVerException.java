package dev.gitops.api.semver;

import dev.gitops.api.error.InvalidInputException;
import java.util.Objects;

/**
 * A version or constraint string that Masterminds/semver v3 would reject. {@link #kind()} tells which of
 * Masterminds' errors it corresponds to, and {@link #detail()} carries Masterminds' wording followed by the
 * quoted input, for example {@code invalid semantic version: "1.2.beta"}.
 */
public final class SemVerException extends InvalidInputException {

    /** Which rule the input broke; mirrors the error values of Masterminds/semver v3. */
    public enum Kind {
        /** {@code ErrEmptyString}: "version string empty". */
        EMPTY("version string empty"),
        /** {@code ErrInvalidSemVer}: "invalid semantic version". */
        INVALID_SEMVER("invalid semantic version"),
        /** {@code ErrInvalidCharacters}: "invalid characters in version". */
        INVALID_CHARACTERS("invalid characters in version"),
        /** {@code ErrSegmentStartsZero}: "version segment starts with 0". */
        SEGMENT_STARTS_ZERO("version segment starts with 0"),
        /** {@code ErrInvalidMetadata}: "invalid metadata string". */
        INVALID_METADATA("invalid metadata string"),
        /** {@code ErrInvalidPrerelease}: "invalid prerelease string". */
        INVALID_PRERELEASE("invalid prerelease string"),
        /** A numeric segment that is empty or above 2^64-1 ({@code strconv.ParseUint} failed). */
        INVALID_NUMBER("error parsing version segment"),
        /** A constraint string that does not parse ("improper constraint"). */
        IMPROPER_CONSTRAINT("improper constraint");

        private final String goMessage;

        Kind(String goMessage) {
            this.goMessage = goMessage;
        }

        /** The message Masterminds' error value carries. */
        public String goMessage() {
            return goMessage;
        }
    }

    private final Kind kind;

    SemVerException(Kind kind, String detail) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Which rule the input broke. */
    public Kind kind() {
        return kind;
    }
}
