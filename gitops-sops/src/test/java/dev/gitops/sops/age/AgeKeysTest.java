package dev.gitops.sops.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class AgeKeysTest {

    private static final String RECIPIENT = X25519Identity.generate(new java.security.SecureRandom()).recipient().encode();

    @Test
    void recipientsFileSkipsCommentsBlankLinesAndCarriageReturns() {
        var recipients = AgeKeys.parseRecipients("# team\r\n\r\n" + RECIPIENT + "\r\n", "recipients.txt");
        assertEquals(1, recipients.size());
        assertEquals(RECIPIENT, recipients.get(0).toString());
    }

    @Test
    void malformedRecipientNamesFileAndLine() {
        var e = assertThrows(InvalidInputException.class,
                () -> AgeKeys.parseRecipients("# ok\n" + RECIPIENT + "\nage1notakey\n", "recipients.txt"));
        assertTrue(e.getMessage().contains("recipients.txt:3"), e.getMessage());
    }

    @Test
    void unsupportedRecipientNamesFileAndLine() {
        var e = assertThrows(AgeException.Unsupported.class,
                () -> AgeKeys.parseRecipients(RECIPIENT + "\nssh-ed25519 AAAAC3Nza user@host\n", "recipients.txt"));
        assertTrue(e.getMessage().startsWith("recipients.txt:2: "), e.getMessage());
    }

    @Test
    void emptyFilesAreErrors() {
        assertThrows(InvalidInputException.class, () -> AgeKeys.parseRecipients("# nothing\n", "r.txt"));
        assertThrows(InvalidInputException.class, () -> AgeKeys.parseIdentities("\n\n", "keys.txt"));
    }
}
