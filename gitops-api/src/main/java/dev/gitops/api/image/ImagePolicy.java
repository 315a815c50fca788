package dev.gitops.api.image;

import dev.gitops.api.image.internal.GoFloat;
import dev.gitops.api.semver.Constraint;
import dev.gitops.api.semver.SemVer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Selects the latest tag of an image as a Flux ImagePolicy does (fluxcd/image-reflector-controller): the
 * optional {@link TagFilter} first, then the {@link TagPolicy} over the kept candidates, and the selected
 * candidate mapped back to its original tag.
 *
 * <p>Where Flux iterates a Go map (filtered candidates), this class keeps the order in which candidates first
 * appear, so that ties resolve deterministically.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class ImagePolicy {

    /** Flux's message for an empty tag list. */
    public static final String EMPTY_LIST = "version list argument cannot be empty";
    /** Flux's message when no tag satisfies a semver range. */
    public static final String NO_SEMVER_MATCH = "unable to determine latest version from provided list";

    private final TagPolicy policy;
    private final Optional<TagFilter> filter;

    private ImagePolicy(TagPolicy policy, Optional<TagFilter> filter) {
        this.policy = policy;
        this.filter = filter;
    }

    /** A builder; {@link Builder#policy} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ordering policy. */
    public TagPolicy policy() {
        return policy;
    }

    /** The tag filter, if any. */
    public Optional<TagFilter> filter() {
        return filter;
    }

    /**
     * Selects the latest tag.
     *
     * @throws dev.gitops.api.error.InvalidInputException when the filter pattern would need exponential
     *     backtracking on a tag (java.util.regex backtracks where Go's RE2 does not; searches are bounded instead of
     *     hanging, and such patterns, say {@code (.*a){8}$}, are reported)
     */
    public Selection select(List<String> tags) {
        Objects.requireNonNull(tags, "tags");
        if (filter.isEmpty()) {
            return latest(tags);
        }
        TagFilter f = filter.get();
        Map<String, String> byCandidate = new LinkedHashMap<>();
        Matcher m = f.newMatcher();
        for (String tag : tags) {
            String c = f.candidate(tag, m);
            if (c != null) {
                byCandidate.put(c, tag);
            }
        }
        Selection s = latest(new ArrayList<>(byCandidate.keySet()));
        if (s instanceof Selection.Selected sel) {
            return new Selection.Selected(byCandidate.get(sel.latest()));
        }
        return s;
    }

    private Selection latest(List<String> tags) {
        if (tags.isEmpty()) {
            return new Selection.NotSelected(EMPTY_LIST);
        }
        if (policy instanceof TagPolicy.SemVerPolicy sp) {
            return semver(sp.range(), tags);
        } else if (policy instanceof TagPolicy.Alphabetical a) {
            String best = tags.get(0);
            for (String t : tags) {
                int d = compareBytes(t, best);
                if (a.order() == TagPolicy.Order.ASC ? d > 0 : d < 0) {
                    best = t;
                }
            }
            return new Selection.Selected(best);
        } else {
            TagPolicy.Numerical n = (TagPolicy.Numerical) policy;
            String latest = null;
            double pv = 0;
            for (int i = 0; i < tags.size(); i++) {
                String t = tags.get(i);
                Double cv = GoFloat.parse(t);
                if (cv == null) {
                    return new Selection.NotSelected("failed to parse invalid numeric value '" + t + "'");
                }
                if (i != 0 && ((n.order() == TagPolicy.Order.ASC && cv < pv)
                        || (n.order() == TagPolicy.Order.DESC && cv > pv))) {
                    continue;
                }
                latest = t;
                pv = cv;
            }
            return new Selection.Selected(latest);
        }
    }

    private static Selection semver(Constraint range, List<String> tags) {
        SemVer best = null;
        for (String tag : tags) {
            int d1 = tag.indexOf('.');
            if (d1 < 0 || tag.indexOf('.', d1 + 1) < 0) {
                continue;
            }
            Optional<SemVer> v = SemVer.tryParse(tag);
            if (v.isPresent() && range.matches(v.get()) && (best == null || v.get().compareTo(best) > 0)) {
                best = v.get();
            }
        }
        return best == null ? new Selection.NotSelected(NO_SEMVER_MATCH) : new Selection.Selected(best.original());
    }

    /** Go's string order (UTF-8 bytes, i.e. code points). */
    static int compareBytes(String a, String b) {
        return dev.gitops.api.json.GoJson.KEY_ORDER.compare(a, b);
    }

    @Override
    public String toString() {
        return "ImagePolicy{policy=" + policy + filter.map(f -> ", filter=" + f).orElse("") + "}";
    }

    /** Builds an {@link ImagePolicy}. */
    public static final class Builder {
        private TagPolicy policy;
        private TagFilter filter;

        private Builder() {}

        /** The ordering policy (required). */
        public Builder policy(TagPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** A tag filter ({@code spec.filterTags}). */
        public Builder filter(TagFilter f) {
            this.filter = Objects.requireNonNull(f, "filter");
            return this;
        }

        /** The policy; fails when no ordering policy was set. */
        public ImagePolicy build() {
            if (policy == null) {
                throw new IllegalStateException("an ImagePolicy needs a policy (semver, alphabetical or numerical)");
            }
            return new ImagePolicy(policy, Optional.ofNullable(filter));
        }
    }
}
