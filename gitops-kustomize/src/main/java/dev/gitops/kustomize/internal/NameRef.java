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

    static void fix(ResMap m, TConfig config) {
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
        for (TConfig.NameBackRef br : config.nameReference) {
            for (FieldSpec fs : br.referrers()) {
                List<Integer> candidates = fs.gvk().kind().isEmpty() ? everyone
                        : byOrgKind.getOrDefault(fs.gvk().kind(), List.of());
                for (int i : candidates) {
                    Res referrer = all.get(i);
                    if (!orgIds.get(i).gvk().isSelected(fs.gvk())) {
                        continue;
                    }
                    FieldSpec onReferrer = fs.withGvk(referrer.gvk());
                    new Filter(referrer, br.gvk(), fs, byPrevName, m).run(onReferrer);
                }
            }
        }
    }

    private static final class Filter {
        final Res referrer;
        final Gvk target;
        final FieldSpec spec;
        final Map<String, List<Res>> byPrevName;
        final RId referrerId;
        final Set<String> roleBindingNamespaces;
        final Gvk roleRefGvk;

        Filter(Res referrer, Gvk target, FieldSpec spec, Map<String, List<Res>> byPrevName, ResMap m) {
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
            referral.appendRefBy(referrerId);
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
            referral.appendRefBy(referrerId);
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
