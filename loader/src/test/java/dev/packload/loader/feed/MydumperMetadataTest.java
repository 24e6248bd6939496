package dev.packload.loader.feed;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MydumperMetadataTest {

    private static Path fixture(String c) throws Exception {
        return Path.of(MydumperMetadataTest.class.getClassLoader().getResource("mydumper/" + c + "/dump/metadata")
                .toURI());
    }

    @Test
    void oneZeroIsAnIniFileWithSessionVariablesRealNamesRowsAndTwoConfigGroups() throws Exception {
        MydumperMetadata m = MydumperMetadata.read(fixture("v1.0-escaped-names"));
        assertTrue(m.ini());
        assertEquals(Map.of("SQL_MODE", "'NO_AUTO_VALUE_ON_ZERO,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,"
                + "NO_ENGINE_SUBSTITUTION'"), m.sessionVariables(), "the /*!40101 after the value is left out");
        assertEquals("t`tick", m.tables().get("mydumper_0.mydumper_2").realName());
        assertEquals("t.dot", m.tables().get("mydumper_0.mydumper_1").realName());
        assertTrue(m.tables().get("mydumper_0.mydumper_4").view());
        assertEquals("BACKTICK", m.config().get("quote-character"));
        assertTrue(m.config().containsKey("max-statement-size"), "the second [config] group is merged");
        assertEquals("1", MydumperMetadata.read(fixture("v1.0-load-data")).config().get("local-infile"));
        assertEquals(2000, MydumperMetadata.read(fixture("v1.0-chunked")).tables().get("fx_types_e3eb0c.many_rows")
                .rows());
    }

    @Test
    void zeroTenIsTextWithNothingForALoader() throws Exception {
        MydumperMetadata m = MydumperMetadata.read(fixture("v0.10-sql"));
        assertFalse(m.ini());
        assertTrue(m.tables().isEmpty());
        assertNull(m.config().get("local-infile"));
    }

    @Test
    void groupNamesInBackquotes() {
        assertEquals(java.util.List.of("a`b", "c.d"), MydumperMetadata.names("`a``b`.`c.d`"));
        assertEquals(java.util.List.of("db"), MydumperMetadata.names("`db`"));
        assertNull(MydumperMetadata.names("`a`x"));
        assertNull(MydumperMetadata.names("`a`.`b`.`c`"));
    }
}
