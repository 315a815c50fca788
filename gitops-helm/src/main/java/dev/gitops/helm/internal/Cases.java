package dev.gitops.helm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Case conversion (huandu/xstrings) and word wrapping (Masterminds/goutils) as Sprig uses them. */
final class Cases {

    private Cases() {
    }

    private static final Pattern WORD =
            Pattern.compile("\\p{Lu}+(?=\\p{Lu}\\p{Ll})|\\p{Lu}?\\p{Ll}+\\d*|\\p{Lu}+\\d*|\\d+\\p{Ll}*|\\p{L}+");

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String snake(String s) {
        return String.join("_", words(s)).toLowerCase(Locale.ROOT);
    }

    static String kebab(String s) {
        return String.join("-", words(s)).toLowerCase(Locale.ROOT);
    }

    static String camel(String s) {
        StringBuilder sb = new StringBuilder();
        for (String part : s.split("_", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int cp = part.codePointAt(0);
            sb.appendCodePoint(Character.toUpperCase(cp)).append(part.substring(Character.charCount(cp)));
        }
        return sb.toString();
    }

    /** goutils.WrapCustom. */
    static String wrap(String str, int wrapLength, String newLine, boolean wrapLongWords) {
        if (str.isEmpty()) {
            return "";
        }
        if (newLine.isEmpty()) {
            newLine = "\n";
        }
        if (wrapLength < 1) {
            wrapLength = 1;
        }
        int inputLineLength = str.length();
        int offset = 0;
        StringBuilder wrapped = new StringBuilder();
        while (inputLineLength - offset > wrapLength) {
            if (str.charAt(offset) == ' ') {
                offset++;
                continue;
            }
            int end = wrapLength + offset + 1;
            int spaceToWrapAt = str.substring(offset, Math.min(end, str.length())).lastIndexOf(' ') + offset;
            if (spaceToWrapAt >= offset) {
                wrapped.append(str, offset, spaceToWrapAt).append(newLine);
                offset = spaceToWrapAt + 1;
            } else if (wrapLongWords) {
                end = wrapLength + offset;
                wrapped.append(str, offset, end).append(newLine);
                offset += wrapLength;
            } else {
                end = wrapLength + offset;
                int index = str.substring(end).indexOf(' ');
                if (index == -1) {
                    wrapped.append(str.substring(offset));
                    offset = inputLineLength;
                } else {
                    spaceToWrapAt = index + end;
                    wrapped.append(str, offset, spaceToWrapAt).append(newLine);
                    offset = spaceToWrapAt + 1;
                }
            }
        }
        wrapped.append(str.substring(offset));
        return wrapped.toString();
    }
}
