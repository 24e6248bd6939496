package dev.packload.loader.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplicaOptionsTest {

    @Test
    void hostAndPort() {
        assertEquals(new ReplicaOptions.HostPort("db2", 3307), ReplicaOptions.HostPort.parse("db2:3307"));
        assertEquals(new ReplicaOptions.HostPort("db2", 3306), ReplicaOptions.HostPort.parse("db2"));
        assertEquals(new ReplicaOptions.HostPort("::1", 3308), ReplicaOptions.HostPort.parse("[::1]:3308"));
        assertEquals("[::1]:3308", ReplicaOptions.HostPort.parse("[::1]:3308").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplicaOptions.HostPort.parse("db2:port"));
        assertEquals("--replica takes HOST:PORT, not 'db2:port'", e.getMessage());
    }
}
