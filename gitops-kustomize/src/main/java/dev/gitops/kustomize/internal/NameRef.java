package dev.gitops.kustomize.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * kustomize's name reference transformer: after renames (prefix, suffix, hash, patches), fields that name another
 * resource are updated to its new name. Candidates are indexed by previous name so the cost stays linear.
 */
final class NameRef {

    private NameRef() {}

    /** Fewer jobs than this run on one thread. */
    private static final int PARALLEL_MIN_JOBS = 256;

    /** One referrer field spec applied to one referrer: the unit of kustomize's loops, numbered in their order. */
    private record Job(int seq, int referrer, TConfig.NameBackRef backRef, FieldSpec spec) {}

    /** A {@code refBy} annotation to append, kept back so that referrers can be updated in parallel. */
    private record RefBy(int seq, Res referral, RId referrer) {}

    /**
     * Updates the name references of every resource. With {@code parallel}, referrers are updated concurrently
     * when that cannot change anything: each referrer's jobs run in kustomize's order, a job reads only the
     * identities (kind, names, namespaces, build annotations) of candidates and writes only its referrer's
     * reference fields, the {@code refBy} annotations are appended afterwards in kustomize's order, and the error
     * reported is the one kustomize's order meets first. Field specs that write into {@code metadata}, the kind or
     * the apiVersion (custom configurations may) keep the whole transformer sequential.
     */
    static void fix(ResMap m, TConfig config, boolean parallel) {
        List<Res> all = m.list();
        // index: previous name -> resources having it among their previous ids
        Map<String, List<Res>> byPrevName = new HashMap<>();
        for (Res r : all) {
            Set<String> seen = new HashSet<>();
            for (RId p : r.prevIds()) {
                if (seen.add(p.name())) {
                    byPrevName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<RId> orgIds = new ArrayList<>(all.size());
        Map<String, List<Integer>> byOrgKind = new HashMap<>();
        List<Integer> everyone = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            RId org = all.get(i).orgId();
            orgIds.add(org);
            byOrgKind.computeIfAbsent(org.gvk().kind(), k -> new ArrayList<>()).add(i);
            everyone.add(i);
        }
        List<Job> jobs = new ArrayList<>();
        boolean independent = true;
        for (TConfig.NameBackRef br : config.nameReference) {
            for (FieldSpec fs : br.referrers()) {
                List<Integer> candidates = fs.gvk().kind().isEmpty() ? everyone
                        : byOrgKind.getOrDefault(fs.gvk().kind(), List.of());
                for (int i : candidates) {
                    if (orgIds.get(i).gvk().isSelected(fs.gvk())) {
                        jobs.add(new Job(jobs.size(), i, br, fs));
                        independent &= !touchesIdentity(fs.path());
                    }
                }
            }
        }
        if (!parallel || !independent || jobs.size() < PARALLEL_MIN_JOBS) {
            for (Job j : jobs) {
                run(j, all, byPrevName, m, (referral, id) -> referral.appendRefBy(id));
            }
            return;
        }
        List<List<Job>> byReferrer = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            byReferrer.add(new ArrayList<>());
        }
        for (Job j : jobs) {
            byReferrer.get(j.referrer()).add(j);
        }
        @SuppressWarnings("unchecked")
        List<RefBy>[] refBys = new List[all.size()];
        Job[] failedJob = new Job[all.size()];
        RuntimeException[] failure = new RuntimeException[all.size()];
        java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> {
            List<RefBy> out = new ArrayList<>();
            refBys[i] = out;
            for (Job j : byReferrer.get(i)) {
                try {
                    run(j, all, byPrevName, m, (referral, id) -> out.add(new RefBy(j.seq(), referral, id)));
                } catch (RuntimeException e) {
                    failedJob[i] = j;
                    failure[i] = e;
                    return;
                }
            }
        });
        int first = -1;
        for (int i = 0; i < all.size(); i++) {
            if (failedJob[i] != null && (first < 0 || failedJob[i].seq() < failedJob[first].seq())) {
                first = i;
            }
        }
        if (first >= 0) {
            throw failure[first];
        }
        List<RefBy> appends = new ArrayList<>();
        for (List<RefBy> l : refBys) {
            appends.addAll(l);
        }
        // stable: within one job, the order its fields were met
        appends.sort(java.util.Comparator.comparingInt(RefBy::seq));
        for (RefBy r : appends) {
            r.referral().appendRefBy(r.referrer());
        }
    }

    private static void run(Job j, List<Res> all, Map<String, List<Res>> byPrevName, ResMap m,
            java.util.function.BiConsumer<Res, RId> refBy) {
        Res referrer = all.get(j.referrer());
        FieldSpec onReferrer = j.spec().withGvk(referrer.gvk());
        new Filter(referrer, j.backRef().gvk(), j.spec(), byPrevName, m, refBy).run(onReferrer);
    }

    /** True when a field spec's path could write what candidates are recognised by (or any metadata). */
    private static boolean touchesIdentity(String path) {
        return path.equals("kind") || path.equals("apiVersion") || path.startsWith("metadata");
    }

    private static final class Filter {
        final Res referrer;
        final Gvk target;
        final FieldSpec spec;
        final Map<String, List<Res>> byPrevName;
        final RId referrerId;
        final Set<String> roleBindingNamespaces;
        final Gvk roleRefGvk;

        final java.util.function.BiConsumer<Res, RId> refBy;

        Filter(Res referrer, Gvk target, FieldSpec spec, Map<String, List<Res>> byPrevName, ResMap m,
                java.util.function.BiConsumer<Res, RId> refBy) {
            this.refBy = refBy;
            this.referrer = referrer;
            this.target = target;
            this.spec = spec;
            this.byPrevName = byPrevName;
            this.referrerId = referrer.curId();
            this.roleBindingNamespaces = new HashSet<>();
            if (referrer.kind().equals("RoleBinding")) {
                JsonNode subjects = referrer.node.get("subjects");
                if (subjects != null && subjects.isArray()) {
                    for (JsonNode s : subjects) {
                        JsonNode ns = s.get("namespace");
                        if (ns != null && s.has("kind") && "ServiceAccount".equals(Res.text(s.get("kind")))) {
                            if (!ns.isTextual()) {
                                throw new BuildError("Invalid Input: namespace is blank for resource \""
                                        + referrer.curId() + "\"");
                            }
                            roleBindingNamespaces.add(ns.textValue());
                        }
                    }
                }
            }
            Gvk rr = null;
            if (spec.path().endsWith("roleRef/name")) {
                JsonNode roleRef = referrer.node.get("roleRef");
                if (roleRef != null && roleRef.has("apiGroup") && roleRef.has("kind")) {
                    rr = new Gvk(Res.text(roleRef.get("apiGroup")), "", Res.text(roleRef.get("kind")));
                }
            }
            this.roleRefGvk = rr;
        }

        void run(FieldSpec fs) {
            try {
                Walk.apply(referrer, fs, Walk.Create.NONE, this::set);
            } catch (BuildError e) {
                throw new BuildError("updating name reference in '" + fs.path() + "' field of '" + referrerId
                        + "': " + e.getMessage(), e);
            }
        }

        void set(Walk.Slot slot) {
            JsonNode n = slot.get();
            if (n == null || n.isNull()) {
                return;
            }
            if (n instanceof ObjectNode o) {
                setMapping(o);
            } else if (n instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    JsonNode e = a.get(i);
                    if (e instanceof ObjectNode eo) {
                        setMapping(eo);
                    } else if (e != null && e.isValueNode()) {
                        setScalar(Walk.elementSlot(a, i));
                    }
                }
            } else {
                setScalar(slot);
            }
        }

        /** Candidates that could be referenced by the referrer (kustomize's SubsetThatCouldBeReferenced). */
        private boolean couldBeReferenced(Res c) {
            if (referrerId.gvk().clusterScoped()) {
                return true;
            }
            RId id = c.curId();
            if (id.gvk().clusterScoped()) {
                return true;
            }
            if (id.isNsEquals(referrerId)) {
                return true;
            }
            return roleBindingNamespaces.contains(c.namespace());
        }

        private List<Res> candidates(String oldName) {
            List<Res> list = byPrevName.getOrDefault(oldName, List.of());
            List<Res> out = new ArrayList<>();
            for (Res c : list) {
                if (!c.isDeleted() && couldBeReferenced(c)) {
                    out.add(c);
                }
            }
            return out;
        }

        private void setScalar(Walk.Slot slot) {
            String old = Res.text(slot.get());
            Res referral = select(old, candidates(old), false);
            if (referral == null) {
                return;
            }
            refBy.accept(referral, referrerId);
            if (!referral.name().equals(old)) {
                slot.set(TextNode.valueOf(referral.name()));
            }
        }

        private void setMapping(ObjectNode node) {
            JsonNode nameNode = node.get("name");
            if (nameNode == null) {
                throw new BuildError("path config error; no 'name' field in node");
            }
            String old = Res.text(nameNode);
            List<Res> cands = candidates(old);
            JsonNode nsNode = node.get("namespace");
            if (nsNode != null) {
                String ns = Res.text(nsNode);
                List<Res> byOrg = new ArrayList<>();
                boolean anyOrg = false;
                for (Res c : cands) {
                    if (!c.gvk().clusterScoped() && c.orgId().effectiveNamespace().equals(ns)) {
                        byOrg.add(c);
                        anyOrg = true;
                    }
                }
                if (!anyOrg) {
                    byOrg.clear();
                    for (Res c : cands) {
                        if (!c.gvk().clusterScoped() && c.curId().effectiveNamespace().equals(ns)) {
                            byOrg.add(c);
                        }
                    }
                }
                cands = byOrg;
            }
            Res referral = select(old, cands, true);
            if (referral == null) {
                return;
            }
            refBy.accept(referral, referrerId);
            if (referral.name().equals(old) && referral.namespace().isEmpty()) {
                return;
            }
            node.put("name", referral.name());
            if (!referral.namespace().isEmpty()) {
                node.put("namespace", referral.namespace());
            }
        }

        /** kustomize groups candidates by (effective) namespace; compare the subject's value the same way. */
        private static String effective(Res c, String ns) {
            return new RId(c.gvk(), "", ns).effectiveNamespace();
        }

        private Res select(String oldName, List<Res> cands, boolean mapping) {
            cands = sieve(cands, r -> r.prevIds().stream().anyMatch(id -> id.name().equals(oldName)));
            cands = sieve(cands, r -> r.prevIds().stream().anyMatch(id -> id.gvk().isSelected(target)));
            if (roleRefGvk != null) {
                cands = sieve(cands, r -> r.prevIds().stream().anyMatch(id -> id.gvk().isSelected(roleRefGvk)));
            }
            if (!referrerId.gvk().clusterScoped()) {
                cands = sieve(cands, r -> r.curId().gvk().clusterScoped() || r.kind().equals("ServiceAccount")
                        || referrerId.isNsEquals(r.curId()));
            }
            if (cands.size() == 1) {
                return cands.get(0);
            }
            cands = sieve(cands, r -> r.prefixesSuffixesEquals(referrer, true));
            if (cands.size() > 1) {
                cands = sieve(cands, r -> r.prefixesSuffixesEquals(referrer, false));
            }
            if (cands.size() == 1) {
                return cands.get(0);
            }
            if (cands.isEmpty()) {
                return null;
            }
            boolean identical = true;
            for (Res c : cands) {
                if (!c.name().equals(cands.get(0).name())
                        || (mapping && !c.namespace().equals(cands.get(0).namespace()))) {
                    identical = false;
                }
            }
            if (identical) {
                return cands.get(0);
            }
            List<String> ids = new ArrayList<>();
            for (Res c : cands) {
                ids.add(c.curId().toString());
            }
            throw new BuildError("found multiple possible referrals: " + String.join(", ", ids));
        }

        private static List<Res> sieve(List<Res> in, Predicate<Res> p) {
            List<Res> out = new ArrayList<>(in.size());
            for (Res r : in) {
                if (p.test(r)) {
                    out.add(r);
                }
            }
            return out;
        }
    }
}
