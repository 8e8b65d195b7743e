package io.jnetlink.schema;

/** A definition that cannot be used: a reference to a missing set, struct or enum, or a bad value. */
public final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A definition error described by {@code message}, which names the definition and key. */
    public SchemaException(String message) {
        super(message);
    }

    /** A definition error with its cause. */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
