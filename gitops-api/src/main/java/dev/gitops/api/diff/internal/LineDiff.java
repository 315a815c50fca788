package dev.gitops.api.diff.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff in the format of GNU {@code diff -u} (three lines of context, hunks merged when their
 * contexts touch), computed with Myers' O(ND) algorithm.
 */
public final class LineDiff {

    private LineDiff() {
    }

    private enum Op { KEEP, DEL, ADD }

    private record Edit(Op op, int a, int b) {
    }

    /** The hunks (without the {@code ---}/{@code +++} header) turning {@code a} into {@code b}; empty when equal. */
    public static String unified(List<String> a, List<String> b, int context) {
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        int n = edits.size();
        int i = 0;
        while (i < n) {
            while (i < n && edits.get(i).op == Op.KEEP) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = Math.max(0, i - context);
            int end = i;
            // extend the hunk while the next change is within 2*context lines
            int j = i;
            while (j < n) {
                if (edits.get(j).op != Op.KEEP) {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < n && edits.get(k).op == Op.KEEP) {
                    k++;
                }
                if (k < n && k - j <= 2 * context) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(n, end + context + 1);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int e = start; e < stop; e++) {
                Edit ed = edits.get(e);
                switch (ed.op) {
                    case KEEP -> {
                        if (aStart < 0) {
                            aStart = ed.a;
                        }
                        if (bStart < 0) {
                            bStart = ed.b;
                        }
                        aCount++;
                        bCount++;
                        body.append(' ').append(a.get(ed.a)).append('\n');
                    }
                    case DEL -> {
                        if (aStart < 0) {
                            aStart = ed.a;
                        }
                        if (bStart < 0) {
                            bStart = ed.b;
                        }
                        aCount++;
                        body.append('-').append(a.get(ed.a)).append('\n');
                    }
                    case ADD -> {
                        if (aStart < 0) {
                            aStart = ed.a;
                        }
                        if (bStart < 0) {
                            bStart = ed.b;
                        }
                        bCount++;
                        body.append('+').append(b.get(ed.b)).append('\n');
                    }
                }
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount))
                    .append(" @@\n").append(body);
            i = stop;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        // GNU diff: 1-based start; for an empty range the line before it; ",count" left out when count is 1
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? Integer.toString(start + 1) : (start + 1) + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int[] v = new int[2 * max + 2];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
                    x = v[max + k + 1];
                } else {
                    x = v[max + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[max + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        List<Edit> rev = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevK;
            if (k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1])) {
                prevK = k + 1;
            } else {
                prevK = k - 1;
            }
            int prevX = vd[max + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                rev.add(new Edit(Op.KEEP, --x, --y));
            }
            if (x == prevX) {
                rev.add(new Edit(Op.ADD, x, --y));
            } else {
                rev.add(new Edit(Op.DEL, --x, y));
            }
        }
        while (x > 0 && y > 0) {
            rev.add(new Edit(Op.KEEP, --x, --y));
        }
        List<Edit> out = new ArrayList<>(rev.size());
        for (int i = rev.size() - 1; i >= 0; i--) {
            out.add(rev.get(i));
        }
        // GNU diff prints deletions before additions inside a change block
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).op == Op.ADD && out.get(i + 1).op == Op.DEL) {
                int j = i;
                while (j > 0 && out.get(j - 1).op == Op.ADD) {
                    j--;
                }
                Edit del = out.remove(i + 1);
                out.add(j, del);
                i = Math.max(-1, j - 2);
            }
        }
        return out;
    }
}
