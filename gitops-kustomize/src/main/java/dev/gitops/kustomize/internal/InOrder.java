package dev.gitops.kustomize.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Independent per-item work that may run in parallel but must look sequential: results in index order, and the
 * failure reported is the one a loop in index order would have met first.
 */
public final class InOrder {

    private InOrder() {}

    /**
     * {@code f(0) .. f(n-1)}, on the common pool when {@code parallel}; each call must touch nothing another call
     * reads or writes.
     *
     * @throws RuntimeException the failure of the lowest index that failed
     */
    public static <T> List<T> map(int n, boolean parallel, IntFunction<T> f) {
        Object[] out = new Object[n];
        IntStream range = IntStream.range(0, n);
        (parallel ? range.parallel() : range).forEach(i -> {
            try {
                out[i] = f.apply(i);
            } catch (RuntimeException e) {
                out[i] = new Failure(e);
            }
        });
        List<T> results = new ArrayList<>(n);
        for (Object o : out) {
            if (o instanceof Failure failure) {
                throw failure.e();
            }
            @SuppressWarnings("unchecked")
            T t = (T) o;
            results.add(t);
        }
        return results;
    }

    /** A failed item (a wrapper, so that a result that happens to be an exception is not mistaken for one). */
    private record Failure(RuntimeException e) {}
}
