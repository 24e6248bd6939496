package dev.packload.formats;

/**
 * Bad input: the data is not what its format promises. Carries where it happened and a shortened excerpt,
 * so the user can find and fix it. System failures (I/O, server) are never reported as this.
 */
public class FormatException extends RuntimeException {
    private final SourcePosition position;
    private final String excerpt;

    public FormatException(SourcePosition position, String message, String excerpt) {
        super(message);
        this.position = position;
        this.excerpt = excerpt;
    }

    public FormatException(SourcePosition position, String message, String excerpt, Throwable cause) {
        super(message, cause);
        this.position = position;
        this.excerpt = excerpt;
    }

    public SourcePosition position() {
        return position;
    }

    /** The start of the offending statement or record, shortened for display; may be empty. */
    public String excerpt() {
        return excerpt;
    }

    /** One line for the user: where, what, and the excerpt. */
    @Override
    public String getMessage() {
        String base = position + ": " + super.getMessage();
        return excerpt == null || excerpt.isEmpty() ? base : base + " near: " + excerpt;
    }
}
