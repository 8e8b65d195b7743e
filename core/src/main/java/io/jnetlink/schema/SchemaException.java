package io.jnetlink.schema;

/** A definition that cannot be used: a reference to a missing set, struct or enum, or a bad value. */
public final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A definition error described by {@code message}, which names the definition and key.
     *
     * @param message what is wrong, naming the definition and key
     */
    public SchemaException(String message) {
        super(message);
    }

    /**
     * A definition error with its cause.
     *
     * @param message what is wrong, naming the definition and key
     * @param cause   the failure that revealed it
     */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
