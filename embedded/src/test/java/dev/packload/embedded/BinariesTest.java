package dev.packload.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When more than one bundled MariaDB is on the class path, the newest by version number is used. */
class BinariesTest {
    @Test
    void versionsSortAsNumbersNotAsText() {
        assertTrue(Binaries.versionKey("mariadb-11.4.5").compareTo(Binaries.versionKey("mariadb-10.11.9")) > 0);
        assertTrue(Binaries.versionKey("mariadb-11.4.10").compareTo(Binaries.versionKey("mariadb-11.4.5")) > 0);
    }
}
