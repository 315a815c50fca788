/** Internals of the in-memory cluster (field sets, merge, kind table, validation); not API. */
package dev.gitops.api.apply.memory.internal;
