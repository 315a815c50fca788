package dev.gitops.kustomize.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderTest {

    @Test
    void resultsComeInIndexOrderEitherWay() {
        List<Integer> expected = IntStream.range(0, 500).map(i -> i * i).boxed().toList();
        for (boolean parallel : new boolean[] {false, true}) {
            assertEquals(expected, InOrder.map(500, parallel, i -> i * i));
        }
    }

    @Test
    void theFailureReportedIsTheLowestIndexThatFailed() {
        for (boolean parallel : new boolean[] {false, true}) {
            for (int round = 0; round < 20; round++) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> InOrder.map(400, parallel, i -> {
                            if (i == 37 || i == 38 || i == 399) {
                                throw new IllegalStateException("item " + i);
                            }
                            return i;
                        }));
                assertEquals("item 37", e.getMessage());
            }
        }
    }

    @Test
    void anExceptionReturnedAsAResultIsAResult() {
        RuntimeException value = new RuntimeException("a value");
        assertEquals(List.of(value), InOrder.map(1, false, i -> value));
    }
}
