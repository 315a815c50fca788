package dev.gitops.api.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.api.image.ImageRef;
import dev.gitops.api.image.ObjectRef;
import dev.gitops.api.image.UpdateResult;
import dev.gitops.api.template.TemplateException;
import dev.gitops.api.template.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flux's commit message data ({@code source.TemplateData}) on the Go template engine. Expected outputs were
 * checked with Go 1.19's text/template over copies of the Go types (image-automation-controller's internal/source
 * and internal/update, kyaml's ResourceIdentifier, apimachinery's NamespacedName; Go prints them as main.*):
 * fmtsort order of struct map keys, the NamespacedName Stringer, %v of structs, Go's error messages.
 */
class FluxTemplateDataTest {

    private static final ImageRef IMG = ImageRef.parse("ghcr.io/acme/app:2");

    private static UpdateResult result() {
        ObjectRef web = new ObjectRef("apps/v1", "Deployment", "shop", "web");
        ObjectRef kus = new ObjectRef("kustomize.config.k8s.io/v1beta1", "Kustomization", "", "");
        ObjectRef api = new ObjectRef("apps/v1", "Deployment", "shop", "api");
        return new UpdateResult(List.of(
                new UpdateResult.FileChange("b.yaml", List.of(
                        new UpdateResult.Change(web, "ns:app", "app:1", "app:2", IMG, 3),
                        new UpdateResult.Change(api, "ns:app", "app:1", "app:2", IMG, 9))),
                new UpdateResult.FileChange("a.yaml", List.of(
                        new UpdateResult.Change(kus, "ns:app:tag", "1", "2", IMG, 4)))),
                List.of());
    }

    private static String run(String t) {
        Templates set = Templates.builder().name("commit message").functions(CommitMessageFunctions.functions())
                .add("commit message", t).build();
        return set.render("commit message", FluxTemplateData.of("flux-system", "auto", result(),
                Map.of("env", "prod")));
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
        // struct keys in fmtsort order: APIVersion, then Kind, Name, Namespace
        assertEquals("""
                Automated image update

                Automation name: flux-system/auto

                Files:
                - a.yaml
                - b.yaml
                Objects:
                - Deployment api
                  Changes:
                    - app:1 -> app:2
                - Deployment web
                  Changes:
                    - app:1 -> app:2
                - Kustomization\s
                  Changes:
                    - 1 -> 2
                """, run(t));
    }

    @Test
    void goValuesPrintAsFmtPrintsThem() {
        assertEquals("flux-system/auto flux-system/auto", run("{{ .AutomationObject }} {{ .AutomationObject.String }}"));
        assertEquals("map[env:prod]", run("{{ .Values }}"));
        assertEquals("[{app:1 app:2 ns:app} {1 2 ns:app:tag}]", run("{{ .Changed.Changes }}"));
        assertEquals("{map[a.yaml:map[{{{kustomize.config.k8s.io/v1beta1 Kustomization} { }}}:[{1 2 ns:app:tag}]] "
                + "b.yaml:map[{{{apps/v1 Deployment} {api shop}}}:[{app:1 app:2 ns:app}] "
                + "{{{apps/v1 Deployment} {web shop}}}:[{app:1 app:2 ns:app}]]]}", run("{{ .Changed }}"));
        assertEquals("{apps/v1 Deployment}|{api shop}|{{apps/v1 Deployment} {api shop}}|update.ObjectIdentifier",
                run("{{ range $id, $_ := .Changed.Objects }}{{ $id.TypeMeta }}|{{ $id.NameMeta }}|"
                        + "{{ $id.ResourceIdentifier }}|{{ printf \"%T\" $id }}{{ break }}{{ end }}"));
    }

    @Test
    void functionsAndControl() {
        assertEquals("[ci] app:1 -> app:2\n1 -> 2\n",
                run("[ci] {{ range .Changed.Changes }}{{ print .OldValue }} -> {{ println .NewValue }}{{ end }}"));
        assertEquals("prod|<no value>|x",
                run("{{ .Values.env }}|{{ .Values.missing }}|{{ .Values.missing | default \"x\" }}"));
        assertEquals("2 changes, 3 objects", run("{{ len .Changed.Changes }} changes, {{ len .Changed.Objects }} objects"));
        assertEquals("yes", run("{{ if eq .AutomationObject.Name \"auto\" }}yes{{ else }}no{{ end }}"));
        assertEquals("b", run("{{ if not .Values.env }}a{{ else if .Values.env }}b{{ end }}"));
        assertEquals("FLUX-SYSTEM", run("{{ .AutomationObject.Namespace | upper }}"));
        assertEquals("\"auto\" 'x'", run("{{ quote .AutomationObject.Name }} {{ squote \"x\" }}"));
        assertEquals("auto-1", run("{{ printf \"%s-%d\" .AutomationObject.Name 1 }}"));
        assertEquals("none", run("{{ range index .Changed.FileChanges \"c.yaml\" }}x{{ else }}none{{ end }}"));
        assertEquals("v", run("{{ $x := \"v\" }}{{ with $x }}{{ . }}{{ end }}"));
        assertEquals("ok", run("{{/* a comment */}}ok"));
        assertEquals("a\nb", run("a\n{{ \"\" -}}\n\n  \nb"));
        assertEquals("", run("{{ range .Values.nothing }}x{{ end }}"));
        assertEquals("a.yaml,b.yaml", run("{{ $first := true }}{{ range $f, $_ := .Changed.FileChanges }}"
                + "{{ if not $first }},{{ end }}{{ $first = false }}{{ $f }}{{ end }}"));
        assertEquals("two two |ns:app+ns:app:tag", run("{{ range .Changed.Changes }}{{ .NewValue | trimPrefix \"app:\" "
                + "| replace \"2\" \"two\" }} {{ end }}|{{ $s := \"\" }}{{ range .Changed.Changes }}"
                + "{{ $s = printf \"%s+%s\" $s .Setter }}{{ end }}{{ $s | trimPrefix \"+\" }}"));
    }

    @Test
    void errorsAreGos() {
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{ .Updated.Files }}"));
        assertEquals("template: commit message:1:11: executing \"commit message\" at <.Updated.Files>: "
                + "can't evaluate field Updated in type source.TemplateData", e.getMessage());
        e = assertThrows(TemplateException.class, () -> run("{{ .Changed.ImageResult }}"));
        assertEquals("template: commit message:1:11: executing \"commit message\" at <.Changed.ImageResult>: "
                + "can't evaluate field ImageResult in type update.Result", e.getMessage());
        assertThrows(TemplateException.class, () -> run("{{ range .Values.env }}x{{ end }}"));
        assertThrows(TemplateException.class, () -> run("{{ if .X }}"));
        assertThrows(TemplateException.class, () -> run("{{ end }}"));
        assertThrows(TemplateException.class, () -> run("{{ nosuchfn 1 }}"));
        // kyaml's Get* methods have pointer receivers: not callable on map keys
        e = assertThrows(TemplateException.class,
                () -> run("{{ range $id, $_ := .Changed.Objects }}{{ $id.GetName }}{{ end }}"));
        assertEquals("template: commit message:1:45: executing \"commit message\" at <$id.GetName>: "
                + "can't evaluate field GetName in type update.ObjectIdentifier", e.getMessage());
        e = assertThrows(TemplateException.class, () -> run("{{ .Changed.Changes 1 }}"));
        assertEquals("template: commit message:1:11: executing \"commit message\" at <.Changed.Changes>: "
                + "wrong number of args for Changes: want 0 got 1", e.getMessage());
    }
}
