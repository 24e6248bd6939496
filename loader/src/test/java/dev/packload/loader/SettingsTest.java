package dev.packload.loader;

import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.write.OnDuplicate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings are built from one set of defaults and checked in their builders, naming the option. */
class SettingsTest {

    private static void failsNaming(String option, Supplier<?> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().startsWith(option), e.getMessage());
    }

    @Test
    void theWriterDefaultsAreWhatLoadRunsWith() {
        WriterOptions d = WriterOptions.defaults();
        assertEquals(OnDuplicate.AS_WRITTEN, d.onDuplicate());
        assertEquals(0, d.batchRows());
        assertEquals(32L << 20, d.commitBytes());
        assertFalse(d.stopOnReject());
        assertEquals(0, d.maxErrors());
        assertEquals(4L << 20, d.statementBytes());
        assertEquals(1024, d.preparedRows());
        assertFalse(d.stopAfter(1_000_000));
        WriterOptions changed = d.toBuilder().maxErrors(3).build();
        assertTrue(changed.stopAfter(3) && !changed.stopAfter(2));
        assertEquals(d.statementBytes(), changed.statementBytes());
    }

    @Test
    void badWriterValuesFailWithTheirOption() {
        failsNaming("--batch-rows", () -> WriterOptions.builder().batchRows(-1).build());
        failsNaming("--commit-bytes", () -> WriterOptions.builder().commitBytes(0).build());
        failsNaming("--max-errors", () -> WriterOptions.builder().maxErrors(-1).build());
        failsNaming("--statement-bytes", () -> WriterOptions.builder().statementBytes(-1).build());
        failsNaming("--prepared-rows", () -> WriterOptions.builder().preparedRows(-1).build());
    }

    @Test
    void csvDefaultsAndTextValues() {
        CsvOptions d = CsvOptions.defaults();
        assertEquals(StandardCharsets.UTF_8, d.encoding());
        assertFalse(d.loadData() || d.createTable() || d.ignoreUnknownColumns());
        assertNull(d.binaryEncoding());
        assertEquals("orders", d.tableFor("orders.csv.gz"));
        CsvOptions o = CsvOptions.builder().delimiter("tab").method("LOAD-DATA").binaryEncoding("Base64").build();
        assertEquals('\t', o.dialect("csv").delimiter());
        assertTrue(o.loadData());
        assertEquals(CsvOptions.BinaryEncoding.BASE64, o.binaryEncoding());
    }

    @Test
    void badCsvValuesFailWithTheirOption() {
        failsNaming("--delimiter", () -> CsvOptions.builder().delimiter(";;").build());
        failsNaming("--encoding", () -> CsvOptions.builder().encoding("no-such-charset").build());
        failsNaming("--binary-encoding", () -> CsvOptions.builder().binaryEncoding("octal").build());
        failsNaming("--method", () -> CsvOptions.builder().method("copy").build());
        failsNaming("--skip-lines", () -> CsvOptions.builder().skipLines(-1).build());
    }

    @Test
    void aRunNeedsInputsAndSaneValues() {
        failsNaming("no input given", () -> LoadConfig.builder().build());
        LoadConfig.Builder b = LoadConfig.builder().inputs(Path.of("dump.sql"));
        failsNaming("--threads", () -> b.threads(0).build());
        failsNaming("--max-statement-bytes", () -> b.threads(2).maxStatementBytes(-1).build());
        failsNaming("--default-character-set", () -> b.maxStatementBytes(0).defaultCharacterSet("utf8; DROP").build());
        failsNaming("the ring size", () -> b.defaultCharacterSet(null).ringSize(1000).build());
        failsNaming("--readers", () -> b.ringSize(64).readers(0).build());
        LoadConfig c = b.readers(3).format("CSV").build();
        assertEquals(3, c.readers());
        assertEquals("csv", c.format());
        assertEquals(WriterOptions.defaults().statementBytes(), c.writer().statementBytes());
    }
}
