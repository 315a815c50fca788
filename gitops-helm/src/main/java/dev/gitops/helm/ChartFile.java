package dev.gitops.helm;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of a chart, named by its path relative to the chart root ({@code templates/deployment.yaml}).
 *
 * @param name relative path with {@code /} separators
 * @param data the bytes (copied on the way in and out)
 */
public record ChartFile(String name, byte[] data) {

    /** Validates and copies. */
    public ChartFile {
        Objects.requireNonNull(name, "name");
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChartFile f && f.name.equals(name) && java.util.Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ChartFile[" + name + ", " + data.length + " bytes]";
    }
}
