package dev.gitops.examples.cli;

import dev.gitops.api.engine.KustomizationBuild;
import dev.gitops.api.engine.Reconciler;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gitops build kustomization NAME}: what {@code flux build kustomization NAME} prints. */
@Command(name = BuildKustomizationCommand.NAME, aliases = BuildKustomizationCommand.ALIAS, description = {
    "Print the objects a Flux Kustomization would apply (like 'flux build kustomization'): built with the Flux "
            + "overlay fields, postBuild variables substituted, Flux's labels set, as sorted multi-document YAML "
            + "(by group, kind, namespace, name).",
    "The Kustomization is discovered from --path (acting as flux-system) by reconciling everything else once into "
            + "an in-memory cluster, so substituteFrom ConfigMaps and Secrets from the repository are used.",
    "Values of SOPS-encrypted Secrets are masked as flux build prints them: a Secret encrypted as a whole loses its "
            + "sops metadata and every value becomes **SOPS** (base64-encoded under data); nothing is decrypted. "
            + "Nothing is applied."})
final class BuildKustomizationCommand implements Callable<Integer> {

    /** The subcommand's name (read without picocli by {@link GitOpsCli#isPlainBuild}). */
    static final String NAME = "kustomization";
    /** Its one alias. */
    static final String ALIAS = "ks";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Mixin
    FluxKustomizations.Target target;

    @Override
    public Integer call() {
        if (engine.kubeconfig().isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kubeconfig is not used by build "
                    + "kustomization: it renders from the repository alone (use 'diff kustomization' to compare "
                    + "with a cluster)");
        }
        Reconciler r = target.discover(engine);
        KustomizationBuild b = r.buildKustomization(target.namespace, target.name,
                KustomizationBuild.Secrets.MASKED);
        PrintWriter out = spec.commandLine().getOut();
        out.print(b.toYaml());
        out.flush();
        return GitOpsCli.OK;
    }
}
