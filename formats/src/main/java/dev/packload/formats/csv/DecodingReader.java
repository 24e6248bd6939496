package dev.packload.formats.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The character source commons-csv parses, and the memory of where those characters came from.
 *
 * <p>Bytes are decoded strictly: a sequence that is not valid in the charset becomes one {@link #INVALID} character
 * and is remembered with its bytes and offset, so the record that holds it can be flagged rather than loaded with a
 * silently replaced character. UTF-8 is decoded here (a UTF-8 byte-order mark is dropped; an invalid sequence is
 * replaced per maximal subpart, as the Unicode standard recommends); other charsets go through a reporting
 * {@link CharsetDecoder}.
 *
 * <p>The decoded characters stay in a window from {@link #release(long) the start of the oldest record not yet
 * delivered} onwards, so a record's original text can be cut out after commons-csv has parsed it, and its byte
 * offset computed exactly. Memory is the window (the largest pair of consecutive records plus commons-csv's
 * read-ahead) and one byte buffer, whatever the input size.
 *
 * <p>Line-end characters that the dialect treats as data are handed to commons-csv as {@link #LINE_DATA} (the copy in
 * the window stays intact), since commons-csv ends a record at any CR or LF: with {@code \n} separators every CR, and
 * with {@code \r\n} separators every CR or LF that is not part of an unescaped CRLF. Records that contain one are
 * decoded from their original text instead.
 *
 * <p>Why this is one class of some 680 lines, over the project's size rule: the decoder, the character window, the
 * substitutions and the byte-offset arithmetic all move the same four positions (the byte buffer's, the window's
 * base, the released point and the decoded end), and each of them is read by the others on every call; split apart,
 * those positions would become a shared mutable object passed between classes that never run alone. It is a lexer
 * stage in the sense of the style guide, and its contract is held by the reader tests ({@code CsvReaderSplitTest}:
 * byte-at-a-time and random splits against whole reads).
 */
final class DecodingReader extends Reader implements RecordText {
    /** Stands in for a byte sequence that is invalid in the input's charset. */
    static final char INVALID = '\ufffd';
    /** Stands in, for commons-csv only, for a line-end character that is data. */
    static final char LINE_DATA = '\ufdd0';

    enum LineEnds { ANY, LF, CRLF }

    private final InputStream in;
    private final Charset charset;
    private final boolean utf8;
    private final CharsetDecoder decoder;
    private final LineEnds lineEnds;
    /** The escape character, or -1. */
    private final int escape;

    private final byte[] bytes;
    private int bpos;
    private int blim;
    /** Stream offset of {@code bytes[0]}. */
    private long bbase;
    private boolean inputEnded;
    private boolean decodedAll;
    private boolean bomChecked;
    /** The decoder stopped at an incomplete sequence: it needs more bytes before it can go on. */
    private boolean starved;
    /** The generic decoder has seen all input and is being flushed. */
    private boolean flushing;
    /** Length of the byte-order mark dropped at the start (UTF-8 only). */
    private int bomLength;

    private char[] window;
    /** Character position of {@code window[0]}. */
    private long wbase;
    private int wlim;
    /** Index of the next character to hand out. */
    private int out;
    private long keepFrom;
    private long skippedBytes;

    /** Decode steps, as (first character, first byte, whether each character came from one byte). */
    private final LongQueue chunkChar = new LongQueue();
    private final LongQueue chunkByte = new LongQueue();
    private final LongQueue chunkLinear = new LongQueue();

    /** Invalid sequences: character position, byte offset, and their bytes. */
    private final LongQueue badChar = new LongQueue();
    private final LongQueue badByte = new LongQueue();
    private byte[][] badBytes = new byte[16][];
    private int badBytesHead;

    /** Positions handed out as {@link #LINE_DATA}; an LF is stored as {@code -pos - 1}. */
    private final LongQueue subs = new LongQueue();
    /** LFs handed out as {@link #LINE_DATA} so far. */
    private long subLfTotal;
    /** CRLF mode: the next character is escaped; the next LF completes a CRLF. */
    private boolean escapedNext;
    private boolean pairedLf;

    private CharsetEncoder encoder;

    DecodingReader(InputStream in, Charset charset, LineEnds lineEnds, Character escape, int byteBufferSize,
            int windowSize) {
        this.in = in;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.decoder = utf8 ? null : charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.lineEnds = lineEnds;
        this.escape = escape == null ? -1 : escape;
        this.bytes = new byte[Math.max(8, byteBufferSize)];
        this.window = new char[Math.max(4, windowSize)];
    }

    // ---- Reader, for commons-csv

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        while ((n = handable()) == 0) {
            if (!fill()) {
                n = handable(); // a CR held back until the end was known
                if (n == 0) {
                    return -1;
                }
                break;
            }
        }
        n = Math.min(n, len);
        System.arraycopy(window, out, dst, off, n);
        if (lineEnds != LineEnds.ANY) {
            substitute(dst, off, n);
        }
        out += n;
        return n;
    }

    /** Characters that can be handed out now: with CRLF ends, a trailing CR waits for the next character. */
    private int handable() {
        int n = wlim - out;
        if (n > 0 && lineEnds == LineEnds.CRLF && !decodedAll && window[wlim - 1] == '\r') {
            n--;
        }
        return n;
    }

    private void substitute(char[] dst, int off, int n) {
        long pos = wbase + out;
        if (lineEnds == LineEnds.LF) {
            for (int i = 0; i < n; i++) {
                if (dst[off + i] == '\r') {
                    dst[off + i] = LINE_DATA;
                    subs.add(pos + i);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = dst[off + i];
            if (escapedNext) {
                escapedNext = false;
                if (c == '\r' || c == '\n') {
                    dataLineEnd(dst, off + i, pos + i, c);
                }
            } else if (c == escape) {
                escapedNext = true;
            } else if (c == '\r') {
                int next = out + i + 1;
                if (next < wlim && window[next] == '\n') {
                    pairedLf = true;
                } else {
                    dataLineEnd(dst, off + i, pos + i, c);
                }
            } else if (c == '\n') {
                if (pairedLf) {
                    pairedLf = false;
                } else {
                    dataLineEnd(dst, off + i, pos + i, c);
                }
            }
        }
    }

    private void dataLineEnd(char[] dst, int i, long pos, char c) {
        dst[i] = LINE_DATA;
        if (c == '\n') {
            subs.add(-pos - 1);
            subLfTotal++;
        } else {
            subs.add(pos);
        }
    }

    @Override
    public void close() {
        // the caller owns the input stream
    }

    // ---- what the CSV reader asks

    /** Position of the next character to hand out. */
    long position() {
        return wbase + out;
    }

    /** Decodes until position p is decoded or the input ends (for messages, which must not depend on buffering). */
    void decodeUpTo(long p) throws IOException {
        while (wbase + wlim < p && fill()) {
            // more
        }
    }

    /** Number of characters decoded so far: at the end of the input, the position after the last one. */
    long end() {
        return wbase + wlim;
    }

    /** The window, for reading the characters of a retained range in place: index of position p is p - base. */
    char[] window() {
        return window;
    }

    long windowBase() {
        return wbase;
    }

    @Override
    public String text(long from, long to) {
        return new String(window, (int) (from - wbase), (int) (to - from));
    }

    /**
     * Skips {@code n} physical lines (a line ends at LF, and with {@code ANY} line ends also at a lone CR or CRLF)
     * before anything is handed to commons-csv, releasing them as it goes; returns how many were skipped. Afterwards
     * {@link #startByteOffset()} is the byte offset of {@link #position()}.
     */
    long skipLines(long n) throws IOException {
        long skipped = 0;
        if (out == wlim) {
            fill(); // decodes the start, so a byte-order mark is known
        }
        long lineStart = position();
        while (skipped < n) {
            if (out == wlim && !fill()) {
                break;
            }
            char c = window[out++];
            if (c == '\n') {
                skipped++;
            } else if (c == '\r' && lineEnds == LineEnds.ANY) {
                skipped++;
                if ((out < wlim || fill()) && window[out] == '\n') {
                    out++;
                }
            } else {
                continue;
            }
            skippedBytes += byteLength(lineStart, position());
            lineStart = position();
            release(lineStart);
        }
        skippedBytes += byteLength(lineStart, position());
        release(position());
        return skipped;
    }

    /** Byte offset of {@link #position()} right after {@link #skipLines(long)}: BOM and skipped lines. */
    long startByteOffset() {
        return bomLength + skippedBytes;
    }

    /** Characters before {@code p} may be dropped; also forgets what it knew about them. */
    void release(long p) {
        keepFrom = p;
        while (chunkChar.size() > 1 && chunkChar.get(1) <= p) {
            chunkChar.poll();
            chunkByte.poll();
            chunkLinear.poll();
        }
        while (badChar.size() > 0 && badChar.get(0) < p) {
            badChar.poll();
            badByte.poll();
            badBytes[badBytesHead] = null;
            badBytesHead = (badBytesHead + 1) % badBytes.length;
        }
        while (subs.size() > 0 && decodeSub(subs.get(0)) < p) {
            subs.poll();
        }
    }

    /** Whether a character in [from, to) was handed out as {@link #LINE_DATA}. */
    boolean hasDataLineEnd(long from, long to) {
        for (int i = 0; i < subs.size(); i++) {
            long p = decodeSub(subs.get(i));
            if (p >= to) {
                return false;
            }
            if (p >= from) {
                return true;
            }
        }
        return false;
    }

    /** LFs handed out as {@link #LINE_DATA} before position p (p at or after the last release). */
    long dataLfBefore(long p) {
        long after = 0;
        for (int i = subs.size() - 1; i >= 0; i--) {
            long s = subs.get(i);
            if (decodeSub(s) < p) {
                break;
            }
            if (s < 0) {
                after++;
            }
        }
        return subLfTotal - after;
    }

    private static long decodeSub(long s) {
        return s < 0 ? -s - 1 : s;
    }

    /** The character at p as commons-csv saw it (p handed out and retained). */
    char handedOut(long p) {
        char c = window[(int) (p - wbase)];
        return (c == '\r' || c == '\n') && isSub(p) ? LINE_DATA : c;
    }

    private boolean isSub(long p) {
        for (int i = 0; i < subs.size(); i++) {
            long s = decodeSub(subs.get(i));
            if (s == p) {
                return true;
            }
            if (s > p) {
                return false;
            }
        }
        return false;
    }

    /**
     * A message for the invalid sequences in [from, to), or null when there are none, e.g.
     * {@code invalid UTF-8 byte 0xC3 at byte offset 1234}.
     */
    String invalidIn(long from, long to) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < badChar.size(); i++) {
            long p = badChar.get(i);
            if (p >= to) {
                break;
            }
            if (p >= from) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (first < 0) {
            return null;
        }
        byte[] b = badBytes[(badBytesHead + first) % badBytes.length];
        StringBuilder m = new StringBuilder("invalid ").append(utf8 ? "UTF-8" : charset.name())
                .append(b.length == 1 ? " byte" : " bytes");
        for (byte x : b) {
            m.append(String.format(" 0x%02X", x & 0xff));
        }
        m.append(" at byte offset ").append(badByte.get(first));
        if (count > 1) {
            m.append(" (and ").append(count - 1).append(" more invalid sequence").append(count > 2 ? "s" : "")
                    .append(" in this record)");
        }
        return m.toString();
    }

    /** The number of input bytes that [from, to) was decoded from (both retained). */
    long byteLength(long from, long to) {
        long total = 0;
        int k = 0;
        while (k + 1 < chunkChar.size() && chunkChar.get(k + 1) <= from) {
            k++;
        }
        for (; k < chunkChar.size(); k++) {
            long cs = chunkChar.get(k);
            long ce = k + 1 < chunkChar.size() ? chunkChar.get(k + 1) : wbase + wlim;
            long a = Math.max(from, cs);
            long b = Math.min(to, ce);
            if (a >= to) {
                break;
            }
            if (a < b) {
                total += chunkLinear.get(k) != 0 ? b - a : encodedLength(a, b);
            }
        }
        return total;
    }

    private long encodedLength(long from, long to) {
        long n = 0;
        long p = from;
        for (int i = 0; i < badChar.size(); i++) {
            long bad = badChar.get(i);
            if (bad >= to) {
                break;
            }
            if (bad >= p) {
                n += goodLength(p, bad) + badBytes[(badBytesHead + i) % badBytes.length].length;
                p = bad + 1;
            }
        }
        return n + goodLength(p, to);
    }

    /** Encoded length of [from, to), which holds no invalid sequence. */
    private long goodLength(long from, long to) {
        if (from >= to) {
            return 0;
        }
        int a = (int) (from - wbase);
        int b = (int) (to - wbase);
        if (utf8) {
            long n = 0;
            char[] w = window;
            for (int i = a; i < b; i++) {
                char c = w[i];
                n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return n;
        }
        return encode(a, b).remaining();
    }

    private ByteBuffer encode(int a, int b) {
        if (encoder == null) {
            encoder = charset.newEncoder();
        }
        try {
            return encoder.reset().encode(CharBuffer.wrap(window, a, b - a));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("decoded text does not encode back to " + charset.name(), e);
        }
    }

    /** The original bytes of [from, to): the text encoded again, with invalid sequences as they were. */
    @Override
    public byte[] bytes(long from, long to) {
        ByteArrayOutputStream o = new ByteArrayOutputStream((int) (to - from) + 16);
        long p = from;
        for (int i = 0; i < badChar.size() && p < to; i++) {
            long bad = badChar.get(i);
            if (bad >= to) {
                break;
            }
            if (bad >= p) {
                appendEncoded(o, p, bad);
                o.writeBytes(badBytes[(badBytesHead + i) % badBytes.length]);
                p = bad + 1;
            }
        }
        appendEncoded(o, p, to);
        return o.toByteArray();
    }

    private void appendEncoded(ByteArrayOutputStream o, long from, long to) {
        if (from >= to) {
            return;
        }
        int a = (int) (from - wbase);
        int b = (int) (to - wbase);
        if (utf8) {
            o.writeBytes(new String(window, a, b - a).getBytes(StandardCharsets.UTF_8));
        } else {
            ByteBuffer bb = encode(a, b);
            o.write(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
        }
    }

    // ---- decoding

    /** Decodes more characters into the window; false when the input is exhausted. */
    private boolean fill() throws IOException {
        while (!decodedAll) {
            makeRoom();
            if (!inputEnded && (bpos == blim || starved)) {
                readBytes();
            }
            int before = wlim;
            long charStart = wbase + wlim;
            long byteStart = bbase + bpos;
            if (utf8) {
                decodeUtf8();
            } else {
                decodeGeneric();
            }
            int produced = wlim - before;
            if (produced > 0) {
                long consumed = bbase + bpos - byteStart;
                chunkChar.add(charStart);
                chunkByte.add(byteStart);
                chunkLinear.add(consumed == produced ? 1 : 0);
                return true;
            }
        }
        return false;
    }

    private void readBytes() throws IOException {
        if (bpos > 0) {
            System.arraycopy(bytes, bpos, bytes, 0, blim - bpos);
            bbase += bpos;
            blim -= bpos;
            bpos = 0;
        }
        int n = in.read(bytes, blim, bytes.length - blim);
        if (n < 0) {
            inputEnded = true;
        } else {
            blim += n;
        }
    }

    /** Makes room for at least a few characters: drops released ones, or grows the window. */
    private void makeRoom() {
        int free = window.length - wlim;
        if (free >= 4) {
            return;
        }
        int drop = (int) (keepFrom - wbase);
        if (drop > 0 && drop >= window.length / 4) {
            System.arraycopy(window, drop, window, 0, wlim - drop);
            wbase += drop;
            wlim -= drop;
            out -= drop;
        } else {
            window = Arrays.copyOf(window, window.length * 2);
        }
    }

    private void decodeUtf8() {
        starved = false;
        byte[] b = bytes;
        int bp = bpos;
        int bl = blim;
        if (!bomChecked) {
            if (bl - bp < 3 && !inputEnded) {
                starved = true;
                return;
            }
            bomChecked = true;
            if (bl - bp >= 3 && b[bp] == (byte) 0xEF && b[bp + 1] == (byte) 0xBB && b[bp + 2] == (byte) 0xBF) {
                bp += 3;
                bpos = bp;
                bomLength = 3;
            }
        }
        char[] w = window;
        int cp = wlim;
        int cl = w.length - 1; // room for a surrogate pair
        while (bp < bl && cp < cl) {
            int x = b[bp];
            if (x >= 0) {
                w[cp++] = (char) x;
                bp++;
                continue;
            }
            int b0 = x & 0xff;
            int len = Utf8.expectedLength(b0);
            int v = Utf8.validPrefix(b, bp, bl);
            if (v < 0 && len > -v && bp - v == bl && !inputEnded) {
                starved = true; // the sequence goes on in bytes not read yet
                break;
            }
            if (v > 0) {
                int cpnt = Utf8.codePoint(b, bp, len);
                if (cpnt >= 0x10000) {
                    w[cp++] = Character.highSurrogate(cpnt);
                    w[cp++] = Character.lowSurrogate(cpnt);
                } else {
                    w[cp++] = (char) cpnt;
                }
                bp += len;
            } else {
                bad(wbase + cp, bbase + bp, Arrays.copyOfRange(b, bp, bp - v));
                w[cp++] = INVALID;
                bp -= v;
            }
        }
        bpos = bp;
        wlim = cp;
        if (bp == bl && inputEnded) {
            decodedAll = true;
        }
    }

    private void decodeGeneric() {
        starved = false;
        ByteBuffer bb = ByteBuffer.wrap(bytes, bpos, blim - bpos);
        // one character kept free for an INVALID after a full buffer
        CharBuffer cb = CharBuffer.wrap(window, wlim, window.length - wlim - 1);
        int extra = 0;
        while (true) {
            if (flushing) {
                if (decoder.flush(cb).isUnderflow()) {
                    decodedAll = true;
                }
                break;
            }
            CoderResult r = decoder.decode(bb, cb, inputEnded);
            if (r.isError()) {
                int at = bb.position();
                bad(wbase + cb.position(), bbase + at, Arrays.copyOfRange(bytes, at, at + r.length()));
                bb.position(at + r.length());
                if (cb.hasRemaining()) {
                    cb.put(INVALID);
                    continue;
                }
                window[cb.position()] = INVALID;
                extra = 1;
                break;
            }
            if (r.isUnderflow()) {
                if (inputEnded) {
                    flushing = true;
                    continue;
                }
                starved = bb.hasRemaining();
            }
            break;
        }
        bpos = bb.position();
        wlim = cb.position() + extra;
    }

    private void bad(long charPos, long byteOffset, byte[] seq) {
        if (badChar.size() == badBytes.length) {
            byte[][] grown = new byte[badBytes.length * 2][];
            for (int i = 0; i < badChar.size(); i++) {
                grown[i] = badBytes[(badBytesHead + i) % badBytes.length];
            }
            badBytes = grown;
            badBytesHead = 0;
        }
        badBytes[(badBytesHead + badChar.size()) % badBytes.length] = seq;
        badChar.add(charPos);
        badByte.add(byteOffset);
    }

    /** A growable FIFO of longs with random access from the head. */
    static final class LongQueue {
        private long[] a = new long[16];
        private int head;
        private int size;

        void add(long v) {
            if (size == a.length) {
                long[] g = new long[a.length * 2];
                for (int i = 0; i < size; i++) {
                    g[i] = a[(head + i) & (a.length - 1)];
                }
                a = g;
                head = 0;
            }
            a[(head + size) & (a.length - 1)] = v;
            size++;
        }

        long get(int i) {
            return a[(head + i) & (a.length - 1)];
        }

        long poll() {
            long v = a[head];
            head = (head + 1) & (a.length - 1);
            size--;
            return v;
        }

        int size() {
            return size;
        }
    }
}
