package dev.packload.formats.sql;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits SQL text into statements the way myloader does: a statement ends only at a line whose last byte is
 * {@code ;} (before its LF, or before a CR LF). Nothing else ends one: not a {@code ;} followed by a blank, not a
 * {@code ;} inside a line, not {@code DELIMITER}, and quotes and comments are not looked at. mydumper relies on this
 * rule: it writes trigger, routine and event bodies without {@code DELIMITER}, with every inner {@code ;} followed
 * by a space before the line end ({@code SET NEW.x = 0; }), so a body reaches the server whole. The mysql client's
 * rules ({@link DumpScanner}) would cut such a body at its first inner {@code ;}.
 *
 * <p>A statement is handed over without its final {@code ;} and without surrounding white space; white-space-only
 * text between statements is dropped. Text after the last such line (a file without a final {@code ;}) is handed
 * over as a statement too, as the mysql client would run it. Lines are read into one reused buffer that grows only
 * for a statement longer than it; byte ranges are valid during the call only.
 */
public final class LineStatements {

    /** Receives each statement; see {@link DumpHandler#statement}. */
    @FunctionalInterface
    public interface Handler {
        void statement(byte[] buf, int off, int len, SourcePosition at);
    }

    private final InputStream in;
    private final String source;
    private byte[] buf;
    /** Start of the statement being collected, the scan cursor and the end of valid data, all in {@code buf}. */
    private int start;
    private int pos;
    private int limit;
    /** Stream offset of {@code buf[0]}, and the line of {@code buf[pos]}. */
    private long base;
    private long line = 1;
    /** The line where the statement being collected starts. */
    private long startLine = 1;
    private int maxStatementBytes = DumpScanner.DEFAULT_MAX_UNIT_BYTES;
    private boolean stopped;

    public LineStatements(InputStream in, String source) {
        this(in, source, 64 * 1024);
    }

    public LineStatements(InputStream in, String source, int initialBufferSize) {
        this.in = in;
        this.source = source;
        this.buf = new byte[Math.max(1, initialBufferSize)];
    }

    /** The longest statement taken (default 1 GiB, MySQL's largest packet); a longer one is bad input. */
    public void setMaxStatementBytes(int max) {
        this.maxStatementBytes = max;
    }

    /** Ends {@link #scan} after the current call to the handler; a new call of {@link #scan} goes on from there. */
    public void stop() {
        stopped = true;
    }

    /** Reads to the end of the input (or until {@link #stop()}), handing each statement to {@code handler}. */
    public void scan(Handler handler) throws IOException {
        stopped = false;
        while (!stopped) {
            if (pos == limit && !fill()) {
                int end = limit;
                if (end > start && buf[end - 1] == '\r') {
                    end--;
                }
                emit(handler, end > start && buf[end - 1] == ';' ? end - 1 : limit);
                start = limit;
                return;
            }
            byte c = buf[pos++];
            if (c != '\n') {
                continue;
            }
            line++;
            int end = pos - 1;
            if (end > start && buf[end - 1] == '\r') {
                end--;
            }
            if (end > start && buf[end - 1] == ';') {
                emit(handler, end - 1);
                start = pos;
                startLine = line;
            }
        }
    }

    /** Hands {@code buf[start, end)} over, trimmed, unless it is only white space. */
    private void emit(Handler handler, int end) {
        int s = start;
        long l = startLine;
        while (s < end && isBlank(buf[s])) {
            if (buf[s] == '\n') {
                l++;
            }
            s++;
        }
        int e = end;
        while (e > s && isBlank(buf[e - 1])) {
            e--;
        }
        if (e > s) {
            handler.statement(buf, s, e - s, new SourcePosition(source, l, base + s));
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Reads more input, keeping the statement being collected; false at the end of input. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            base += start;
            pos -= start;
            limit -= start;
            start = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxStatementBytes) {
                String head = new String(buf, 0, Math.min(limit, 4 * FormatException.EXCERPT_CHARS),
                        StandardCharsets.UTF_8);
                throw new FormatException(new SourcePosition(source, line, base), "a statement is longer than "
                        + maxStatementBytes + " bytes without a line that ends with ';' (myloader's statement end): "
                        + "is this mydumper output?", FormatException.excerpt(head));
            }
            buf = Arrays.copyOf(buf, (int) Math.min(maxStatementBytes, 2L * buf.length));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
