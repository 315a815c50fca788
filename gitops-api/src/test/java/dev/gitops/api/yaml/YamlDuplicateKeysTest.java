package dev.gitops.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.error.YamlException;
import org.junit.jupiter.api.Test;

class YamlDuplicateKeysTest {

    private static final String DOC = "a: 1\nb: 2\na: 3\n";

    @Test
    void duplicateKeysAreRejectedByDefault() {
        assertThrows(YamlException.class, () -> Yaml.defaults().readOne(DOC, "f.yaml"));
    }

    @Test
    void lastDuplicateKeyWinsWhenAllowed() {
        Yaml lenient = Yaml.builder().lastDuplicateKeyWins(true).build();
        assertEquals(3, lenient.readOne(DOC, "f.yaml").content().get("a").intValue());
    }
}
