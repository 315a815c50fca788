package dev.gitops.kustomize.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** An ordered list of resources with kustomize's id-based operations. */
public final class ResMap {

    private final List<Res> list = new ArrayList<>();
    /** Index by current id key; rebuilt lazily when stale. */
    private Map<String, Res> index;

    public List<Res> list() {
        return list;
    }

    public int size() {
        return list.size();
    }

    /** Call after anything may have changed ids. */
    public void touch() {
        index = null;
    }

    private Map<String, Res> index() {
        if (index == null) {
            index = new HashMap<>(list.size() * 2);
            for (Res r : list) {
                index.putIfAbsent(r.curId().key(), r);
            }
        }
        return index;
    }

    public void append(Res r) {
        RId id = r.curId();
        String key = id.key();
        if (index().containsKey(key)) {
            throw new BuildError("may not add resource with an already registered id: " + id);
        }
        list.add(r);
        index.put(key, r);
    }

    public void appendAll(ResMap other) {
        for (Res r : other.list) {
            append(r);
        }
    }

    public Res byCurrentId(RId id) {
        return index().get(id.key());
    }

    public List<Res> matchingAnyId(Predicate<RId> m) {
        List<Res> out = new ArrayList<>();
        for (Res r : list) {
            if (r.isDeleted()) {
                continue;
            }
            if (m.test(r.curId())) {
                out.add(r);
                continue;
            }
            for (RId p : r.prevIds()) {
                if (m.test(p)) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    public List<Res> matchingCurrentId(Predicate<RId> m) {
        List<Res> out = new ArrayList<>();
        for (Res r : list) {
            if (m.test(r.curId())) {
                out.add(r);
            }
        }
        return out;
    }

    /** GetById: exactly one resource whose current or previous id equals {@code id}. */
    public Res getById(RId id, String what) {
        List<Res> r = matchingAnyId(id::same);
        if (r.size() == 1) {
            return r.get(0);
        }
        String msg = (r.size() > 1 ? "multiple matches for Id " : "no matches for Id ") + id
                + "; failed to find unique target for patch " + id;
        throw new BuildError(what == null ? msg : what + ": " + msg);
    }

    public void replace(Res old, Res res) {
        int i = list.indexOf(old);
        list.set(i, res);
        touch();
    }

    public void remove(Res r) {
        list.remove(r);
        touch();
    }

    public void removeDeleted() {
        list.removeIf(Res::isDeleted);
        touch();
    }

    public void clear() {
        list.clear();
        touch();
    }

    public ResMap deepCopy() {
        ResMap m = new ResMap();
        for (Res r : list) {
            m.list.add(r.deepCopy());
        }
        return m;
    }
}
