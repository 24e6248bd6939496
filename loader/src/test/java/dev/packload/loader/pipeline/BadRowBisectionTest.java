package dev.packload.loader.pipeline;

import dev.packload.loader.write.RecordingSession;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement refused for a row's data is bisected (pgloader's way): halves go again as one statement each, refused
 * halves are halved down to single rows, and only the bad rows are rejected, the same rows a row-by-row replay
 * rejected, in the same order; every good row is sent once by the statements the server took.
 */
class BadRowBisectionTest {
    private static final Pattern ID = Pattern.compile("\\((\\d+),'v'\\)");

    private static RecordedLoad load(int rows, Set<Integer> bad) throws Exception {
        // the fake server refuses any statement holding a bad row, as a server refuses a multi-row INSERT
        RecordingSession session = new RecordingSession(16 << 20, 0, sql -> bad.stream()
                .anyMatch(b -> sql.contains("(" + b + ",'v')")));
        return RecordedLoad.of(session, WriterOptions.builder().batchRows(rows).build(), rows);
    }

    private static List<Integer> ids(List<String> statements) {
        List<Integer> ids = new ArrayList<>();
        for (String s : statements) {
            Matcher m = ID.matcher(s);
            while (m.find()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return ids;
    }

    @Test
    void oneBadRowInABigBatchCostsALogarithmOfStatements() throws Exception {
        RecordedLoad l = load(4096, Set.of(2701));
        assertNull(l.failure());
        assertEquals(1, l.stats().rowsRejected());
        assertEquals(4095, l.stats().rowsLoaded());
        int statements = l.session().statements().size() + l.session().refusedTexts().size();
        // the whole statement, then two halves per level of 12: 25 statements where row by row took 4097
        assertEquals(1 + 2 * 12, statements, l.session().refusedTexts().toString());
        assertTrue(l.rejects().contains("(2701,'v')") && l.rejects().contains("ERROR 1062"), l.rejects());
    }

    @Property(tries = 60)
    void exactlyTheBadRowsAreRejectedInOrderAndEveryGoodRowIsSentOnce(
            @ForAll @IntRange(min = 1, max = 700) int rows,
            @ForAll @Size(max = 12) @UniqueElements List<@IntRange(min = 1, max = 700) Integer> badRows)
            throws Exception {
        Set<Integer> bad = new TreeSet<>();
        badRows.stream().filter(b -> b <= rows).forEach(bad::add);
        RecordedLoad l = load(rows, bad);
        assertNull(l.failure());
        assertEquals(bad.size(), l.stats().rowsRejected());
        assertEquals(rows - bad.size(), l.stats().rowsLoaded());
        List<Integer> sent = ids(l.session().statementTexts());
        List<Integer> good = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            if (!bad.contains(i)) {
                good.add(i);
            }
        }
        assertEquals(good, sent, "every good row once, in order, in statements the server took");
        List<Integer> rejected = new ArrayList<>();
        Matcher m = Pattern.compile("VALUES \\((\\d+),'v'\\)").matcher(l.rejects());
        while (m.find()) {
            rejected.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(new ArrayList<>(bad), rejected, "the bad rows, in input order, as row by row rejected them");
    }
}
