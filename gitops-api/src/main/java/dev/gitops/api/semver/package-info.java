/**
 * Semantic versions and version constraints with the semantics of Masterminds/semver v3, the library Flux
 * (ImagePolicy, GitRepository {@code ref.semver}, HelmChart versions) and Helm use.
 *
 * <p>{@link dev.gitops.api.semver.SemVer} is a parsed version (strict or loose parsing, unsigned 64-bit numbers,
 * SemVer 2.0 precedence); {@link dev.gitops.api.semver.Constraint} a parsed, immutable, thread-safe constraint
 * ({@code >=1.2 <2 || ^3.x-0}, hyphen ranges, wildcards, Masterminds' prerelease rule). Both are tested against
 * every vector of Masterminds' own test tables.
 */
package dev.gitops.api.semver;
