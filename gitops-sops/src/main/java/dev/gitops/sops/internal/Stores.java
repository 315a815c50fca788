package dev.gitops.sops.internal;

import dev.gitops.api.error.Origin;
import dev.gitops.sops.Format;
import dev.gitops.sops.SopsException;
import dev.gitops.sops.SopsNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dispatch to the stores by format. */
public final class Stores {

    private Stores() {}

    /** Parses an encrypted or plain file. BINARY reads the JSON envelope. */
    public static ParsedFile parse(byte[] content, Format format, Origin origin) {
        return switch (format) {
            case YAML -> YamlStore.parse(content, origin);
            case JSON -> JsonStore.parse(content, origin);
            // the binary store's envelope is JSON, but sops reads it with whichever store the input type names
            case BINARY -> {
                try {
                    yield JsonStore.parse(content, origin);
                } catch (SopsException.Malformed e) {
                    yield YamlStore.parse(content, origin);
                }
            }
            case DOTENV -> TextStores.parseDotenv(content, origin);
            case INI -> TextStores.parseIni(content, origin);
        };
    }

    /** Emits branches (plus metadata, if not empty) in a format; BINARY emits the raw {@code data} value. */
    public static byte[] emit(List<SopsNode.Branch> branches, Map<String, Object> metadata, Format format) {
        switch (format) {
            case YAML: {
                if (metadata.isEmpty()) {
                    return YamlStore.emit(branches);
                }
                List<SopsNode.Branch> withMeta = branches.stream().map(b -> withMeta(b, metadata)).toList();
                return YamlStore.emit(withMeta);
            }
            case JSON:
                return JsonStore.emit(metadata.isEmpty() ? single(branches) : withMeta(single(branches), metadata));
            case DOTENV:
                return TextStores.emitDotenv(single(branches), Flatten.flatten(metadata));
            case INI:
                return TextStores.emitIni(single(branches), Flatten.flatten(metadata));
            case BINARY: {
                SopsNode.Branch b = single(branches);
                if (!metadata.isEmpty()) {
                    return JsonStore.emit(withMeta(b, metadata));
                }
                SopsNode data = b.get("data").orElseThrow(() -> new SopsException.Malformed(Origin.of("<output>"),
                        "binary output needs a single 'data' value"));
                if (data instanceof SopsNode.Str s) {
                    return s.bytes();
                }
                if (data instanceof SopsNode.Bytes by) {
                    return by.value();
                }
                throw new SopsException.Malformed(Origin.of("<output>").withPointer("/data"),
                        "binary 'data' must be a string");
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static SopsNode.Branch single(List<SopsNode.Branch> branches) {
        if (branches.isEmpty()) {
            return new SopsNode.Branch(List.of());
        }
        if (branches.size() > 1) {
            throw new SopsException.Malformed(Origin.of("<output>"),
                    "only YAML can hold more than one document");
        }
        return branches.get(0);
    }

    private static SopsNode.Branch withMeta(SopsNode.Branch b, Map<String, Object> metadata) {
        List<SopsNode.Item> items = new java.util.ArrayList<>(b.items());
        items.add(new SopsNode.Entry("sops", ParsedFile.fromPlain(new LinkedHashMap<>(metadata))));
        return new SopsNode.Branch(items);
    }
}
