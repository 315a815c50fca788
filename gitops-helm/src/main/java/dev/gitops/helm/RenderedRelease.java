package dev.gitops.helm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of rendering a chart as {@code helm template} does.
 *
 * @param crds the chart's CRD files (printed first when requested)
 * @param manifests the rendered manifests in Helm's install order
 * @param hooks the hook manifests in Helm's order
 * @param notes the root chart's rendered NOTES.txt, if any
 * @param includeCrds whether {@link #toHelmTemplateOutput()} prints the CRDs
 */
public record RenderedRelease(List<Manifest> crds, List<Manifest> manifests, List<Manifest> hooks,
        Optional<String> notes, boolean includeCrds) {

    /** One YAML document and the template it came from. */
    public record Manifest(String source, String kind, String name, String content) {
        /** Validates. */
        public Manifest {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Copies the lists. */
    public RenderedRelease {
        crds = List.copyOf(crds);
        manifests = List.copyOf(manifests);
        hooks = List.copyOf(hooks);
        Objects.requireNonNull(notes, "notes");
    }

    /** Exactly what {@code helm template} prints: CRDs (when asked), manifests, then hooks. */
    public String toHelmTemplateOutput() {
        StringBuilder rel = new StringBuilder();
        if (includeCrds) {
            for (Manifest m : crds) {
                rel.append("---\n# Source: ").append(m.source()).append('\n').append(m.content()).append('\n');
            }
        }
        for (Manifest m : manifests) {
            rel.append("---\n# Source: ").append(m.source()).append('\n').append(m.content()).append('\n');
        }
        StringBuilder out = new StringBuilder();
        String manifest = rel.toString().strip();
        out.append(manifest).append('\n');
        for (Manifest h : hooks) {
            out.append("---\n# Source: ").append(h.source()).append('\n').append(h.content()).append('\n');
        }
        return out.toString();
    }
}
