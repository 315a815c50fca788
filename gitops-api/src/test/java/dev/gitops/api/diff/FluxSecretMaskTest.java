package dev.gitops.api.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.api.model.Resource;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** {@link DriftDetector.Builder#fluxSecretMasks(boolean)}: Secret values masked as fluxcd/pkg ssa masks them. */
class FluxSecretMaskTest {

    private static final DriftDetector FLUX = DriftDetector.builder().fluxSecretMasks(true).build();

    private static JsonNode secret(String data) {
        return Resource.readAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: n\ndata:\n" + data,
                "s.yaml").get(0).content();
    }

    @Test
    void changedValuesAreBeforeAndAfterOthersThreeStars() {
        JsonNode desired = secret("  a: bmV3\n  same: c2FtZQ==\n  added: YWRk\n");
        JsonNode live = secret("  a: b2xk\n  same: c2FtZQ==\n");
        DriftReport.Drifted d = (DriftReport.Drifted) FLUX.diff(desired, desired, live);
        assertEquals("*** (before)", d.live().at("/data/a").asText());
        assertEquals("*** (after)", d.merged().at("/data/a").asText());
        assertEquals("***", d.live().at("/data/same").asText());
        assertEquals("***", d.merged().at("/data/same").asText());
        assertEquals("***", d.merged().at("/data/added").asText());
        FieldChange a = d.changes().stream().filter(c -> c.pointer().equals("/data/a")).findFirst().orElseThrow();
        assertEquals("*** (before)", a.before().asText());
        assertEquals("*** (after)", a.after().asText());
        FieldChange added = d.changes().stream().filter(c -> c.pointer().equals("/data/added")).findFirst()
                .orElseThrow();
        assertEquals("***", added.after().asText());
        String text = DriftOutput.unified(List.of(d)) + DriftOutput.json(List.of(d));
        assertTrue(text.contains("*** (after)"), text);
        assertFalse(text.contains("+++++"), "no hashes: " + text);
    }

    @Test
    void missingAndExtraSecretsShowOnlyStars() {
        DriftReport m = FLUX.missing(secret("  a: bmV3\n"));
        assertEquals("***", ((DriftReport.Missing) m).desired().at("/data/a").asText());
        DriftReport e = FLUX.extra(secret("  a: bmV3\n"));
        assertEquals("***", ((DriftReport.Extra) e).live().at("/data/a").asText());
    }

    @Test
    void lastAppliedByProjectsTheManagersFields() {
        JsonNode live = Resource.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\n"
                + "  managedFields:\n  - manager: kustomize-controller\n    operation: Apply\n    fieldsV1:\n"
                + "      f:data:\n        f:mine: {}\n  - manager: kubectl\n    operation: Update\n    fieldsV1:\n"
                + "      f:data:\n        f:theirs: {}\ndata:\n  mine: a\n  theirs: b\n", "c.yaml").get(0).content();
        JsonNode la = DriftDetector.lastAppliedBy(live, "kustomize-controller");
        assertEquals("a", la.at("/data/mine").asText());
        assertTrue(la.at("/data/theirs").isMissingNode());
        assertEquals("c", la.at("/metadata/name").asText());
    }

    @Property(tries = 200)
    void noValueEverAppearsInTheReport(@ForAll @AlphaChars @StringLength(min = 4, max = 20) String before,
            @ForAll @AlphaChars @StringLength(min = 4, max = 20) String after) {
        String b = java.util.Base64.getEncoder().encodeToString(before.getBytes());
        String a = java.util.Base64.getEncoder().encodeToString(after.getBytes());
        JsonNode desired = secret("  k: " + a + "\n");
        DriftReport r = FLUX.diff(desired, desired, secret("  k: " + b + "\n"));
        String text = DriftOutput.unified(List.of(r)) + DriftOutput.json(List.of(r)) + r;
        assertFalse(text.contains(a) || text.contains(b) || text.contains(before) || text.contains(after), text);
    }
}
