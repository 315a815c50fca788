/** Built-in policy rules, configuration parsing and report writers; not API. */
package dev.gitops.api.policy.internal;
