/**
 * Git sources with Flux source-controller semantics: {@link dev.gitops.api.source.GitSource} fetches a
 * {@link dev.gitops.api.source.GitSourceSpec} (URL, {@link dev.gitops.api.source.GitReference}, credentials, ignore
 * rules) with JGit and produces an immutable {@link dev.gitops.api.source.Artifact} whose revision reads as Flux
 * writes it ({@code main@sha1:<sha>}).
 */
package dev.gitops.api.source;
