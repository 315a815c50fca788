package dev.gitops.api.source;

import java.util.Objects;

/**
 * What to check out of a Git repository, as {@code GitRepository.spec.ref} in source.toolkit.fluxcd.io/v1. Unset
 * fields are {@code ""}. Precedence is Flux's: {@code commit} over {@code name} over {@code semver} over {@code tag}
 * over {@code branch}; with no field set the {@code master} branch is used, as in source-controller. A
 * {@code commit} combined with a {@code branch} is looked up on that branch and the revision names the branch.
 *
 * @param branch a branch name, e.g. {@code main}
 * @param tag a tag name, e.g. {@code v1.2.3}
 * @param semver a Masterminds semver constraint over tags, e.g. {@code >=1.0.0 <2.0.0}
 * @param name a full reference name, e.g. {@code refs/heads/main}, {@code refs/pull/42/head}
 * @param commit a full 40-hex SHA-1 commit
 */
public record GitReference(String branch, String tag, String semver, String name, String commit) {

    /** The branch used when nothing is set. */
    public static final String DEFAULT_BRANCH = "master";

    /** Validates the fields. */
    public GitReference {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(semver, "semver");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commit, "commit");
        if (!commit.isEmpty() && !commit.matches("[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("commit must be a full 40-character SHA-1, got \"" + commit + "\"");
        }
        if (!name.isEmpty() && !name.startsWith("refs/")) {
            throw new IllegalArgumentException("name must be a full reference starting with refs/, got \"" + name
                    + "\"");
        }
    }

    /** A branch reference. */
    public static GitReference ofBranch(String branch) {
        return new GitReference(branch, "", "", "", "");
    }

    /** A tag reference. */
    public static GitReference ofTag(String tag) {
        return new GitReference("", tag, "", "", "");
    }

    /** A semver constraint over tags. */
    public static GitReference ofSemver(String constraint) {
        return new GitReference("", "", constraint, "", "");
    }

    /** A full reference name. */
    public static GitReference ofName(String name) {
        return new GitReference("", "", "", name, "");
    }

    /** A commit, optionally on a branch ({@code ""} for none). */
    public static GitReference ofCommit(String commit, String branch) {
        return new GitReference(branch, "", "", "", commit);
    }

    /** Which field decides the checkout, after Flux's precedence. */
    public Kind kind() {
        if (!commit.isEmpty()) {
            return Kind.COMMIT;
        }
        if (!name.isEmpty()) {
            return Kind.NAME;
        }
        if (!semver.isEmpty()) {
            return Kind.SEMVER;
        }
        if (!tag.isEmpty()) {
            return Kind.TAG;
        }
        return Kind.BRANCH;
    }

    /** The branch to use: {@link #branch()} or {@link #DEFAULT_BRANCH}. */
    public String effectiveBranch() {
        return branch.isEmpty() ? DEFAULT_BRANCH : branch;
    }

    /** The deciding field. */
    public enum Kind {
        /** {@code ref.commit}. */
        COMMIT,
        /** {@code ref.name}. */
        NAME,
        /** {@code ref.semver}. */
        SEMVER,
        /** {@code ref.tag}. */
        TAG,
        /** {@code ref.branch} (or the default branch). */
        BRANCH
    }

    @Override
    public String toString() {
        return switch (kind()) {
            case COMMIT -> branch.isEmpty() ? "commit " + commit : "commit " + commit + " on branch " + branch;
            case NAME -> "ref " + name;
            case SEMVER -> "semver " + semver;
            case TAG -> "tag " + tag;
            case BRANCH -> "branch " + effectiveBranch();
        };
    }
}
