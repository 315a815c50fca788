package dev.gitops.examples.cli;

import dev.gitops.api.error.InvalidInputException;
import dev.gitops.api.fs.FileSystem;
import dev.gitops.api.image.DockerConfig;
import dev.gitops.api.oci.HttpTransport;
import dev.gitops.api.oci.RegistryAuth;
import dev.gitops.api.oci.RegistryCredentials;
import dev.gitops.helm.Chart;
import dev.gitops.helm.ChartDownloader;
import dev.gitops.helm.ChartLoader;
import dev.gitops.helm.ChartReference;
import dev.gitops.helm.ChartRenderer;
import dev.gitops.helm.HelmValues;
import dev.gitops.helm.RenderRequest;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gitops template RELEASE CHART}: renders a chart locally, printing what {@code helm template} prints. */
@Command(name = "template", description = "Render a Helm chart locally and print the manifests, as helm template does.")
final class TemplateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RELEASE", description = "Release name.")
    String release;

    @Parameters(index = "1", paramLabel = "CHART", description = "Chart directory, .tgz archive, oci://host/path/chart, "
            + "or a chart name with --repo.")
    String chart;

    // --version is helm's chart version constraint here, so the inherited -V/--version mixin cannot apply
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--repo", paramLabel = "URL", description = "Chart repository URL (http(s):// with an index.yaml) "
            + "where to locate CHART.")
    String repo;

    @Option(names = "--version", paramLabel = "CONSTRAINT", description = "Version constraint for --repo and oci:// "
            + "charts: an exact version or a range such as '>=1.0.0 <2.0.0' (default: the latest stable version).")
    String version;

    @Option(names = "--devel", description = "Use development versions too (the constraint '>0.0.0-0'); ignored when "
            + "--version is set.")
    boolean devel;

    @Option(names = "--username", paramLabel = "USER", description = "Chart repository or registry user name.")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Chart repository or registry password.")
    String password;

    @Option(names = "--pass-credentials", description = "Pass credentials to all domains (chart URLs on other hosts).")
    boolean passCredentials;

    @Option(names = "--registry-config", paramLabel = "FILE", description = "Registry credentials for oci:// charts "
            + "(Docker config.json format, as written by helm registry login; default: $HELM_REGISTRY_CONFIG or "
            + "~/.config/helm/registry/config.json when it exists).")
    Path registryConfig;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Verify HTTPS servers with this CA bundle (PEM) "
            + "instead of the JVM's trust store.")
    Path caFile;

    @Option(names = "--insecure-skip-tls-verify", description = "Skip TLS certificate checks for the chart download.")
    boolean insecureSkipTlsVerify;

    @Option(names = "--plain-http", description = "Use plain HTTP for the OCI registry (loopback registries always do).")
    boolean plainHttp;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default: default).")
    String namespace;

    @Option(names = {"-f", "--values"}, paramLabel = "FILE", description = "Values file (repeatable).")
    List<Path> valueFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "K=V", description = "Set values (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--set-string", paramLabel = "K=V", description = "Set string values (repeatable).")
    List<String> setStrings = new ArrayList<>();

    @Option(names = "--set-json", paramLabel = "K=JSON", description = "Set JSON values (repeatable).")
    List<String> setJsons = new ArrayList<>();

    @Option(names = "--set-file", paramLabel = "K=PATH", description = "Set values from files (repeatable).")
    List<String> setFiles = new ArrayList<>();

    @Option(names = "--kube-version", paramLabel = "V", description = "Kubernetes version (default v1.35.0).")
    String kubeVersion;

    @Option(names = {"-a", "--api-versions"}, paramLabel = "V", description = "Extra API versions (repeatable).")
    List<String> apiVersions = new ArrayList<>();

    @Option(names = "--include-crds", description = "Include the chart's CRDs in the output.")
    boolean includeCrds;

    @Option(names = "--skip-tests", description = "Leave out test hooks.")
    boolean skipTests;

    @Option(names = "--skip-schema-validation", description = "Do not validate values against values.schema.json.")
    boolean skipSchemaValidation;

    /** Trust for --ca-file (only that bundle, as Helm) or --insecure-skip-tls-verify (nothing checked). */
    private SSLContext sslContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (insecureSkipTlsVerify) {
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        try (java.io.InputStream in = Files.newInputStream(caFile)) {
            for (java.security.cert.Certificate cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, cert);
            }
        } catch (java.security.cert.CertificateException e) {
            throw new InvalidInputException(caFile + ": not a PEM certificate bundle: " + e.getMessage());
        }
        if (i == 0) {
            throw new InvalidInputException(caFile + ": no certificates found");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Helm's default registry configuration file. */
    static Path defaultRegistryConfig() {
        String env = System.getenv("HELM_REGISTRY_CONFIG");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        String config = System.getenv("HELM_CONFIG_HOME");
        if (config == null || config.isEmpty()) {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            config = (xdg == null || xdg.isEmpty() ? System.getProperty("user.home") + "/.config" : xdg) + "/helm";
        }
        return Path.of(config, "registry", "config.json");
    }

    @Override
    public Integer call() throws Exception {
        HelmValues values = HelmValues.builder();
        for (Path f : valueFiles) {
            values.file(Files.readString(f), f.toString());
        }
        setJsons.forEach(values::setJson);
        sets.forEach(values::set);
        setStrings.forEach(values::setString);
        for (String s : setFiles) {
            values.setFile(s, p -> {
                try {
                    return Files.readString(Path.of(p));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        ChartRenderer.Builder rb = ChartRenderer.builder().skipSchemaValidation(skipSchemaValidation);
        if (kubeVersion != null) {
            rb.kubeVersion(kubeVersion);
        }
        apiVersions.forEach(rb::apiVersion);
        Chart c;
        if (repo != null || chart.startsWith("oci://")) {
            String v = version != null ? version : devel ? ">0.0.0-0" : "";
            ChartReference ref = repo != null && !chart.startsWith("oci://") ? ChartReference.of(repo, chart, v)
                    : ChartReference.oci(chart, v);
            if (username != null || password != null) {
                ref = ref.withAuth(RegistryAuth.always(new RegistryCredentials(username == null ? "" : username,
                        password == null ? "" : password)));
            } else if (ref.isOci()) {
                Path cfg = registryConfig != null ? registryConfig : defaultRegistryConfig();
                if (cfg != null && (registryConfig != null || Files.isRegularFile(cfg))) {
                    DockerConfig dc = DockerConfig.parse(Files.readAllBytes(cfg), cfg.toString());
                    ref = ref.withAuth(registry -> dc.credentials(registry).map(cr -> new RegistryCredentials(
                            cr.username(), cr.password())));
                }
            }
            ChartDownloader.Builder db = ChartDownloader.builder();
            if (caFile != null || insecureSkipTlsVerify) {
                Duration timeout = Duration.ofSeconds(30);
                db.transport(HttpTransport.jdk(HttpClient.newBuilder().connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER).sslContext(sslContext()).build(), timeout));
            }
            c = db.build().download(ref.withPassCredentials(passCredentials).withPlainHttp(plainHttp)).chart();
        } else {
            Path abs = Path.of(chart).toAbsolutePath().normalize();
            c = ChartLoader.load(FileSystem.onDisk(abs.getParent()), abs.getFileName().toString());
        }
        RenderRequest req = RenderRequest.of(release).withNamespace(namespace).withValues(values.build())
                .withIncludeCrds(includeCrds).withSkipTests(skipTests);
        spec.commandLine().getOut().print(rb.build().render(c, req).toHelmTemplateOutput());
        spec.commandLine().getOut().flush();
        return GitOpsCli.OK;
    }
}
