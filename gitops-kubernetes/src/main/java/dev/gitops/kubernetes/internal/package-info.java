/** Internals of gitops-kubernetes (JSON conversion, status mapping); not API. */
package dev.gitops.kubernetes.internal;
