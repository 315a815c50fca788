package dev.gitops.api.policy;

import dev.gitops.api.fs.FileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Helpers for the fixture repositories under {@code src/test/resources/policy/}. */
final class PolicyFixtures {

    private PolicyFixtures() {}

    static Path root() {
        try {
            return Path.of(PolicyFixtures.class.getResource("/policy").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FileSystem repo(String relative) {
        return FileSystem.onDisk(root().resolve(relative));
    }

    /** A finding as the fixtures' expected.txt lists it: {@code rule-id file:line pointer}. */
    static String line(Finding f) {
        Location l = f.location();
        String where = l.file().isEmpty() ? l.resource().map(Object::toString).orElse("-") : l.file();
        return f.ruleId() + " " + where + (l.line() > 0 ? ":" + l.line() : "")
                + (l.pointer().isEmpty() ? "" : " " + l.pointer());
    }

    static List<String> lines(List<Finding> findings) {
        return findings.stream().map(PolicyFixtures::line).collect(Collectors.toList());
    }

    /** The non-empty, non-comment lines of a file, or empty when it does not exist. */
    static Optional<List<String>> readLines(Path p) {
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String s : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!s.isBlank() && !s.startsWith("#")) {
                    out.add(s.strip());
                }
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's policy file, with {@code ruleId} switched on whatever the file says. */
    static PolicyConfig configEnabling(FileSystem fs, String ruleId) {
        PolicyConfig c = PolicyConfig.load(fs);
        Map<String, PolicyConfig.RuleConfig> rules = new HashMap<>(c.rules());
        PolicyConfig.RuleConfig rc = rules.get(ruleId);
        rules.put(ruleId, new PolicyConfig.RuleConfig(Optional.of(true),
                rc == null ? Optional.empty() : rc.severity(), rc == null ? Map.of() : rc.options(),
                rc == null ? dev.gitops.api.error.Origin.of("test") : rc.origin()));
        return new PolicyConfig(c.ruleSets(), rules, c.exemptions(), c.file());
    }
}
