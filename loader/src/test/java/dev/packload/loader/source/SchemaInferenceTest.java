package dev.packload.loader.source;

import dev.packload.formats.csv.CsvDialect;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaInferenceTest {

    private static SchemaInference infer(String csv) throws Exception {
        return SchemaInference.sample(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv",
                CsvDialect.rfc4180(), StandardCharsets.UTF_8, List.of(), 0);
    }

    private static String types(SchemaInference s) {
        return String.join(", ", s.columns().stream().map(c -> c.name() + " " + c.type() + (c.nullable() ? " NULL" : "")).toList());
    }

    @Test
    void theNarrowestTypeThatHoldsEverySampledValue() throws Exception {
        SchemaInference s = infer("i,b,d,f,dt,ts,s,n\n"
                + "1,3000000000,1.25,1e3,2024-01-31,2024-01-31 10:00:00.123,abc,\n"
                + "-7,1,-10.5,2.5,1999-12-01,2024-02-01T00:00:00,\"longer, text\",\n");
        // -10.5 needs two integer digits; an unquoted empty CSV field is an empty string, not NULL
        assertEquals("i INT, b BIGINT, d DECIMAL(4,2), f DOUBLE, dt DATE, ts DATETIME(3), s VARCHAR(16), n VARCHAR(16)",
                types(s));
        assertEquals(2, s.sampled());
        assertEquals("CREATE TABLE `t` (\n  `i` INT NOT NULL,\n  `b` BIGINT NOT NULL,\n  `d` DECIMAL(4,2) NOT NULL,\n"
                + "  `f` DOUBLE NOT NULL,\n  `dt` DATE NOT NULL,\n  `ts` DATETIME(3) NOT NULL,\n  `s` VARCHAR(16) NOT NULL,\n"
                + "  `n` VARCHAR(16) NOT NULL\n) DEFAULT CHARSET=utf8mb4", s.createTable(null, "t"));
    }

    @Test
    void mixedValuesWidenAndLongTextBecomesText() throws Exception {
        SchemaInference s = infer("a,b,c\n1,2024-01-01,x\nx,5," + "y".repeat(300) + "\n");
        assertEquals("a VARCHAR(16), b VARCHAR(16), c TEXT", types(s));
        assertEquals(300, s.columns().get(2).maxBytes());
    }

    @Test
    void hugeIntegersAreDecimalsAndAColumnWithNullsIsNullable() throws Exception {
        SchemaInference s = SchemaInference.sample(new ByteArrayInputStream("a,b\n123456789012345678901234567890,NULL\n"
                .getBytes(StandardCharsets.UTF_8)), "t.csv", CsvDialect.rfc4180().withNullStrings(java.util.Set.of("NULL")),
                StandardCharsets.UTF_8, List.of(), 0);
        assertEquals("a DECIMAL(30,0), b VARCHAR(255) NULL", types(s));
    }
}
