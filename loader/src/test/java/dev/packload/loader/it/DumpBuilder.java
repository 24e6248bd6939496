package dev.packload.loader.it;

import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes dump files the way mysqldump does, with values encoded by {@link SqlLiteral}, for integration tests. */
final class DumpBuilder {
    private final ByteSink sink = new ByteSink(1 << 16);

    DumpBuilder sql(String statement) {
        byte[] b = (statement + ";\n").getBytes(StandardCharsets.UTF_8);
        sink.append(b, 0, b.length);
        return this;
    }

    /** Starts {@code INSERT INTO `t` VALUES }. */
    DumpBuilder insert(String table) {
        raw("INSERT INTO `" + table + "` VALUES ");
        return this;
    }

    DumpBuilder raw(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sink.append(b, 0, b.length);
        return this;
    }

    DumpBuilder number(long n) {
        SqlLiteral.appendNumber(sink, Long.toString(n));
        return this;
    }

    DumpBuilder hex(byte[] v) {
        SqlLiteral.appendBinary(sink, v, 0, v.length);
        return this;
    }

    /** A string literal with backslash escapes; with {@code binary} the {@code _binary} introducer mysqldump writes. */
    DumpBuilder string(byte[] v, boolean binary) {
        if (binary) {
            raw("_binary ");
        }
        SqlLiteral.appendString(sink, v, 0, v.length, false);
        return this;
    }

    Path write(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, java.util.Arrays.copyOf(sink.array(), sink.length()));
        return p;
    }
}
