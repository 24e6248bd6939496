package dev.packload.loader.faults;

import dev.packload.loader.testing.Server;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A journal schema of a trial's own, dropped after it. */
record JournalSchema(Server server, String schema) implements AutoCloseable {
    static JournalSchema fresh(Server server) {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return new JournalSchema(server, "pl_journal_" + HexFormat.of().formatHex(b));
    }

    @Override
    public void close() throws Exception {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + schema + "`");
        }
    }
}
