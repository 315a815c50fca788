package dev.gitops.api.oci;

/** Downloaded content whose digest (or size) is not the one it was asked for: corrupt or tampered content. */
public final class DigestMismatchException extends OciException {

    private final String expected;
    private final String actual;

    /**
     * A mismatch.
     *
     * @param what the content, e.g. {@code blob ghcr.io/org/app@sha256:…}
     * @param expected the expected digest
     * @param actual the digest of what was received
     */
    public DigestMismatchException(String what, String expected, String actual) {
        super(what + ": digest mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The expected digest. */
    public String expected() {
        return expected;
    }

    /** The digest of the content received. */
    public String actual() {
        return actual;
    }
}
