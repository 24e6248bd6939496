package dev.packload.formats.sql;

import dev.packload.formats.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every event as one line of text, in the format of the golden files (see
 * {@code src/test/resources/sql/README.md}): bytes are rendered as ASCII with escapes, so the lines can be
 * compared and diffed.
 */
final class RecordingHandler implements DumpHandler {
    final List<String> events = new ArrayList<>();
    private boolean open;

    @Override
    public void statement(byte[] buf, int off, int len, SourcePosition at) {
        if (open) {
            throw new AssertionError("statement inside an insert");
        }
        events.add("statement " + at.line() + ":" + at.byteOffset() + " " + escape(buf, off, len));
    }

    @Override
    public void insertStart(InsertHeader header, SourcePosition at) {
        if (open) {
            throw new AssertionError("nested insertStart");
        }
        open = true;
        events.add("insert " + at.line() + ":" + at.byteOffset() + " " + render(header));
    }

    @Override
    public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
        if (!open) {
            throw new AssertionError("tuple outside an insert");
        }
        if (buf[off] != '(' || buf[off + len - 1] != ')') {
            throw new AssertionError("tuple not in parentheses: " + escape(buf, off, len));
        }
        events.add("tuple " + line + ":" + byteOffset + " " + escape(buf, off, len));
    }

    @Override
    public void insertEnd() {
        if (!open) {
            throw new AssertionError("insertEnd without insertStart");
        }
        open = false;
        events.add("end");
    }

    @Override
    public void clientCommand(ClientCommand c) {
        events.add("command " + c.at().line() + ":" + c.at().byteOffset() + " " + c.kind() + " " + c.name() + " ["
                + c.argument() + "]");
    }

    String text() {
        return String.join("\n", events) + (events.isEmpty() ? "" : "\n");
    }

    static String render(InsertHeader h) {
        StringBuilder s = new StringBuilder(h.verb().name()).append(' ');
        if (h.schema() != null) {
            s.append(quote(h.schema())).append('.');
        }
        s.append(quote(h.table()));
        if (h.hasColumnList()) {
            s.append(" (");
            for (int i = 0; i < h.columns().size(); i++) {
                s.append(i == 0 ? "" : ",").append(quote(h.columns().get(i)));
            }
            s.append(')');
        }
        return s.toString();
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Printable ASCII as is, except backslash; \n \r \t as such; every other byte as \xHH. */
    static String escape(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '\\') {
                s.append("\\\\");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02X", c));
            }
        }
        return s.toString();
    }
}
