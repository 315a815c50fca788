package dev.gitops.api.policy;

import dev.gitops.api.engine.ChartRenderer;
import dev.gitops.api.error.NotFoundException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.fs.FsPaths;
import dev.gitops.api.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * A test {@link ChartRenderer} for charts in a repository whose templates are plain manifests (no template
 * actions): every {@code templates/*.yaml} as it is. Fails like Helm when the chart directory has no Chart.yaml.
 */
final class LiteralChartRenderer implements ChartRenderer {

    @Override
    public Rendered render(ChartRequest request) {
        if (!(request.chart() instanceof ChartSource.InArtifact a)) {
            throw new NotFoundException("only charts in the repository are rendered here");
        }
        FileSystem fs = a.files();
        if (!fs.isFile(FsPaths.join(a.path(), "Chart.yaml"))) {
            throw new NotFoundException("Chart.yaml file is missing in " + a.path());
        }
        List<Resource> out = new ArrayList<>();
        String templates = FsPaths.join(a.path(), "templates");
        for (String name : fs.isDirectory(templates) ? fs.list(templates) : List.<String>of()) {
            String f = FsPaths.join(templates, name);
            if (name.endsWith(".yaml")) {
                out.addAll(Resource.readAll(fs.readString(f), f));
            }
        }
        return new Rendered(out, FsPaths.parent(templates), "1.0.0");
    }
}
