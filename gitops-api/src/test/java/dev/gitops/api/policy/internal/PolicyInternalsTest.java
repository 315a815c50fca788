package dev.gitops.api.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyInternalsTest {

    @Test
    void globs() {
        assertTrue(Glob.of("apps/**").matches("apps/a/b/c.yaml"));
        assertTrue(Glob.of("apps/**/x.yaml").matches("apps/x.yaml"));
        assertTrue(Glob.of("apps/**/x.yaml").matches("apps/a/b/x.yaml"));
        assertFalse(Glob.of("apps/*.yaml").matches("apps/a/x.yaml"));
        assertTrue(Glob.of("apps/*.yaml").matches("apps/x.yaml"));
        assertTrue(Glob.of("apps/legacy").matches("apps/legacy/x.yaml"), "a directory names its contents");
        assertTrue(Glob.of("apps/legacy/").matches("apps/legacy"));
        assertFalse(Glob.of("apps/legacy").matches("apps/legacy2/x.yaml"));
        assertTrue(Glob.of("Deployment/shop/*").matches("Deployment/shop/web"));
        assertFalse(Glob.of("Deployment/shop/*").matches("Deployment/shops/web"));
        assertTrue(Glob.of("*/shop/web-?").matches("Service/shop/web-1"));
        assertFalse(Glob.of("a.b").matches("aXb"), "dots are literal");
    }

    @Test
    void goDurations() {
        assertEquals(Optional.of(new BigDecimal("60000000000")), GoDuration.parseNanos("1m"));
        assertEquals(Optional.of(new BigDecimal("90000000000")), GoDuration.parseNanos("1m30s"));
        assertEquals(Optional.of(new BigDecimal("5400000000000")), GoDuration.parseNanos("1.5h"));
        assertEquals(Optional.of(new BigDecimal("500000000")), GoDuration.parseNanos("500ms"));
        assertEquals(Optional.of(BigDecimal.ZERO), GoDuration.parseNanos("0"));
        assertEquals(Optional.of(new BigDecimal("-1000")), GoDuration.parseNanos("-1us"));
        assertEquals(Optional.of(new BigDecimal("1000")), GoDuration.parseNanos("1\u00b5s"));
        for (String bad : new String[] {"", "1", "10 m", "1d", "m", "ten minutes", "1m 30s", "+", "-"}) {
            assertEquals(Optional.empty(), GoDuration.parseNanos(bad), bad);
        }
    }

    @Test
    void secretHeuristics() {
        for (String n : new String[] {"DB_PASSWORD", "GITHUB_TOKEN", "API_KEY", "password", "AWS_SECRET_ACCESS_KEY",
            "Slack_Token", "SMTP_PASSWD", "GCP_CREDENTIALS"}) {
            assertTrue(SecretHeuristics.secretEnvName(n), n);
        }
        for (String n : new String[] {"PASSWORD_FILE", "TOKEN_URL", "LOG_LEVEL", "SECRET_NAME", "KEY"}) {
            assertFalse(SecretHeuristics.secretEnvName(n), n);
        }
        for (String k : new String[] {"password", "adminPassword", "api-key", "jwtSecret", "client_secret",
            "accessKey", "privateKey", "token"}) {
            assertTrue(SecretHeuristics.secretKey(k), k);
        }
        for (String k : new String[] {"existingSecret", "secretName", "tokenEnabled", "passwordKey", "enabled"}) {
            assertFalse(SecretHeuristics.secretKey(k), k);
        }
        assertTrue(SecretHeuristics.urlWithPassword("postgres://app:pw@db/app"));
        assertTrue(SecretHeuristics.urlWithPassword("see redis://:pw@cache:6379"));
        assertFalse(SecretHeuristics.urlWithPassword("postgres://app@db:5432/app"));
        assertFalse(SecretHeuristics.urlWithPassword("postgres://app:${DB_PASSWORD}@db/app"));
        assertFalse(SecretHeuristics.urlWithPassword("https://example.com:8443/path"));
        assertFalse(SecretHeuristics.inlineCredential("${TOKEN}"));
        assertFalse(SecretHeuristics.inlineCredential("$(TOKEN)"));
        assertFalse(SecretHeuristics.inlineCredential("{{ .Values.x }}"));
        assertTrue(SecretHeuristics.inlineCredential("hunter2"));
        assertTrue(SecretHeuristics.namesASecret("tlsSecret", "web-tls"));
        assertTrue(SecretHeuristics.namesASecret("TLS_SECRET", "shop.web-tls"));
        assertFalse(SecretHeuristics.namesASecret("clientSecret", "web-tls"));
        assertFalse(SecretHeuristics.namesASecret("jwtSecret", "hunter2"));
        assertFalse(SecretHeuristics.namesASecret("password", "web-tls"));
        assertFalse(SecretHeuristics.namesASecret("tlsSecret", "Web-TLS"));
    }

    @Test
    void labelSelectors() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, String> labels = Map.of("app", "web", "tier", "front");
        assertTrue(LabelSelectors.matches(m.readTree("{}"), labels));
        assertFalse(LabelSelectors.matches(null, labels));
        assertTrue(LabelSelectors.matches(m.readTree("{\"matchLabels\":{\"app\":\"web\"}}"), labels));
        assertFalse(LabelSelectors.matches(m.readTree("{\"matchLabels\":{\"app\":\"api\"}}"), labels));
        JsonNode expr = m.readTree("{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\","
                + "\"values\":[\"back\"]},{\"key\":\"team\",\"operator\":\"DoesNotExist\"}]}");
        assertTrue(LabelSelectors.matches(expr, labels));
        assertFalse(LabelSelectors.matches(m.readTree("{\"matchExpressions\":[{\"key\":\"app\",\"operator\":"
                + "\"Exists\"},{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"back\"]}]}"), labels));
    }

    @Test
    void sarifUrisArePercentEncodedRelativeReferences() {
        assertEquals("apps/my%20app/deploy.yaml", ReportWriters.uri("apps/my app/deploy.yaml"));
        assertEquals("apps/web.yaml", ReportWriters.uri("apps/web.yaml"));
    }
}
