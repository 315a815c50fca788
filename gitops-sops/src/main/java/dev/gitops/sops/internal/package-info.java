/** Implementation details of {@code dev.gitops.sops.internal}; not API. */
package dev.gitops.sops.internal;
