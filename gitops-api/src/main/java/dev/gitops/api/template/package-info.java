/**
 * Go's {@code text/template} in Java: the engine Helm charts and Flux image-update commit messages are written for.
 * {@link dev.gitops.api.template.Templates} is the entry type; functions beyond Go's built-ins (such as Sprig) are
 * plugged in as {@link dev.gitops.api.template.TemplateFunction}s; {@link dev.gitops.api.template.GoValues}
 * documents how Java values stand for Go values; {@link dev.gitops.api.template.GoFmt} is Go's {@code fmt}.
 */
package dev.gitops.api.template;
