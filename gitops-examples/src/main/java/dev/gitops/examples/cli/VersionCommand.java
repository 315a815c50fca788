package dev.gitops.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gitops version}: the library version and the tool versions it is conformant with. */
@Command(name = "version", description = "Print the version of gitops-java and the tools it is compatible with.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /** Reads the version from the build's resource file. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = GitOpsCli.class.getResourceAsStream("/dev/gitops/examples/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {
                "gitops " + p.getProperty("version", "unknown"),
                "compatible with: kustomize " + p.getProperty("kustomize", "?") + ", helm " + p.getProperty("helm", "?")
                        + ", sops " + p.getProperty("sops", "?") + ", age " + p.getProperty("age", "?")
                        + ", Flux APIs " + p.getProperty("flux", "?"),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            };
        }
    }
}
