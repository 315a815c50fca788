/**
 * YAML I/O compatible with the Go tools: {@link dev.gitops.api.yaml.Yaml} reads with go-yaml v3's typing and writes
 * what kustomize and Helm print.
 */
package dev.gitops.api.yaml;
