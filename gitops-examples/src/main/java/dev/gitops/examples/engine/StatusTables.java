package dev.gitops.examples.engine;

import dev.gitops.api.engine.ObjectStatus;
import java.util.ArrayList;
import java.util.List;

/** Prints statuses as {@code flux get} does: NAME, REVISION, SUSPENDED, READY, MESSAGE. */
public final class StatusTables {

    private StatusTables() {
    }

    /** The table, one line per object, columns padded as tabwriter would. */
    public static String table(List<ObjectStatus> statuses, boolean withNamespace) {
        List<String[]> rows = new ArrayList<>();
        rows.add(withNamespace ? new String[] {"NAMESPACE", "NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"}
                : new String[] {"NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"});
        for (ObjectStatus s : statuses) {
            String rev = s.lastAppliedRevision().isEmpty() ? s.lastAttemptedRevision() : s.lastAppliedRevision();
            String message = s.message().replace('\n', ' ');
            String suspended = s.suspended() ? "True" : "False";
            rows.add(withNamespace ? new String[] {s.id().namespace(), s.id().name(), rev, suspended, s.readyStatus(),
                message} : new String[] {s.id().name(), rev, suspended, s.readyStatus(), message});
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                sb.append(r[i]);
                if (i < cols - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length())).append(" \t");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
