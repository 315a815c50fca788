package dev.gitops.sops.age;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One recipient stanza of an age header: {@code -> type arg...} followed by a body.
 *
 * @param type the stanza type, for example {@code X25519} or {@code scrypt}
 * @param args the arguments after the type
 * @param body the decoded body bytes (defensively copied)
 */
public record Stanza(String type, List<String> args, byte[] body) {

    /** Validates that type and arguments are non-empty strings of printable ASCII (0x21-0x7E). */
    public Stanza {
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
        body = body.clone();
        if (!isValidArg(type)) {
            throw new AgeException.Malformed(AgeException.Layer.HEADER, "invalid stanza type");
        }
        for (String a : args) {
            if (!isValidArg(a)) {
                throw new AgeException.Malformed(AgeException.Layer.HEADER, "invalid stanza argument");
            }
        }
    }

    /** The body (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** True if {@code s} is non-empty and made of VCHAR (0x21-0x7E) only. */
    public static boolean isValidArg(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza s && s.type.equals(type) && s.args.equals(args) && Arrays.equals(s.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, args, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Stanza[" + type + " " + String.join(" ", args) + ", body=" + body.length + " bytes]";
    }
}
