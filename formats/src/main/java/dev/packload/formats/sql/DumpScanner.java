package dev.packload.formats.sql;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a MySQL/MariaDB dump (or any SQL script) into statements the way the {@code mysql} client does, and
 * streams the tuples of {@code INSERT ... VALUES} statements one at a time, so a statement with millions of rows
 * is never held whole.
 *
 * <p>The scanner works on bytes in one reused buffer: it only grows when a single non-insert statement, insert
 * header or tuple does not fit, and consumed bytes are dropped by compaction. It knows the client's lexical
 * rules: {@code '...'}, {@code "..."} and {@code `...`} quoting with backslash escapes (in strings, unless
 * {@code NO_BACKSLASH_ESCAPES} is in effect) and doubled quotes; {@code -- }, {@code #} and {@code /* *}{@code /}
 * comments; executable comments {@code /*!NNNNN ... *}{@code /}, {@code /*M!NNNNNN ... *}{@code /} and
 * {@code /*+ ... *}{@code /}, which are kept as code; a backslash outside strings takes the next byte with it.
 * The client's own commands ({@link ClientCommands}) are found where the client finds them: a long form
 * ({@code source f}) at the start of a line that holds no delimiter, or as a whole statement ({@code source f ;});
 * a short form ({@code \. f}) anywhere in code. {@code DELIMITER} (it persists), {@code go}, {@code \g}, {@code \G},
 * {@code \c} and MariaDB's sandbox line {@code /*M!999999\- enable the sandbox mode *}{@code /} are handled here;
 * the others reach {@link DumpHandler#clientCommand} in their place. Statements are emitted without their delimiter and
 * without surrounding whitespace; comments before a statement are dropped, comments inside it are kept.
 * A final statement without a delimiter is emitted, as the client would execute it.
 *
 * <p>{@code SET sql_mode = ...} statements (also inside executable comments, and through user variables such
 * as {@code @OLD_SQL_MODE}) switch backslash handling for the statements that follow.
 *
 * <p>Not supported: client character sets whose multi-byte characters can contain the byte 0x5C (sjis, cp932,
 * big5, gbk, gb18030); {@code ANSI_QUOTES}, under which a backslash in {@code "..."} would not escape.
 *
 * <p>A lexer, and one piece though long: splitting statements, parsing insert heads and streaming tuples all move the
 * same reused buffer and its compaction state ({@code keep}, {@code base}, {@code pos}), which a split would have to
 * hand around for every byte.
 */
public final class DumpScanner {

    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;

    /** Default cap on one non-insert statement, insert header or tuple: 1 GiB, MySQL's largest packet. */
    public static final int DEFAULT_MAX_UNIT_BYTES = 1 << 30;

    /** How far the scanner looks ahead for the head of an insert before it gives up re-batching it. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int EXCERPT_CHARS = FormatException.EXCERPT_CHARS;
    private static final int EXCERPT_BYTES = 4 * EXCERPT_CHARS;

    // byte classes in code, that is outside strings and comments
    private static final byte PLAIN = 0;
    private static final byte NEWLINE = 1;
    private static final byte QUOTE = 2;
    private static final byte SLASH = 3;
    private static final byte DASH = 4;
    private static final byte HASH = 5;
    private static final byte BACKSLASH = 6;
    private static final byte OPEN = 7;
    private static final byte CLOSE = 8;
    private static final byte DELIMITER = 9;

    private static final byte[] CODE_CLASSES = new byte[256];

    static {
        CODE_CLASSES['\n'] = NEWLINE;
        CODE_CLASSES['\''] = QUOTE;
        CODE_CLASSES['"'] = QUOTE;
        CODE_CLASSES['`'] = QUOTE;
        CODE_CLASSES['/'] = SLASH;
        CODE_CLASSES['-'] = DASH;
        CODE_CLASSES['#'] = HASH;
        CODE_CLASSES['\\'] = BACKSLASH;
        CODE_CLASSES['('] = OPEN;
        CODE_CLASSES[')'] = CLOSE;
    }

    private static final byte[] SANDBOX = "/*M!999999\\-".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final String source;
    private final byte[] codeClass = CODE_CLASSES.clone();
    private final SqlModeTracker sqlMode = new SqlModeTracker();

    private byte[] buf;
    /** Scan cursor, end of valid data, and the first byte that must survive compaction. */
    private int pos;
    private int limit;
    private int keep;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private long line = 1;
    private boolean eof;
    private boolean scanned;
    private boolean stopped;
    private int maxUnitBytes = DEFAULT_MAX_UNIT_BYTES;

    private byte[] delimiter = {';'};
    private byte delimiterOwnClass = PLAIN;
    private boolean noBackslashEscapes;

    /** The statement being scanned: stream offset and line of its first byte; offset -1 between statements. */
    private long stmtOffset = -1;
    private long stmtLine;
    /** Start of the tuple being scanned, for messages. */
    private long tupleOffset;
    private long tupleLine;

    /** Set once an insert has been handed to the handler: its start is then no longer in the buffer. */
    private boolean inInsert;
    private final byte[] excerpt = new byte[EXCERPT_BYTES];
    private int excerptLen;

    /** The previous insert head, to skip parsing when the next one is byte-for-byte the same. */
    private byte[] lastHeaderBytes = new byte[0];
    private int lastHeaderLen = -1;
    private int lastHeaderNewlines;
    private InsertHeader lastHeader;

    /** The handler of the running scan, for client commands found inside a statement. */
    private DumpHandler handler;
    /** Whether the statement about to start begins a line (only blanks before it on its line). */
    private boolean lineStart = true;
    /** The statement being reported ended with {@code \G}. */
    private boolean vertical;
    /** {@code \c}, or a {@code \.} inside it, dropped the statement being read. */
    private boolean cleared;
    /** A short-form command that ended the statement being read, run after it is reported. */
    private ClientCommand pending;

    /** Header parser cursor, relative to {@code keep} (the statement start). */
    private int hr;
    private byte[] identBytes = new byte[64];

    public DumpScanner(InputStream in, String sourceName) {
        this(in, sourceName, DEFAULT_BUFFER_SIZE);
    }

    /** As {@link #DumpScanner(InputStream, String)}, with the initial buffer size (at least 1 byte). */
    public DumpScanner(InputStream in, String sourceName, int initialBufferSize) {
        if (initialBufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be positive: " + initialBufferSize);
        }
        this.in = in;
        this.source = sourceName;
        this.buf = new byte[initialBufferSize];
        codeClass[';'] = DELIMITER;
    }

    /**
     * Whether NO_BACKSLASH_ESCAPES is in force at the current position. During {@link DumpHandler} callbacks it
     * is the mode the reported statement or tuple was read in (a {@code SET sql_mode} statement takes effect
     * after its own {@code statement} callback).
     */
    public boolean noBackslashEscapes() {
        return noBackslashEscapes;
    }

    /**
     * Whether a backslash in a string is an ordinary character at the start, as under the server's
     * {@code NO_BACKSLASH_ESCAPES} sql_mode. {@code SET sql_mode} statements in the input change it later on.
     */
    public void setNoBackslashEscapes(boolean on) {
        noBackslashEscapes = on;
        sqlMode.reset(on);
    }

    /**
     * Whether the statement being reported ended with {@code \G} (the client shows its rows vertically), as
     * opposed to the delimiter or {@code \g}. Valid during {@link DumpHandler#statement}.
     */
    public boolean vertical() {
        return vertical;
    }

    /** The delimiter in force: {@code ;} until a {@code DELIMITER} command changes it. */
    public byte[] delimiter() {
        return delimiter.clone();
    }

    /**
     * Sets the delimiter, as a {@code DELIMITER} command would: the client shares it with the files a
     * {@code source} reads, both ways. May be called during a callback.
     */
    public void useDelimiter(byte[] d) {
        if (d.length == 0) {
            throw new IllegalArgumentException("empty delimiter");
        }
        for (byte b : d) {
            if (b == '\\') {
                throw new IllegalArgumentException("a delimiter cannot contain a backslash");
            }
        }
        setDelimiter(d.clone());
    }

    /**
     * Ends the scan after the current callback: {@link #scan} reports nothing more and returns. For a handler that
     * has what it wants, or whose consumer stopped; no exception needs to pass through the scanner.
     */
    public void stop() {
        stopped = true;
    }

    /** Caps the size of one non-insert statement, insert header or tuple; larger ones are a format error. */
    public void setMaxUnitBytes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        maxUnitBytes = max;
    }

    /**
     * Reads the whole input and reports what it finds to the handler, in order. Can run once.
     *
     * @throws FormatException when the input is not a well-formed script: unterminated string or comment,
     *                         an insert cut off inside a tuple, text between tuples, an insert form that cannot
     *                         be re-batched after its first rows were reported
     * @throws IOException     when reading fails
     */
    public void scan(DumpHandler handler) throws IOException {
        if (scanned) {
            throw new IllegalStateException("a DumpScanner scans its input once");
        }
        scanned = true;
        this.handler = handler;
        skipByteOrderMark();
        while (!stopped && skipBlank(true, true)) {
            boolean atLineStart = lineStart;
            lineStart = false; // what consumes a whole line sets it again
            keep = pos;
            stmtOffset = base + pos;
            stmtLine = line;
            if (atDelimiter()) {
                pos += delimiter.length; // empty statement
            } else if (!clientCommand(atLineStart) && !insert(handler)) {
                statement(handler);
            }
            stmtOffset = -1;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // statements

    private void statement(DumpHandler handler) throws IOException {
        vertical = false;
        cleared = false;
        int end = scanCode(false);
        int start = keep;
        while (end > start && isSpace(buf[end - 1] & 0xff)) {
            end--;
        }
        if (end > start && !cleared && !statementCommand(start, end)) {
            handler.statement(buf, start, end - start, new SourcePosition(source, stmtLine, stmtOffset));
            noBackslashEscapes = sqlMode.onStatement(buf, start, end - start, noBackslashEscapes);
        }
        vertical = false;
        if (pending != null) {
            ClientCommand c = pending;
            pending = null;
            report(c);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // client commands

    /**
     * Handles a client command at a statement start: the sandbox line, {@code DELIMITER}, a short form, or a long
     * form at the start of a line that the client takes for a command line.
     *
     * @return whether there was a client command
     */
    private boolean clientCommand(boolean atLineStart) throws IOException {
        if (startsWith(SANDBOX)) {
            skipLineComment(true);
            lineStart = true;
            return true;
        }
        int c = buf[pos] & 0xff;
        if (c == '\\') {
            ClientCommands.Entry e = ClientCommands.byChar(peek(1));
            if (e == null) {
                return false;
            }
            switch (e.action()) {
                case GO, EGO, CLEAR -> pos += 2; // an empty statement: the client sends nothing
                case DELIMITER -> delimiterCommand(2);
                default -> shortCommand(e);
            }
            return true;
        }
        if (isWordAt(0, "DELIMITER")) {
            delimiterCommand(9);
            return true;
        }
        return atLineStart && ClientCommands.mayStartName(c) && lineCommand();
    }

    /**
     * A long form at the start of a line, which the client runs when the line holds neither the delimiter nor
     * {@code \g}, and a command without an argument stands alone on it. The rest of the line is the argument.
     */
    private boolean lineCommand() throws IOException {
        int n = 0;
        int c;
        while ((c = peek(n)) >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            n++;
        }
        ClientCommands.Entry e = ClientCommands.byName(buf, pos, n);
        if (e == null || e.action() == ClientCommands.Action.DELIMITER) {
            return false;
        }
        int r = n;
        while ((c = peek(r)) >= 0 && c != '\n') {
            if (c == '\\' && peek(r + 1) == 'g' || delimiterAt(r)) {
                return false; // the client reads the line as SQL, and may find the command at the delimiter
            }
            r++;
        }
        String rest = ClientCommands.argument(buf, pos + n, pos + r);
        if (!e.takesArgument() && !rest.isEmpty()) {
            return false;
        }
        SourcePosition at = here();
        String name = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += r;
        if (peek(0) == '\n') {
            pos++;
            line++;
        }
        lineStart = true;
        if (e.action() == ClientCommands.Action.COMMAND) {
            report(command(e, name, rest, at));
        }
        return true;
    }

    /**
     * A whole statement that is a long form ({@code source f ;}, {@code quit;}): the client checks every statement
     * it completes. A {@code USE} statement stays a statement, which the server runs the same.
     */
    private boolean statementCommand(int start, int end) throws IOException {
        if (!ClientCommands.mayStartName(buf[start] & 0xff)) {
            return false;
        }
        int w = start;
        while (w < end && buf[w] != ' ' && buf[w] != '\t') { // the client splits at a space or tab only
            w++;
        }
        ClientCommands.Entry e = ClientCommands.byName(buf, start, w - start);
        if (e == null || e.kind() == ClientCommand.Kind.USE || e.action() == ClientCommands.Action.DELIMITER) {
            return false;
        }
        String rest = ClientCommands.argument(buf, w, end);
        if (!e.takesArgument() && !rest.isEmpty()) {
            return false;
        }
        if (e.action() == ClientCommands.Action.COMMAND) {
            report(command(e, new String(buf, start, w - start, StandardCharsets.UTF_8), rest,
                    position(stmtOffset, stmtLine)));
        }
        return true;
    }

    /**
     * A short form other than {@code \g}, {@code \G}, {@code \c} and {@code \d} at {@link #pos}. One that takes an
     * argument takes the rest of the line (delimiter included, as the client does), and reading goes on after the
     * first delimiter on the line, or at the end of the line.
     *
     * @return how many bytes the command spans from {@link #pos}; {@link #pos} is not moved
     */
    private int shortCommandLength(ClientCommands.Entry e) throws IOException {
        if (!e.takesArgument()) {
            return 2;
        }
        int r = 2;
        int end = -1;
        int c;
        while ((c = peek(r)) >= 0 && c != '\n') {
            if (end < 0 && delimiterAt(r)) {
                end = r + delimiter.length;
            }
            r++;
        }
        return end >= 0 ? end : r;
    }

    /** The short form at {@link #pos}, at a statement start: reported, and skipped. */
    private void shortCommand(ClientCommands.Entry e) throws IOException {
        ClientCommand c = shortForm(e);
        pos += shortCommandLength(e);
        report(c);
    }

    /** The short form at {@link #pos} as a command, its argument the rest of the line. */
    private ClientCommand shortForm(ClientCommands.Entry e) throws IOException {
        SourcePosition at = here();
        String argument = "";
        if (e.takesArgument()) {
            int r = 2;
            while (peek(r) >= 0 && buf[pos + r] != '\n') {
                r++;
            }
            argument = ClientCommands.argument(buf, pos + 2, pos + r);
        }
        return command(e, "\\" + e.shortForm(), argument, at);
    }

    private static ClientCommand command(ClientCommands.Entry e, String name, String argument, SourcePosition at) {
        String arg = switch (e.kind()) {
            case USE, CHARSET -> ClientCommands.firstWord(argument);
            default -> e.takesArgument() ? argument : "";
        };
        return new ClientCommand(e.kind(), name, arg, at);
    }

    /** Hands a command to the handler; after {@code quit} the scan ends. */
    private void report(ClientCommand c) {
        handler.clientCommand(c);
        if (c.kind() == ClientCommand.Kind.QUIT) {
            stopped = true;
        }
    }

    /**
     * A backslash in code at {@link #pos}. A short form the client knows ends the statement ({@code \g}, {@code \G},
     * {@code \c}, {@code \q}, {@code \.}, the last two run after it), or runs in place and is cut out of the
     * statement, as the client leaves it out of the statement it sends. Any other {@code \x} stays as text.
     *
     * @return where the statement's text ends when it ends here, else -1 (with {@link #pos} past what was handled)
     */
    private int backslash(boolean tuple) throws IOException {
        int n = peek(1);
        ClientCommands.Entry e = ClientCommands.byChar(n);
        if (e == null) {
            // the client keeps \x as text (and \N, NULL); either way x never opens a string
            if (n < 0) {
                pos++;
            } else {
                if (n == '\n') {
                    line++;
                }
                pos += 2;
            }
            return -1;
        }
        if (tuple) {
            throw error(here(), "client command \\" + (char) n + " inside the VALUES tuple starting at line "
                    + tupleLine + ": the client would run it there, which packload does not do inside a row");
        }
        int at = pos;
        switch (e.action()) {
            case GO, EGO, CLEAR -> {
                vertical = e.action() == ClientCommands.Action.EGO;
                cleared = e.action() == ClientCommands.Action.CLEAR;
                pos += 2;
                return at;
            }
            case DELIMITER -> throw error(here(), "client command \\d inside a statement: put DELIMITER at the"
                    + " start of a line of its own");
            default -> {
            }
        }
        ClientCommand c = shortForm(e);
        int length = shortCommandLength(e);
        if (e.kind() == ClientCommand.Kind.QUIT || e.kind() == ClientCommand.Kind.SOURCE) {
            // quit: the client sends what it has read, then stops; source: it drops it and reads the file
            cleared = e.kind() == ClientCommand.Kind.SOURCE;
            pending = c;
            pos += length;
            return at;
        }
        // runs now; the statement goes on without it
        System.arraycopy(buf, keep, buf, keep + length, pos - keep);
        keep += length;
        pos += length;
        report(c);
        return -1;
    }

    /** Parses the argument of {@code DELIMITER} or {@code \d} that starts {@code r} bytes after {@link #pos}. */
    private void delimiterCommand(int r) throws IOException {
        int c;
        while ((c = peek(r)) == ' ' || c == '\t') {
            r++;
        }
        int start;
        int end;
        if (c == '\'' || c == '"' || c == '`') {
            int quote = c;
            start = ++r;
            while ((c = peek(r)) >= 0 && c != quote && c != '\n') {
                r++;
            }
            end = r;
        } else {
            start = r;
            while ((c = peek(r)) >= 0 && !isSpace(c)) {
                r++;
            }
            end = r;
        }
        if (end == start) {
            throw error(here(), "DELIMITER must be followed by a delimiter string");
        }
        byte[] d = Arrays.copyOfRange(buf, pos + start, pos + end);
        for (byte b : d) {
            if (b == '\\') {
                throw error(here(), "DELIMITER cannot contain a backslash character");
            }
        }
        pos += end;
        skipLineComment(true); // the rest of the line belongs to the command
        lineStart = true;
        setDelimiter(d);
    }

    private void setDelimiter(byte[] d) {
        codeClass[delimiter[0] & 0xff] = delimiterOwnClass;
        delimiterOwnClass = codeClass[d[0] & 0xff];
        codeClass[d[0] & 0xff] = DELIMITER;
        delimiter = d;
        lastHeaderLen = -1; // a cached head was parsed under the old delimiter
    }

    // ---------------------------------------------------------------------------------------------------------
    // inserts

    /**
     * Streams a re-batchable insert at the statement start.
     *
     * @return false, with nothing consumed, when the statement is not one
     */
    private boolean insert(DumpHandler handler) throws IOException {
        int c = buf[pos] & 0xff;
        if (c != 'I' && c != 'i' && c != 'R' && c != 'r') {
            return false;
        }
        InsertHeader header;
        int headerLen;
        int newlines;
        if (sameHeaderAsLast()) {
            header = lastHeader;
            headerLen = lastHeaderLen;
            newlines = lastHeaderNewlines;
        } else {
            header = parseHeader();
            if (header == null) {
                return false;
            }
            headerLen = hr;
            newlines = 0;
            for (int i = keep, e = keep + headerLen; i < e; i++) {
                if (buf[i] == '\n') {
                    newlines++;
                }
            }
            if (lastHeaderBytes.length < headerLen) {
                lastHeaderBytes = new byte[Math.max(headerLen, 2 * lastHeaderBytes.length)];
            }
            System.arraycopy(buf, keep, lastHeaderBytes, 0, headerLen);
            lastHeaderLen = headerLen;
            lastHeaderNewlines = newlines;
            lastHeader = header;
        }
        pos = keep + headerLen;
        line += newlines;

        // Scan the first tuple and look at what follows before reporting anything: a single-row insert with a
        // suffix (ON DUPLICATE KEY UPDATE, ...) is then still passed on whole as a statement.
        long firstOffset = base + pos;
        long firstLine = line;
        tupleOffset = firstOffset;
        tupleLine = firstLine;
        scanCode(true);
        long firstEnd = base + pos;
        boolean more = skipBlank(false, false);
        if (more && !atDelimiter() && !atGo() && buf[pos] != ',') {
            pos = (int) (stmtOffset - base);
            line = stmtLine;
            return false;
        }
        excerptLen = Math.min(EXCERPT_BYTES, (int) (firstEnd - stmtOffset));
        System.arraycopy(buf, (int) (stmtOffset - base), excerpt, 0, excerptLen);
        inInsert = true;
        handler.insertStart(header, new SourcePosition(source, stmtLine, stmtOffset));
        handler.tuple(buf, (int) (firstOffset - base), (int) (firstEnd - firstOffset), firstLine, firstOffset);
        while (more && !stopped) {
            if (atDelimiter()) {
                pos += delimiter.length;
                break;
            }
            if (buf[pos] != ',') {
                if (atGo()) {
                    pos += 2;
                    break;
                }
                throw error(here(), "this INSERT form can't be re-batched: unexpected '" + peekText(40)
                        + "' after a VALUES tuple");
            }
            pos++;
            keep = pos;
            if (!skipBlank(true, false)) {
                throw error(here(), "truncated INSERT: input ends after ',' where a VALUES tuple should follow");
            }
            if (buf[pos] != '(') {
                throw error(here(), "expected '(' of the next VALUES tuple after ',' but found '" + peekText(40)
                        + "'");
            }
            keep = pos;
            tupleOffset = base + pos;
            tupleLine = line;
            scanCode(true);
            handler.tuple(buf, keep, pos - keep, tupleLine, tupleOffset);
            keep = pos;
            more = skipBlank(true, false);
        }
        inInsert = false;
        handler.insertEnd();
        return true;
    }

    private boolean sameHeaderAsLast() throws IOException {
        int n = lastHeaderLen;
        return n > 0 && at(n) == '(' && Arrays.equals(buf, keep, keep + n, lastHeaderBytes, 0, n);
    }

    /**
     * Parses {@code INSERT [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] tbl [(cols)] VALUES|VALUE (} or
     * the REPLACE form at {@code keep}, leaving {@link #hr} at the '(' of the first tuple.
     *
     * @return null when the statement has any other shape
     */
    private InsertHeader parseHeader() throws IOException {
        hr = 0;
        int w = wordLength();
        InsertHeader.Verb verb;
        if (wordIs(w, "INSERT")) {
            verb = InsertHeader.Verb.INSERT;
        } else if (wordIs(w, "REPLACE")) {
            verb = InsertHeader.Verb.REPLACE;
        } else {
            return null;
        }
        hr += w;
        for (;;) {
            if (headerBlank() < 0) {
                return null;
            }
            w = wordLength();
            if (wordIs(w, "LOW_PRIORITY") || wordIs(w, "DELAYED")
                    || verb != InsertHeader.Verb.REPLACE && wordIs(w, "HIGH_PRIORITY")) {
                hr += w;
            } else if (verb == InsertHeader.Verb.INSERT && wordIs(w, "IGNORE")) {
                verb = InsertHeader.Verb.INSERT_IGNORE;
                hr += w;
            } else {
                if (wordIs(w, "INTO")) {
                    hr += w;
                    if (headerBlank() < 0) {
                        return null;
                    }
                }
                break;
            }
        }
        w = wordLength();
        if (wordIs(w, "VALUES") || wordIs(w, "VALUE") || wordIs(w, "SET") || wordIs(w, "SELECT")) {
            return null;
        }
        String schema = null;
        String table = identifier();
        if (table == null) {
            return null;
        }
        int c = headerBlank();
        if (c == '.') {
            hr++;
            if (headerBlank() < 0) {
                return null;
            }
            schema = table;
            table = identifier();
            if (table == null) {
                return null;
            }
            c = headerBlank();
        }
        List<String> columns = List.of();
        if (c == '(') {
            hr++;
            c = headerBlank();
            if (c == ')') {
                hr++;
            } else {
                List<String> names = new ArrayList<>();
                for (;;) {
                    String name = identifier();
                    if (name == null) {
                        return null;
                    }
                    names.add(name);
                    c = headerBlank();
                    hr++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',' || headerBlank() < 0) {
                        return null;
                    }
                }
                columns = List.copyOf(names);
            }
            if (headerBlank() < 0) {
                return null;
            }
        }
        w = wordLength();
        if (!wordIs(w, "VALUES") && !wordIs(w, "VALUE")) {
            return null;
        }
        hr += w;
        if (headerBlank() != '(') {
            return null;
        }
        return new InsertHeader(verb, schema, table, columns);
    }

    /** Skips whitespace and plain comments in a header; the next byte, or -1 at the end or on anything odd. */
    private int headerBlank() throws IOException {
        for (;;) {
            int c = at(hr);
            if (c < 0) {
                return -1;
            }
            if (isSpace(c)) {
                hr++;
            } else if (c == '#' || c == '-' && at(hr + 1) == '-' && isDashCommentEnd(at(hr + 2))) {
                while ((c = at(hr)) >= 0 && c != '\n') {
                    hr++;
                }
            } else if (c == '/' && at(hr + 1) == '*') {
                int c2 = at(hr + 2);
                if (c2 == '!' || c2 == '+' || c2 == 'M' && at(hr + 3) == '!') {
                    return -1; // executable comment: the header can't be rebuilt without it
                }
                hr += 2;
                for (;;) {
                    c = at(hr);
                    if (c < 0) {
                        return -1;
                    }
                    hr++;
                    if (c == '*' && at(hr) == '/') {
                        hr++;
                        break;
                    }
                }
            } else if (c == delimiter[0]) {
                return -1; // (not a complete test for the delimiter, but nothing valid starts with its byte)
            } else {
                return c;
            }
        }
    }

    /** Length of the unquoted identifier or keyword at {@link #hr}. */
    private int wordLength() throws IOException {
        int n = 0;
        int c;
        while ((c = at(hr + n)) >= 0 && SqlWords.isWordByte((byte) c)) {
            n++;
        }
        return n;
    }

    private boolean wordIs(int w, String keyword) {
        if (w != keyword.length()) {
            return false;
        }
        for (int i = 0; i < w; i++) {
            if ((buf[keep + hr + i] & 0xdf) != keyword.charAt(i) && buf[keep + hr + i] != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A backquoted or plain identifier at {@link #hr}, unquoted; null if there is none. */
    private String identifier() throws IOException {
        int c = at(hr);
        int n = 0;
        if (c == '`') {
            hr++;
            for (;;) {
                c = at(hr);
                if (c < 0) {
                    return null;
                }
                hr++;
                if (c == '`') {
                    if (at(hr) != '`') {
                        break;
                    }
                    hr++;
                }
                if (n == identBytes.length) {
                    identBytes = Arrays.copyOf(identBytes, 2 * n);
                }
                identBytes[n++] = (byte) c;
            }
            if (n == 0) {
                return null;
            }
        } else {
            n = wordLength();
            if (n == 0) {
                return null;
            }
            if (identBytes.length < n) {
                identBytes = new byte[n];
            }
            System.arraycopy(buf, keep + hr, identBytes, 0, n);
            hr += n;
        }
        return new String(identBytes, 0, n, StandardCharsets.UTF_8);
    }

    /** The byte at {@code keep + r}, reading more input as needed; -1 at the end or past the header limit. */
    private int at(int r) throws IOException {
        if (r > MAX_HEADER_BYTES) {
            return -1;
        }
        while (keep + r >= limit) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[keep + r] & 0xff;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the lexer

    /**
     * Scans code from {@link #pos}. With {@code tuple}, {@link #pos} is at a '(' and the scan stops after the
     * matching ')'. Otherwise it stops after the delimiter, or at the end of input, and returns where the
     * statement text ends.
     */
    private int scanCode(boolean tuple) throws IOException {
        final byte[] cls = codeClass;
        byte[] b = buf;
        int i = pos;
        int lim = limit;
        int depth = 0;
        for (;;) {
            int k = PLAIN;
            while (i < lim && (k = cls[b[i] & 0xff]) == PLAIN) {
                i++;
            }
            if (i >= lim) {
                pos = i;
                if (!fill()) {
                    if (tuple) {
                        throw error(position(tupleOffset, tupleLine), "truncated INSERT: the VALUES tuple starting"
                                + " at line " + tupleLine + " is not closed at the end of the input");
                    }
                    return pos;
                }
                b = buf;
                i = pos;
                lim = limit;
                continue;
            }
            if (k == DELIMITER) {
                pos = i;
                if (atDelimiter()) {
                    if (tuple) {
                        throw error(here(), "the statement ends inside the VALUES tuple starting at line "
                                + tupleLine + " (unbalanced parentheses)");
                    }
                    int end = pos;
                    pos += delimiter.length;
                    return end;
                }
                b = buf;
                i = pos;
                lim = limit;
                k = delimiterOwnClass;
                if (k == PLAIN) {
                    i++;
                    continue;
                }
            }
            switch (k) {
                case NEWLINE:
                    line++;
                    i++;
                    break;
                case OPEN:
                    depth++;
                    i++;
                    break;
                case CLOSE:
                    i++;
                    if (tuple && --depth == 0) {
                        pos = i;
                        return i;
                    }
                    break;
                case QUOTE:
                    pos = i;
                    skipQuoted();
                    b = buf;
                    i = pos;
                    lim = limit;
                    break;
                case BACKSLASH: {
                    pos = i;
                    int end = backslash(tuple);
                    if (end >= 0) {
                        return end;
                    }
                    b = buf;
                    i = pos;
                    lim = limit;
                    break;
                }
                default:
                    pos = i;
                    special(k);
                    b = buf;
                    i = pos;
                    lim = limit;
            }
        }
    }

    /** Slash, dash and hash in code, at {@link #pos}. */
    private void special(int k) throws IOException {
        switch (k) {
            case SLASH:
                if (peek(1) == '*' && !atExecutableComment()) {
                    skipBlockComment(false);
                } else {
                    pos++;
                }
                break;
            case DASH:
                if (peek(1) == '-' && isDashCommentEnd(peek(2))) {
                    skipLineComment(false);
                } else {
                    pos++;
                }
                break;
            case HASH:
                skipLineComment(false);
                break;
            default:
                throw new IllegalStateException("byte class " + k);
        }
    }

    /** Skips the string or quoted identifier at {@link #pos}. */
    private void skipQuoted() throws IOException {
        byte[] b = buf;
        int i = pos;
        int lim = limit;
        final byte q = b[i++];
        final boolean escapes = q != '`' && !noBackslashEscapes;
        final long startOffset = base + pos;
        final long startLine = line;
        for (;;) {
            i = QuotedRuns.stop(b, i, lim, q, escapes);
            if (i >= lim) {
                pos = i;
                if (!fill()) {
                    throw unterminated(q, startOffset, startLine);
                }
                b = buf;
                i = pos;
                lim = limit;
                continue;
            }
            byte c = b[i++];
            if (c == q) {
                pos = i;
                return;
            }
            if (c == '\n') {
                line++;
            } else {
                // a backslash escape
                if (i >= lim) {
                    pos = i;
                    if (!fill()) {
                        throw unterminated(q, startOffset, startLine);
                    }
                    b = buf;
                    i = pos;
                    lim = limit;
                }
                if (b[i] == '\n') {
                    line++;
                }
                i++;
            }
        }
    }

    /** Skips the {@code /*} comment at {@link #pos}. */
    private void skipBlockComment(boolean release) throws IOException {
        final long startOffset = base + pos;
        final long startLine = line;
        pos += 2;
        for (;;) {
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            while (i < lim) {
                byte c = b[i];
                if (c == '*') {
                    if (i + 1 == lim) {
                        break;
                    }
                    if (b[i + 1] == '/') {
                        pos = i + 2;
                        return;
                    }
                } else if (c == '\n') {
                    line++;
                }
                i++;
            }
            pos = i;
            if (release) {
                keep = pos;
            }
            if (!fill()) {
                throw error(position(startOffset, startLine), "unterminated /* comment starting at line "
                        + startLine);
            }
        }
    }

    /** Skips to just after the next newline, or to the end of the input. */
    private void skipLineComment(boolean release) throws IOException {
        for (;;) {
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            while (i < lim && b[i] != '\n') {
                i++;
            }
            if (i < lim) {
                pos = i + 1;
                line++;
                return;
            }
            pos = i;
            if (release) {
                keep = pos;
            }
            if (!fill()) {
                return;
            }
        }
    }

    /**
     * Skips whitespace and comments.
     *
     * @param release        whether skipped bytes may be dropped from the buffer
     * @param statementStart whether this is before a statement, where the client also takes {@code --} without
     *                       a following space for a comment
     * @return false at the end of the input
     */
    private boolean skipBlank(boolean release, boolean statementStart) throws IOException {
        for (;;) {
            if (release) {
                keep = pos;
            }
            if (pos >= limit && !fill()) {
                return false;
            }
            int c = buf[pos] & 0xff;
            if (c == '\n') {
                line++;
                pos++;
                lineStart |= statementStart;
            } else if (isSpace(c)) {
                pos++;
            } else if (codeClass[c] == DELIMITER && atDelimiter()) {
                return true;
            } else if (c == '#' || c == '-' && peek(1) == '-' && (statementStart || isDashCommentEnd(peek(2)))) {
                skipLineComment(release); // to the start of the next line
                lineStart |= statementStart;
            } else if (c == '/' && peek(1) == '*' && !atExecutableComment()) {
                skipBlockComment(release);
                lineStart &= !statementStart;
            } else {
                return true;
            }
        }
    }

    private void skipByteOrderMark() throws IOException {
        if (peek(0) == 0xef && peek(1) == 0xbb && peek(2) == 0xbf) {
            pos += 3;
        }
    }

    /** At {@code /*}: whether it is {@code /*!}, {@code /*M!} or {@code /*+}, which are code. */
    private boolean atExecutableComment() throws IOException {
        int c = peek(2);
        return c == '!' || c == '+' || c == 'M' && peek(3) == '!';
    }

    private boolean atDelimiter() throws IOException {
        return delimiterAt(0);
    }

    /** Whether the delimiter stands {@code r} bytes after {@link #pos}. */
    private boolean delimiterAt(int r) throws IOException {
        byte[] d = delimiter;
        if (peek(r + d.length - 1) < 0 || buf[pos + r] != d[0]) {
            return false;
        }
        for (int k = 1; k < d.length; k++) {
            if (buf[pos + r + k] != d[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code \g} or {@code \G} stands at {@link #pos}: they end a statement as the delimiter does. */
    private boolean atGo() throws IOException {
        int n;
        return buf[pos] == '\\' && ((n = peek(1)) == 'g' || n == 'G');
    }

    private boolean startsWith(byte[] s) throws IOException {
        if (peek(s.length - 1) < 0) {
            return false;
        }
        return Arrays.equals(buf, pos, pos + s.length, s, 0, s.length);
    }

    /** Whether the keyword (upper case) stands at {@code pos + r}, case-insensitively, as a whole word. */
    private boolean isWordAt(int r, String keyword) throws IOException {
        int n = keyword.length();
        int after = peek(r + n);
        if (after >= 0 && SqlWords.isWordByte((byte) after)) {
            return false;
        }
        if (peek(r + n - 1) < 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = buf[pos + r + i] & 0xff;
            if (c != keyword.charAt(i) && (c & 0xdf) != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The byte at {@code pos + k}, reading more input as needed; -1 at the end of the input. */
    private int peek(int k) throws IOException {
        while (pos + k >= limit) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos + k] & 0xff;
    }

    /**
     * Reads more input behind {@link #limit}, first dropping the bytes before {@link #keep} when space runs low
     * and growing the buffer only when it is full of bytes that must be kept.
     *
     * @return false at the end of the input
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int free = buf.length - limit;
        if (keep > 0 && (free == 0 || free < buf.length >>> 3)) {
            int n = limit - keep;
            System.arraycopy(buf, keep, buf, 0, n);
            base += keep;
            pos -= keep;
            limit = n;
            keep = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxUnitBytes) {
                SourcePosition at = stmtOffset >= 0 ? position(stmtOffset, stmtLine) : here();
                throw error(at, "a statement or VALUES tuple is longer than " + maxUnitBytes + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, (long) maxUnitBytes + 64));
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Current buffer size, for tests of bounded memory. */
    int bufferCapacity() {
        return buf.length;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    /** After {@code --}: the server takes it for a comment before whitespace, a control byte or the end. */
    private static boolean isDashCommentEnd(int c) {
        return c <= ' ' || c == 0x7f; // includes -1, the end of the input
    }

    private SourcePosition here() {
        return new SourcePosition(source, line, base + pos);
    }

    private SourcePosition position(long offset, long atLine) {
        return new SourcePosition(source, atLine, offset);
    }

    private FormatException unterminated(byte q, long offset, long atLine) {
        String what = q == '`' ? "unterminated `...` identifier" : "unterminated " + (char) q + "..." + (char) q
                + " string";
        return error(position(offset, atLine), what + " starting at line " + atLine);
    }

    private FormatException error(SourcePosition at, String message) {
        String shown;
        if (inInsert) {
            shown = excerpt(excerpt, 0, excerptLen);
        } else if (stmtOffset >= base && stmtOffset - base < limit) {
            int from = (int) (stmtOffset - base);
            shown = excerpt(buf, from, Math.min(EXCERPT_BYTES, limit - from));
        } else {
            shown = "";
        }
        return new FormatException(at, message, shown);
    }

    /** Up to {@code max} bytes at {@link #pos}, for messages. */
    private String peekText(int max) throws IOException {
        int n = 0;
        while (n < max && peek(n) >= 0) {
            n++;
        }
        return excerpt(buf, pos, n);
    }

    /** A one-line, at most 80-character rendering of bytes for messages. */
    static String excerpt(byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        return FormatException.excerpt(s);
    }
}
