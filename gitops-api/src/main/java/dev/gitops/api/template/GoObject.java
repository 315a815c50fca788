package dev.gitops.api.template;

import java.util.List;

/**
 * A Go struct or named type exposed to templates: fields read with {@code .Name} and methods called with
 * {@code .Name arg1 arg2}. Helm's {@code .Files} and {@code .Capabilities} are such objects. Implementations must be
 * immutable (templates may render concurrently). Struct values are always true in {@code if}.
 */
public interface GoObject {

    /** The Go type name used in messages and by {@code printf "%T"}, e.g. {@code common.Capabilities}. */
    String goTypeName();

    /** Whether the object has a field of this name. */
    default boolean hasField(String name) {
        return false;
    }

    /** The value of a field for which {@link #hasField} is true; may be null (a Go nil). */
    default Object field(String name) {
        throw new IllegalArgumentException("no field " + name);
    }

    /** Whether the object has a method of this name. */
    default boolean hasMethod(String name) {
        return false;
    }

    /**
     * The number of arguments a method takes, when fixed; the engine then reports a call with another count as Go
     * does ({@code wrong number of args for NAME: want N got M}) instead of calling the method.
     */
    default java.util.OptionalInt methodArity(String name) {
        return java.util.OptionalInt.empty();
    }

    /**
     * Calls a method for which {@link #hasMethod} is true. A failure is reported by throwing an exception; its
     * message becomes the template error ({@code error calling NAME: message}).
     */
    default Object callMethod(String name, List<Object> args) {
        throw new IllegalArgumentException("no method " + name);
    }

    /** How {@code printf "%v"} prints the object. */
    default String goString() {
        return toString();
    }
}
