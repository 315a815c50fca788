package dev.gitops.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** {@link GoJson#KEY_ORDER} is Go's string order: the order of the strings' UTF-8 bytes. */
class GoStringOrderProperties {

    @Property(tries = 2000)
    void keyOrderIsUtf8ByteOrder(@ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c')
            @CharRange(from = '\u00e0', to = '\u00e2') @CharRange(from = '\uff00', to = '\uff02') String x,
            @ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c')
            @CharRange(from = '\u00e0', to = '\u00e2') @CharRange(from = '\uff00', to = '\uff02') String y,
            @ForAll boolean emojiX, @ForAll boolean emojiY) {
        String a = emojiX ? x + "\uD83D\uDE00" + x : x; // U+1F600 sorts after U+FF00 in Go, before it in UTF-16
        String b = emojiY ? y + "\uD83D\uDE00" : y;
        int want = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        if (Integer.signum(GoJson.KEY_ORDER.compare(a, b)) != want) {
            throw new AssertionError(a + " vs " + b);
        }
    }
}
