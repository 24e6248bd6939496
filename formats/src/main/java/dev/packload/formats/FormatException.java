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

    /** Longest excerpt {@link #excerpt(CharSequence)} makes. */
    public static final int EXCERPT_CHARS = 80;

    /**
     * A one-line rendering of the start of some text for messages: runs of whitespace and control characters fold
     * to one space, and at most {@link #EXCERPT_CHARS} characters are kept, ending in "..." when cut.
     */
    public static String excerpt(CharSequence s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), EXCERPT_CHARS));
        boolean space = false;
        for (int i = 0; i < s.length() && out.length() <= EXCERPT_CHARS; i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(ch);
        }
        if (out.length() > EXCERPT_CHARS) {
            out.setLength(EXCERPT_CHARS - 3);
            out.append("...");
        }
        return out.toString();
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
