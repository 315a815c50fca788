package dev.gitops.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmValuesTest {

    @Test
    void setSyntaxAndTyping() {
        Map<String, Object> v = HelmValues.builder()
                .set("a.b=1,c=true,d=null,e=007,f=1.5,g={x,2},h[1].k=v,i=a\\,b,j=")
                .build();
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("b", 1L);
        assertEquals(ab, v.get("a"));
        assertEquals(true, v.get("c"));
        assertEquals(true, v.containsKey("d") && v.get("d") == null);
        assertEquals("007", v.get("e"));
        assertEquals("1.5", v.get("f"));
        assertEquals(List.of("x", 2L), v.get("g"));
        assertEquals(Arrays.asList(null, Map.of("k", "v")), v.get("h"));
        assertEquals("a,b", v.get("i"));
        assertEquals("", v.get("j"));
    }

    @Test
    void setStringJsonAndFilesLayerOverValueFiles() {
        Map<String, Object> v = HelmValues.builder()
                .file("a: {x: 1, z: 2}\nl: [1]\nyaml11: {y: on}\n", "one.yaml")
                .file("a: {z: 3}\n", "two.yaml")
                .setJson("j={\"k\":[1,\"s\"]}")
                .setString("s=true")
                .setFile("f=path/x", p -> "content of " + p)
                .build();
        assertEquals(Map.of("x", 1.0, "z", 3.0), v.get("a"));
        // Helm reads values as YAML 1.1 (go-yaml v2): the key y and the value on are booleans
        assertEquals(Map.of("true", true), v.get("yaml11"));
        assertEquals(Map.of("k", List.of(1.0, "s")), v.get("j"));
        assertEquals("true", v.get("s"));
        assertEquals("content of path/x", v.get("f"));
    }

    @Test
    void badSetExpressionsNameTheFlag() {
        HelmException e = assertThrows(HelmException.class, () -> HelmValues.builder().set("novalue").build());
        assertEquals("failed parsing --set data: key \"novalue\" has no value", e.getMessage());
        assertThrows(HelmException.class, () -> HelmValues.builder().file("- a\n", "list.yaml"));
    }
}
