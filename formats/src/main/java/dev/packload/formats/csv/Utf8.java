package dev.packload.formats.csv;

/** UTF-8 validation as the Unicode standard describes it, with invalid input measured in maximal subparts. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of the sequence a lead byte starts (2 to 4), or 0 when it cannot start one. */
    static int expectedLength(int b0) {
        return b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
    }

    /**
     * The sequence starting at {@code b[p]} (a byte at or above 0x80), looked at no further than {@code limit}: its
     * length when it is a valid character, else minus the length of its maximal subpart, the bytes that one U+FFFD
     * replaces (at least 1).
     */
    static int validPrefix(byte[] b, int p, int limit) {
        int b0 = b[p] & 0xff;
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
        } else if (b0 == 0xE0) {
            len = 3;
            lo = 0xA0;
        } else if (b0 == 0xED) {
            len = 3;
            hi = 0x9F;
        } else if (b0 >= 0xE1 && b0 <= 0xEF) {
            len = 3;
        } else if (b0 == 0xF0) {
            len = 4;
            lo = 0x90;
        } else if (b0 >= 0xF1 && b0 <= 0xF3) {
            len = 4;
        } else if (b0 == 0xF4) {
            len = 4;
            hi = 0x8F;
        } else {
            return -1;
        }
        int valid = 1;
        for (int k = 1; k < len && p + k < limit; k++) {
            int bk = b[p + k] & 0xff;
            if (bk < (k == 1 ? lo : 0x80) || bk > (k == 1 ? hi : 0xBF)) {
                break;
            }
            valid = k + 1;
        }
        return valid == len ? len : -valid;
    }

    /** The code point of the valid {@code len}-byte sequence at {@code b[p]} (len 2 to 4). */
    static int codePoint(byte[] b, int p, int len) {
        int x = b[p];
        return len == 2 ? (x & 0x1F) << 6 | b[p + 1] & 0x3F
                : len == 3 ? (x & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | b[p + 2] & 0x3F
                : (x & 0x07) << 18 | (b[p + 1] & 0x3F) << 12 | (b[p + 2] & 0x3F) << 6 | b[p + 3] & 0x3F;
    }

    /**
     * Decodes {@code b[from, to)}, each maximal subpart of an invalid sequence becoming one U+FFFD, as the Unicode
     * standard recommends (the JDK's decoder replaces some of them differently).
     */
    static String decode(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        int p = from;
        while (p < to) {
            int x = b[p];
            if (x >= 0) {
                s.append((char) x);
                p++;
                continue;
            }
            int n = validPrefix(b, p, to);
            if (n < 0) {
                s.append('\ufffd');
                p -= n;
                continue;
            }
            s.appendCodePoint(codePoint(b, p, n));
            p += n;
        }
        return s.toString();
    }
}
