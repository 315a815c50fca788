package dev.gitops.api.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Go text/template behaviour for the subset commit messages use (expected outputs follow Go's semantics). */
class MessageTemplateTest {

    private static MessageTemplate.Struct struct(String printed, Map<String, Object> f, String... key) {
        return new MessageTemplate.Struct(printed, f, "T", List.of(key));
    }

    private static Object data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("AutomationObject", struct("flux-system/auto", Map.of("Namespace", "flux-system", "Name", "auto"),
                "flux-system", "auto"));
        Map<Object, List<Object>> objs = new TreeMap<>();
        Object change1 = struct("{a b c}", Map.of("OldValue", "app:1", "NewValue", "app:2", "Setter", "ns:app"));
        Object change2 = struct("{x y z}", Map.of("OldValue", "1", "NewValue", "2", "Setter", "ns:app:tag"));
        objs.put(struct("z", Map.of("Kind", "Deployment", "Name", "web"), "apps/v1", "Deployment", "web", ""),
                List.of(change1));
        objs.put(struct("a", Map.of("Kind", "Kustomization", "Name", ""), "kustomize.config.k8s.io/v1beta1",
                "Kustomization", "", ""), List.of(change2));
        Map<String, Object> files = new TreeMap<>(Map.of("b.yaml", Map.of(), "a.yaml", Map.of()));
        d.put("Changed", struct("{}", Map.of("FileChanges", files, "Objects", objs,
                "Changes", List.of(change1, change2))));
        d.put("Values", Map.of("env", "prod"));
        return struct("{}", d);
    }

    private static String run(String t) {
        return MessageTemplate.parse(t).execute(data());
    }

    @Test
    void fluxStyleTemplate() {
        String t = """
                Automated image update

                Automation name: {{ .AutomationObject }}

                Files:
                {{ range $filename, $_ := .Changed.FileChanges -}}
                - {{ $filename }}
                {{ end -}}

                Objects:
                {{ range $resource, $changes := .Changed.Objects -}}
                - {{ $resource.Kind }} {{ $resource.Name }}
                  Changes:
                {{- range $_, $change := $changes }}
                    - {{ $change.OldValue }} -> {{ $change.NewValue }}
                {{ end -}}
                {{ end -}}
                """;
        assertEquals("""
                Automated image update

                Automation name: flux-system/auto

                Files:
                - a.yaml
                - b.yaml
                Objects:
                - Deployment web
                  Changes:
                    - app:1 -> app:2
                - Kustomization\s
                  Changes:
                    - 1 -> 2
                """, run(t));
    }

    @Test
    void functionsAndControl() {
        assertEquals("[ci] app:1 -> app:2\n1 -> 2\n",
                run("[ci] {{ range .Changed.Changes }}{{ print .OldValue }} -> {{ println .NewValue }}{{ end }}"));
        assertEquals("prod|<no value>|x", run("{{ .Values.env }}|{{ .Values.missing }}|{{ .Values.missing | default \"x\" }}"));
        assertEquals("2 changes", run("{{ len .Changed.Changes }} changes"));
        assertEquals("yes", run("{{ if eq .AutomationObject.Name \"auto\" }}yes{{ else }}no{{ end }}"));
        assertEquals("b", run("{{ if not .Values.env }}a{{ else if .Values.env }}b{{ end }}"));
        assertEquals("FLUX-SYSTEM", run("{{ .AutomationObject.Namespace | upper }}"));
        assertEquals("\"auto\" 'x'", run("{{ quote .AutomationObject.Name }} {{ squote \"x\" }}"));
        assertEquals("auto-1", run("{{ printf \"%s-%d\" .AutomationObject.Name 1 }}"));
        assertEquals("none", run("{{ range index .Changed.FileChanges \"a.yaml\" }}x{{ else }}none{{ end }}"));
        assertEquals("v", run("{{ $x := \"v\" }}{{ with $x }}{{ . }}{{ end }}"));
        assertEquals("ok", run("{{/* a comment */}}ok"));
        // -}} trims every following blank, as in Go
        assertEquals("a\nb", run("a\n{{ \"\" -}}\n\n  \nb"));
        // a missing map key is Go's invalid value: ranging over it does nothing; ranging over a string fails
        assertEquals("", run("{{ range .Values.nothing }}x{{ end }}"));
        assertThrows(MessageTemplate.TemplateException.class, () -> run("{{ range .Values.env }}x{{ end }}"));
        assertEquals("a.yaml,b.yaml", run("{{ $first := true }}{{ range $f, $_ := .Changed.FileChanges }}"
                + "{{ if not $first }},{{ end }}{{ $first = false }}{{ $f }}{{ end }}"));
    }

    @Test
    void errors() {
        MessageTemplate.TemplateException e = assertThrows(MessageTemplate.TemplateException.class,
                () -> run("{{ .Updated.Files }}"));
        assertEquals("template: can't evaluate field Updated in type T", e.getMessage());
        assertThrows(MessageTemplate.TemplateException.class, () -> MessageTemplate.parse("{{ if .X }}"));
        assertThrows(MessageTemplate.TemplateException.class, () -> MessageTemplate.parse("{{ end }}"));
        assertThrows(MessageTemplate.TemplateException.class, () -> run("{{ nosuchfn 1 }}"));
    }
}
