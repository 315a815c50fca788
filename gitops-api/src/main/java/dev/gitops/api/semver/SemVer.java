package dev.gitops.api.semver;

import dev.gitops.api.semver.internal.GoStrings;
import java.util.Objects;
import java.util.Optional;

/**
 * A semantic version as Masterminds/semver v3 reads and orders it.
 *
 * <p><b>Why our own record and not java-semver's {@code Version}.</b> java-semver models versions with signed
 * {@code long} numbers (Masterminds and Go accept up to 2^64-1, and container tags such as
 * {@code 20221209.0.0} or calendar versions push towards that range), rejects the loose forms Flux and Helm
 * accept ({@code v1.2}, {@code 1.2-beta.5}, leading zeros) and orders prerelease identifiers that are numbers
 * above 2^64-1 differently. Precedence is the heart of image policies, so the numbers are kept here as unsigned
 * 64-bit values (compare with {@link Long#compareUnsigned}, print with {@link Long#toUnsignedString}) and the
 * comparison is Masterminds' {@code Compare}. {@link #toJavaSemver()} and {@link #fromJavaSemver} convert to and
 * from java-semver where the values fit, for code that already speaks it.
 *
 * <p>Parsing: {@link #parse(String)} is Masterminds' {@code NewVersion} (the default used by Flux and Helm:
 * optional {@code v}, 1 to 3 numbers with the missing ones read as 0, leading zeros in numbers allowed, metadata
 * kept but ignored for precedence). {@link #parseStrict(String)} is {@code StrictNewVersion}.
 *
 * <p>Ordering ({@link #compareTo}) is SemVer 2.0 precedence: numbers, then a version without prerelease above
 * one with, then prerelease identifiers left to right (numeric below alphanumeric, numbers numerically, a shorter
 * list below a longer one with the same prefix). Build metadata and {@link #original()} are ignored, so the
 * natural ordering is consistent with equality ignoring those two (not with {@link #equals}, which compares all
 * components, like {@link java.math.BigDecimal}).
 *
 * @param major the major number, an unsigned 64-bit value
 * @param minor the minor number, an unsigned 64-bit value
 * @param patch the patch number, an unsigned 64-bit value
 * @param prerelease the prerelease without its {@code -}, {@code ""} for none; dot-separated identifiers of
 *     {@code [0-9A-Za-z-]}, numeric ones without leading zeros
 * @param metadata the build metadata without its {@code +}, {@code ""} for none
 * @param original the text the version was parsed from ({@link #toString()} for constructed versions)
 */
public record SemVer(long major, long minor, long patch, String prerelease, String metadata, String original)
        implements Comparable<SemVer> {

    /** Which of Masterminds' parsers to follow. */
    public enum Mode {
        /** {@code StrictNewVersion}: exactly {@code MAJOR.MINOR.PATCH[-PRE][+META]}, no {@code v}, no leading zeros. */
        STRICT,
        /** {@code NewVersion} (default, {@code CoerceNewVersion=true}): {@code v}, partial and zero-padded numbers. */
        LOOSE,
        /** {@code NewVersion} with {@code CoerceNewVersion=false}: loose, but leading zeros in numbers rejected. */
        LOOSE_NO_LEADING_ZEROS
    }

    /** Validates prerelease and metadata as Masterminds does. */
    public SemVer {
        Objects.requireNonNull(prerelease, "prerelease");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(original, "original");
        if (!prerelease.isEmpty()) {
            SemVerException.Kind k = validatePrerelease(prerelease);
            if (k != null) {
                throw new SemVerException(k, k.goMessage() + ": " + GoStrings.quote(prerelease));
            }
        }
        if (!metadata.isEmpty() && !validMetadata(metadata)) {
            throw new SemVerException(SemVerException.Kind.INVALID_METADATA,
                    SemVerException.Kind.INVALID_METADATA.goMessage() + ": " + GoStrings.quote(metadata));
        }
    }

    /** A release version {@code major.minor.patch} (numbers read as unsigned). */
    public static SemVer of(long major, long minor, long patch) {
        return of(major, minor, patch, "", "");
    }

    /** A version from its parts; {@link #original()} is its {@link #toString()}. */
    public static SemVer of(long major, long minor, long patch, String prerelease, String metadata) {
        return new SemVer(major, minor, patch, prerelease, metadata,
                format(major, minor, patch, prerelease, metadata));
    }

    /**
     * Parses loosely, as Masterminds' {@code NewVersion} (the parser Flux and Helm use).
     *
     * @throws SemVerException when Masterminds would reject the text
     */
    public static SemVer parse(String text) {
        return parse(text, Mode.LOOSE);
    }

    /**
     * Parses strictly, as Masterminds' {@code StrictNewVersion}.
     *
     * @throws SemVerException when Masterminds would reject the text
     */
    public static SemVer parseStrict(String text) {
        return parse(text, Mode.STRICT);
    }

    /**
     * Parses with the given parser.
     *
     * @throws SemVerException when Masterminds would reject the text
     */
    public static SemVer parse(String text, Mode mode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        Object r = mode == Mode.STRICT ? strict(text) : loose(text, mode == Mode.LOOSE);
        if (r instanceof SemVer v) {
            return v;
        }
        SemVerException.Kind k = (SemVerException.Kind) r;
        throw new SemVerException(k, k.goMessage() + ": " + GoStrings.quote(text));
    }

    /** Parses loosely, or empty when Masterminds' {@code NewVersion} would reject the text. Never throws. */
    public static Optional<SemVer> tryParse(String text) {
        Object r = loose(Objects.requireNonNull(text, "text"), true);
        return r instanceof SemVer v ? Optional.of(v) : Optional.empty();
    }

    /** Parses with the given parser, or empty when it would reject the text. Never throws. */
    public static Optional<SemVer> tryParse(String text, Mode mode) {
        Objects.requireNonNull(text, "text");
        Object r = mode == Mode.STRICT ? strict(text) : loose(text, mode == Mode.LOOSE);
        return r instanceof SemVer v ? Optional.of(v) : Optional.empty();
    }

    /** Whether the version has a prerelease part. */
    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** {@code "v"} when the original text started with a {@code v}, else {@code ""}. */
    public String originalVPrefix() {
        return original.startsWith("v") ? "v" : "";
    }

    /** The next major version ({@code IncMajor}): minor, patch, prerelease and metadata cleared. */
    public SemVer incMajor() {
        if (major == -1L) {
            throw new ArithmeticException("major version increment would overflow uint64");
        }
        return derived(major + 1, 0, 0, "", "");
    }

    /** The next minor version ({@code IncMinor}): patch, prerelease and metadata cleared. */
    public SemVer incMinor() {
        if (minor == -1L) {
            throw new ArithmeticException("minor version increment would overflow uint64");
        }
        return derived(major, minor + 1, 0, "", "");
    }

    /**
     * The next patch version ({@code IncPatch}): a prerelease version becomes its release, a release gets
     * patch + 1; metadata is cleared either way.
     */
    public SemVer incPatch() {
        if (isPrerelease()) {
            return derived(major, minor, patch, "", "");
        }
        if (patch == -1L) {
            throw new ArithmeticException("patch version increment would overflow uint64");
        }
        return derived(major, minor, patch + 1, "", "");
    }

    /**
     * The same version with another prerelease ({@code ""} removes it).
     *
     * @throws SemVerException when the prerelease is not valid
     */
    public SemVer withPrerelease(String newPrerelease) {
        return derived(major, minor, patch, newPrerelease, metadata);
    }

    /**
     * The same version with other build metadata ({@code ""} removes it).
     *
     * @throws SemVerException when the metadata is not valid
     */
    public SemVer withMetadata(String newMetadata) {
        return derived(major, minor, patch, prerelease, newMetadata);
    }

    private SemVer derived(long ma, long mi, long pa, String pre, String meta) {
        return new SemVer(ma, mi, pa, pre, meta, originalVPrefix() + format(ma, mi, pa, pre, meta));
    }

    /**
     * This version as a java-semver {@code Version}, when its numbers fit in a signed long.
     *
     * @throws ArithmeticException when a number is above {@link Long#MAX_VALUE}
     */
    public com.github.zafarkhaja.semver.Version toJavaSemver() {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new ArithmeticException("version " + this + " does not fit java-semver's signed numbers");
        }
        return com.github.zafarkhaja.semver.Version.of(major, minor, patch,
                prerelease.isEmpty() ? null : prerelease, metadata.isEmpty() ? null : metadata);
    }

    /** A java-semver {@code Version} as a {@code SemVer}. */
    public static SemVer fromJavaSemver(com.github.zafarkhaja.semver.Version v) {
        return of(v.majorVersion(), v.minorVersion(), v.patchVersion(), v.preReleaseVersion().orElse(""),
                v.buildMetadata().orElse(""));
    }

    /** Masterminds' {@code Compare}: SemVer precedence, metadata ignored. */
    @Override
    public int compareTo(SemVer o) {
        int d = Long.compareUnsigned(major, o.major);
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        d = Long.compareUnsigned(minor, o.minor);
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        d = Long.compareUnsigned(patch, o.patch);
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        String ps = prerelease;
        String po = o.prerelease;
        if (ps.isEmpty() && po.isEmpty()) {
            return 0;
        }
        if (ps.isEmpty()) {
            return 1;
        }
        if (po.isEmpty()) {
            return -1;
        }
        return comparePrerelease(ps, po);
    }

    /** Whether the two versions have the same precedence (equal ignoring metadata and original text). */
    public boolean precedenceEquals(SemVer o) {
        return compareTo(o) == 0;
    }

    /** The normal form, as Masterminds' {@code String()}: no {@code v}, all three numbers, prerelease, metadata. */
    @Override
    public String toString() {
        return format(major, minor, patch, prerelease, metadata);
    }

    private static String format(long ma, long mi, long pa, String pre, String meta) {
        StringBuilder sb = new StringBuilder(24);
        sb.append(Long.toUnsignedString(ma)).append('.').append(Long.toUnsignedString(mi)).append('.')
                .append(Long.toUnsignedString(pa));
        if (!pre.isEmpty()) {
            sb.append('-').append(pre);
        }
        if (!meta.isEmpty()) {
            sb.append('+').append(meta);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- comparison helpers

    static int comparePrerelease(String v, String o) {
        int si = 0;
        int oi = 0;
        int sl = v.length();
        int ol = o.length();
        // walk both dot-separated lists; a missing part is ""
        while (si <= sl || oi <= ol) {
            int se = si > sl ? si : indexOrEnd(v, si);
            int oe = oi > ol ? oi : indexOrEnd(o, oi);
            String sp = si > sl ? "" : v.substring(si, se);
            String op = oi > ol ? "" : o.substring(oi, oe);
            int d = comparePrePart(sp, op);
            if (d != 0) {
                return d;
            }
            si = se + 1;
            oi = oe + 1;
        }
        return 0;
    }

    private static int indexOrEnd(String s, int from) {
        int i = s.indexOf('.', from);
        return i < 0 ? s.length() : i;
    }

    private static int comparePrePart(String s, String o) {
        if (s.equals(o)) {
            return 0;
        }
        if (s.isEmpty()) {
            return -1;
        }
        if (o.isEmpty()) {
            return 1;
        }
        boolean[] of = new boolean[1];
        boolean on = GoStrings.isAsciiDigits(o);
        long ov = on ? GoStrings.parseUint64(o, of) : 0;
        on = on && !of[0];
        boolean sn = GoStrings.isAsciiDigits(s);
        long sv = sn ? GoStrings.parseUint64(s, of) : 0;
        sn = sn && !of[0];
        if (!on && !sn) {
            return s.compareTo(o) > 0 ? 1 : -1;
        } else if (!on) {
            return -1;
        } else if (!sn) {
            return 1;
        }
        return Long.compareUnsigned(sv, ov) > 0 ? 1 : -1;
    }

    // ---------------------------------------------------------------- parsers

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean containsOnlyAllowed(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAllowed(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Masterminds' validatePrerelease: null when valid, else the error kind. */
    static SemVerException.Kind validatePrerelease(String p) {
        int from = 0;
        int n = p.length();
        while (from <= n) {
            int to = indexOrEnd(p, from);
            if (to == from) {
                return SemVerException.Kind.INVALID_PRERELEASE;
            }
            boolean digits = true;
            for (int i = from; i < to; i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    digits = false;
                    break;
                }
            }
            if (digits) {
                if (to - from > 1 && p.charAt(from) == '0') {
                    return SemVerException.Kind.SEGMENT_STARTS_ZERO;
                }
            } else if (!containsOnlyAllowed(p, from, to)) {
                return SemVerException.Kind.INVALID_PRERELEASE;
            }
            from = to + 1;
        }
        return null;
    }

    /** Masterminds' validateMetadata. */
    static boolean validMetadata(String m) {
        int from = 0;
        int n = m.length();
        while (from <= n) {
            int to = indexOrEnd(m, from);
            if (to == from || !containsOnlyAllowed(m, from, to)) {
                return false;
            }
            from = to + 1;
        }
        return true;
    }

    /** Masterminds' validatePrerelease as an API-facing check: empty when valid, else the reason. */
    static Optional<SemVerException.Kind> checkPrerelease(String p) {
        return Optional.ofNullable(validatePrerelease(p));
    }

    /** StrictNewVersion: returns a SemVer or a Kind. */
    private static Object strict(String v) {
        if (v.isEmpty()) {
            return SemVerException.Kind.EMPTY;
        }
        int d1 = v.indexOf('.');
        int d2 = d1 < 0 ? -1 : v.indexOf('.', d1 + 1);
        if (d2 < 0) {
            return SemVerException.Kind.INVALID_SEMVER;
        }
        String p0 = v.substring(0, d1);
        String p1 = v.substring(d1 + 1, d2);
        String p2 = v.substring(d2 + 1);
        String meta = "";
        String pre = "";
        int plus = p2.indexOf('+');
        if (plus >= 0) {
            meta = p2.substring(plus + 1);
            p2 = p2.substring(0, plus);
            if (!validMetadata(meta)) {
                return SemVerException.Kind.INVALID_METADATA;
            }
        }
        int dash = p2.indexOf('-');
        if (dash >= 0) {
            pre = p2.substring(dash + 1);
            p2 = p2.substring(0, dash);
            SemVerException.Kind k = validatePrerelease(pre);
            if (k != null) {
                return k;
            }
        }
        for (String p : new String[] {p0, p1, p2}) {
            if (!p.isEmpty() && !GoStrings.isAsciiDigits(p)) {
                return SemVerException.Kind.INVALID_CHARACTERS;
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return SemVerException.Kind.SEGMENT_STARTS_ZERO;
            }
        }
        long[] nums = new long[3];
        String[] parts = {p0, p1, p2};
        boolean[] of = new boolean[1];
        for (int i = 0; i < 3; i++) {
            if (parts[i].isEmpty()) {
                return SemVerException.Kind.INVALID_NUMBER;
            }
            nums[i] = GoStrings.parseUint64(parts[i], of);
            if (of[0]) {
                return SemVerException.Kind.INVALID_NUMBER;
            }
        }
        return new SemVer(nums[0], nums[1], nums[2], pre, meta, v);
    }

    /**
     * NewVersion. The structure is Masterminds' looseSemVerRegex
     * {@code v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(ID(\.ID)*))?(\+(ID(\.ID)*))?} with {@code ID = [0-9A-Za-z-]+},
     * matched by hand (the regex is deterministic, so a greedy scan gives the same groups). With
     * {@code coerce=false} the stricter versionRegex applies, with validateVersion's detailed errors.
     */
    private static Object loose(String v, boolean coerce) {
        int n = v.length();
        int i = 0;
        if (i < n && v.charAt(i) == 'v') {
            i++;
        }
        int[] numStart = new int[3];
        int[] numEnd = new int[3];
        int count = 0;
        int s = i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        if (i == s) {
            return SemVerException.Kind.INVALID_SEMVER;
        }
        numStart[0] = s;
        numEnd[0] = i;
        count = 1;
        while (count < 3 && i < n && v.charAt(i) == '.') {
            int t = i + 1;
            int e = t;
            while (e < n && isDigit(v.charAt(e))) {
                e++;
            }
            if (e == t) {
                break; // "." not followed by digits: the optional group does not match
            }
            numStart[count] = t;
            numEnd[count] = e;
            count++;
            i = e;
        }
        String pre = "";
        String meta = "";
        if (i < n && v.charAt(i) == '-') {
            int t = i + 1;
            int e = t;
            while (e < n && v.charAt(e) != '+') {
                e++;
            }
            if (!dottedIdentifiers(v, t, e)) {
                return SemVerException.Kind.INVALID_SEMVER;
            }
            pre = v.substring(t, e);
            i = e;
        }
        if (i < n && v.charAt(i) == '+') {
            int t = i + 1;
            if (!dottedIdentifiers(v, t, n)) {
                return SemVerException.Kind.INVALID_SEMVER;
            }
            meta = v.substring(t);
            i = n;
        }
        if (i != n) {
            return SemVerException.Kind.INVALID_SEMVER;
        }
        long major = 0;
        long minor = 0;
        long patch = 0;
        for (int k = 0; k < count; k++) {
            int from = numStart[k];
            int to = numEnd[k];
            if (!coerce && to - from > 1 && v.charAt(from) == '0') {
                return SemVerException.Kind.SEGMENT_STARTS_ZERO;
            }
            if (!fitsUint64(v, from, to)) {
                return SemVerException.Kind.INVALID_NUMBER;
            }
            long num = digits(v, from, to);
            if (k == 0) {
                major = num;
            } else if (k == 1) {
                minor = num;
            } else {
                patch = num;
            }
        }
        if (!pre.isEmpty()) {
            SemVerException.Kind k = validatePrerelease(pre);
            if (k != null) {
                return k;
            }
        }
        return new SemVer(major, minor, patch, pre, meta, v);
    }

    /** Whether the ASCII digits {@code s[from, to)} are at most 2^64-1. */
    private static boolean fitsUint64(String s, int from, int to) {
        while (from < to - 1 && s.charAt(from) == '0') {
            from++;
        }
        int len = to - from;
        if (len < 20) {
            return true;
        }
        if (len > 20) {
            return false;
        }
        return s.regionMatches(from, "18446744073709551615", 0, 20)
                || s.substring(from, to).compareTo("18446744073709551615") <= 0;
    }

    /** The unsigned value of ASCII digits known to fit in 64 bits. */
    private static long digits(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*} over {@code s[from, to)}. */
    private static boolean dottedIdentifiers(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean prevDot = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (prevDot) {
                    return false;
                }
                prevDot = true;
            } else if (isAllowed(c)) {
                prevDot = false;
            } else {
                return false;
            }
        }
        return !prevDot;
    }
}
