package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class ChartRepositoryIndexTest {

    static final String INDEX = """
            apiVersion: v1
            entries:
              web:
                - name: web
                  version: 1.2.3
                  urls: [charts/web-1.2.3.tgz]
                  digest: abc
                - name: web
                  version: 2.0.0-rc.1
                  urls: [charts/web-2.0.0-rc.1.tgz]
                - name: web
                  version: 1.10.0
                  appVersion: "5.1"
                  urls: [https://example.com/web-1.10.0.tgz]
                - name: web
                  version: 1.2.10
                  urls: [charts/web-1.2.10.tgz]
                - name: web
                  version: not-semver
                  urls: [x.tgz]
            generated: "2024-01-01T00:00:00Z"
            """;

    ChartRepositoryIndex index = ChartRepositoryIndex.parse(INDEX, "index.yaml");

    String pick(String constraint) {
        return index.resolve("web", constraint).map(ChartRepositoryIndex.ChartVersion::version).orElse("none");
    }

    @Test
    void resolvesLikeHelm() {
        assertEquals("1.10.0", pick(""));
        assertEquals("1.10.0", pick("*"));
        assertEquals("1.10.0", pick(">=1.0.0 <2.0.0"));
        assertEquals("1.2.10", pick("1.2.x"));
        assertEquals("1.2.10", pick("~1.2.0"));
        assertEquals("1.2.3", pick("1.2.3"));
        assertEquals("2.0.0-rc.1", pick(">=2.0.0-0"));
        assertEquals("none", pick(">=2.0.0"));
        assertEquals("not-semver", pick("not-semver"));
        assertEquals("5.1", index.resolve("web", "1.10.0").orElseThrow().appVersion());
        assertTrue(index.resolve("other", "").isEmpty());
        assertEquals(java.util.List.of("web"), index.chartNames());
    }

    @Test
    void badInputs() {
        assertThrows(InvalidInputException.class, () -> index.resolve("web", ">>1"));
        assertThrows(InvalidInputException.class, () -> ChartRepositoryIndex.parse("entries: {}\n", "i.yaml"));
    }
}
