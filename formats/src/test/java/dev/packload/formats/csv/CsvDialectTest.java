package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void presets() {
        CsvDialect csv = CsvDialect.rfc4180();
        assertEquals(',', csv.delimiter());
        assertEquals('"', csv.quote());
        assertNull(csv.escape());
        assertNull(csv.recordSeparator());
        assertTrue(csv.header());
        assertEquals(Set.of(), csv.nullStrings());
        assertEquals(csv, CsvDialect.excel());

        CsvDialect tsv = CsvDialect.tsv();
        assertEquals('\t', tsv.delimiter());
        assertNull(tsv.quote());
        assertNull(tsv.escape());

        CsvDialect mysql = CsvDialect.mysql();
        assertEquals('\t', mysql.delimiter());
        assertNull(mysql.quote());
        assertEquals('\\', mysql.escape());
        assertEquals("\n", mysql.recordSeparator());
        assertFalse(mysql.header());
        assertFalse(mysql.emptyAsNull());
    }

    @Test
    void byName() {
        assertEquals(CsvDialect.rfc4180(), CsvDialect.named("csv"));
        assertEquals(CsvDialect.rfc4180(), CsvDialect.named("RFC4180"));
        assertEquals(CsvDialect.excel(), CsvDialect.named("excel"));
        assertEquals(CsvDialect.tsv(), CsvDialect.named("tsv"));
        assertEquals(CsvDialect.mysql(), CsvDialect.named("MySQL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvDialect.named("xls"));
        assertEquals("unknown text format 'xls': expected one of csv, rfc4180, excel, tsv, mysql", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvDialect.named(null));
    }

    @Test
    void withersChangeOneThing() {
        CsvDialect d = CsvDialect.rfc4180().withDelimiter(';').withQuote('\'').withEscape('\\')
                .withRecordSeparator("\r\n").withHeader(false).withSkipLines(2).withNullStrings(Set.of("NULL"))
                .withEmptyAsNull(true).withTrailingDelimiter(true);
        assertEquals(new CsvDialect(';', '\'', '\\', "\r\n", false, 2, Set.of("NULL"), true, true), d);
        assertNull(d.withQuote(null).quote());
    }

    @Test
    void nullStringsAreCopied() {
        Set<String> mutable = new HashSet<>(Set.of("NULL"));
        CsvDialect d = CsvDialect.rfc4180().withNullStrings(mutable);
        mutable.add("x");
        assertEquals(Set.of("NULL"), d.nullStrings());
        assertEquals(Set.of(), CsvDialect.rfc4180().withNullStrings(null).nullStrings());
    }

    @Test
    void badCombinationsFailAtOnce() {
        CsvDialect csv = CsvDialect.rfc4180();
        assertThrows(IllegalArgumentException.class, () -> csv.withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> csv.withDelimiter('\n'));
        assertThrows(IllegalArgumentException.class, () -> csv.withDelimiter('\ufffd'));
        assertThrows(IllegalArgumentException.class, () -> csv.withEscape(','));
        assertThrows(IllegalArgumentException.class, () -> csv.withEscape('"'));
        assertThrows(IllegalArgumentException.class, () -> csv.withQuote('\r'));
        assertThrows(IllegalArgumentException.class, () -> csv.withSkipLines(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.withRecordSeparator(";"));
        assertTrue(e.getMessage().contains("\\n, \\r\\n or null"), e.getMessage());
    }
}
