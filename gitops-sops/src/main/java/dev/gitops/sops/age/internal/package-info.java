/** Implementation details of {@code dev.gitops.sops.age.internal}; not API. */
package dev.gitops.sops.age.internal;
