package dev.gitops.api.error;

/** YAML that cannot be read: a syntax error, a duplicate key, an alias bomb, a document that is not a map. */
public class YamlException extends InvalidInputException {

    /** A YAML failure at a place in a file. */
    public YamlException(Origin origin, String detail) {
        super(origin, detail);
    }

    /** A YAML failure at a place in a file, with the parser's exception. */
    public YamlException(Origin origin, String detail, Throwable cause) {
        super(origin, detail, cause);
    }
}
