package dev.packload.loader.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Shows the rows a statement of the input returns ({@code SELECT 'LOADING employees' as 'INFO';}) as the mysql client
 * does in batch mode ({@code mariadb < file}, MariaDB client 15.1): a line of column names, then one line per row,
 * tab-separated, a NULL as {@code NULL}, and in values a tab, newline, backslash and NUL byte written {@code \t},
 * {@code \n}, {@code \\} and {@code \0}; nothing at all for no rows. A statement ended with {@code \G} is shown one
 * column per line under a {@code *** 1. row ***} rule, names right-aligned, values as they are (a NUL byte as a
 * space). Values go out as the server sent their bytes.
 */
public final class ResultPrinter {
    private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);
    private static final String RULE = "***************************";

    private final OutputStream out;

    public ResultPrinter(OutputStream out) {
        this.out = out;
    }

    /** Prints the rows of one result set, whole, and flushes. */
    public void print(ResultSet rows, boolean vertical) throws SQLException {
        ResultSetMetaData md = rows.getMetaData();
        int n = md.getColumnCount();
        byte[][] names = new byte[n][];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1).getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long row = 0;
        while (rows.next()) {
            row++;
            if (vertical) {
                verticalRow(b, rows, names, row);
            } else {
                if (row == 1) {
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            b.write('\t');
                        }
                        b.writeBytes(names[i]);
                    }
                    b.write('\n');
                }
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.write('\t');
                    }
                    escaped(b, rows.getBytes(i + 1));
                }
                b.write('\n');
            }
        }
        synchronized (this) {
            try {
                b.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a statement's rows to standard output", e);
            }
        }
    }

    private static void verticalRow(ByteArrayOutputStream b, ResultSet rows, byte[][] names, long row)
            throws SQLException {
        int width = 0;
        for (byte[] name : names) {
            width = Math.max(width, name.length);
        }
        b.writeBytes((RULE + " " + row + ". row " + RULE + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < names.length; i++) {
            for (int pad = names[i].length; pad < width; pad++) {
                b.write(' ');
            }
            b.writeBytes(names[i]);
            b.write(':');
            b.write(' ');
            byte[] v = rows.getBytes(i + 1);
            if (v == null) {
                b.writeBytes(NULL);
            } else {
                for (byte c : v) {
                    b.write(c == 0 ? ' ' : c);
                }
            }
            b.write('\n');
        }
    }

    private static void escaped(ByteArrayOutputStream b, byte[] v) {
        if (v == null) {
            b.writeBytes(NULL);
            return;
        }
        for (byte c : v) {
            switch (c) {
                case 0 -> { b.write('\\'); b.write('0'); }
                case '\t' -> { b.write('\\'); b.write('t'); }
                case '\n' -> { b.write('\\'); b.write('n'); }
                case '\\' -> { b.write('\\'); b.write('\\'); }
                default -> b.write(c);
            }
        }
    }
}
