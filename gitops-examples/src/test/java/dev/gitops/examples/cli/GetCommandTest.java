package dev.gitops.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void kustomizationsAndSources() throws Exception {
        Path repo = CliRepos.repoFrom("/cli/fleet", tmp.resolve("repo"));
        CliRepos.Run ks = CliRepos.run("get", "kustomizations", "--source", repo.toString(), "--path",
                "clusters/dev");
        assertEquals(0, ks.code(), ks.err());
        String[] lines = ks.out().split("\n");
        assertEquals(3, lines.length, ks.out());
        assertTrue(lines[0].matches("NAMESPACE\\s+\tNAME\\s+\tREVISION\\s+\tSUSPENDED\\s+\tREADY\\s+\tMESSAGE"),
                lines[0]);
        assertTrue(lines[1].matches("flux-system\\s+\tflux-system\\s+\tmain@sha1:[0-9a-f]{40}\\s+\tFalse\\s+\t"
                + "True\\s+\tApplied revision: main@sha1:[0-9a-f]{40}"), lines[1]);
        CliRepos.Run src = CliRepos.run("get", "sources", "--source", repo.toString(), "--path", "clusters/dev");
        assertEquals(0, src.code(), src.err());
        assertTrue(src.out().contains("stored artifact for revision 'main@sha1:"), src.out());
        CliRepos.Run hr = CliRepos.run("get", "hr", "--source", repo.toString(), "--path", "clusters/dev");
        assertEquals(1, hr.code(), "nothing selected");
        assertTrue(hr.err().contains("no hr found"));
    }
}
