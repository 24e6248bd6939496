#!/usr/bin/env python3
"""Rebuilds the MariaDB fixtures under this directory from a real server (see README.md).

    python3 make-fixtures.py [--host 127.0.0.1] [--port 3306] [--user root]

It creates a scratch database, writes the outfile cases with SELECT ... INTO OUTFILE (the server must be able to
write to a temporary directory on this machine: secure_file_priv empty/NULL or pointing there), loads the
load-data case with LOAD DATA LOCAL INFILE, and writes each case's expected.txt from the server's own values
(SELECT HEX(...)), never from CsvReader. Line numbers, byte offsets and raw text are computed here from the file.
The scratch database is dropped at the end; no global variable is changed.
"""
import argparse, os, subprocess, tempfile, time, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

ROWS = """
INSERT INTO t VALUES
 (1, 'plain', 'abc', 1, 1.50, '2024-02-29 23:59:59'),
 (2, CONCAT('tab', CHAR(9), 'lf', CHAR(10), 'cr', CHAR(13), 'crlf', CHAR(13), CHAR(10), 'bs\\\\', 'nul', CHAR(0), 'sub', CHAR(26), 'end'), 'x', 2, -0.01, NULL),
 (3, '\\\\N', 'N', NULL, 0, NULL),
 (4, '', '', 0, 0, '1970-01-01 00:00:01'),
 (5, 'NULL', 'null', 5, 5, NULL),
 (6, 'naïve café 日本 😀', NULL, 6, 6, NULL),
 (7, 'ends with \\\\', 0x5C, 7, 7, NULL),
 (8, '"quoted" and ''single'', comma', '"', 8, 8, NULL),
 (9, NULL, NULL, NULL, NULL, NULL),
 (10, 'N', 'NN', 10, 10, NULL),
 (11, 'binary column is not UTF-8', 0xC328FF00E282, 11, 11, NULL),
 (12, '\\\\\\\\N', '\\\\0', 12, 12, NULL),
 (13, '  padded  ', ' ', 13, 13, NULL),
 (14, CONCAT('tab at end', CHAR(9)), CONCAT(CHAR(9), 'tab first'), 14, 14, NULL),
 (15, CONCAT('newline at end', CHAR(10)), CONCAT(CHAR(10)), 15, 15, NULL),
 (16, 'back\\\\slash\\\\tn', 'a,b;c', 16, 16, NULL)
"""

# bytes of a file LOAD DATA reads: id, then three fields, in MySQL's text format (tab, backslash escapes, LF)
LOAD_DATA_INPUT = b"".join([
    b"1\t\\N\tab\\Ncd\t\\N\\N\n",          # NULL only for a whole \N
    b"2\t\\\\N\t\\f\\x\\q\t\\a\\'\\\"\n",  # \\N is the string \N; unknown escapes stand for the character
    b"3\t\\0\\b\\n\\r\\t\\Z\\\\\tN\t\n",   # every named escape; a plain N; an empty last field
    b"4\ta\\\tb\tc\\\nd\te\rf\n",          # escaped tab and newline are data; a raw CR is data
    b"5\t\t\t\n",                           # three empty fields
    b"6\t\xc3\xa9\xe2\x82\xac\tNULL\t\\\\\n",  # UTF-8 text; NULL is a string here; a backslash
])

SETUP = """
CREATE TABLE t (id INT PRIMARY KEY, s TEXT CHARACTER SET utf8mb4, b VARBINARY(64), n INT NULL,
                d DECIMAL(10,2) NULL, dt DATETIME NULL);
"""


def sql(args, db, stmt, local_infile=False):
    cmd = ["mariadb", "-h", args.host, "-P", str(args.port), "-u", args.user, "-N", "-B",
           "--default-character-set=utf8mb4"]
    if local_infile:
        cmd.append("--local-infile=1")
    if db:
        cmd += ["-D", db]
    return subprocess.run(cmd + ["-e", stmt], check=True, capture_output=True).stdout.decode()


def shown(s):
    """Reads.quoted in Java: the string in double quotes, escaped to show on one line."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '\\':
            out.append('\\\\')
        elif ch == '"':
            out.append('\\"')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif c < 0x20 or c == 0x7f:
            out.append('\\x%02X' % c)
        elif c >= 0x80 and (c == 0xFFFD or unicodedata.category(ch) in ('Cc', 'Cf', 'Cn', 'Cs', 'Zs', 'Zl', 'Zp')):
            out.append('\\u{%04X}' % c)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def invalid_sequences(raw, base):
    """(byte offset, bytes) of each maximal invalid UTF-8 subpart in raw, as Python's decoder finds them."""
    found, i = [], 0
    while i < len(raw):
        try:
            raw[i:].decode('utf-8')
            break
        except UnicodeDecodeError as e:
            found.append((base + i + e.start, raw[i + e.start:i + e.end]))
            i += e.end
    return found


def record_line(line, offset, fields, raw):
    text = 'record %d:%d [%s] raw %s' % (line, offset, ', '.join(
        'NULL' if f is None else shown(f) for f in fields), shown(raw.decode('utf-8', 'replace')))
    bad = invalid_sequences(raw, offset)
    if bad:
        at, seq = bad[0]
        msg = 'invalid UTF-8 %s %s at byte offset %d' % ('byte' if len(seq) == 1 else 'bytes',
                                                         ' '.join('0x%02X' % x for x in seq), at)
        if len(bad) > 1:
            msg += ' (and %d more invalid sequence%s in this record)' % (len(bad) - 1, 's' if len(bad) > 2 else '')
        text += ' invalid ' + shown(msg)
    return text


def split_records(data, crlf):
    """(line, offset, raw) per record: a record ends at an unescaped LF (or CR LF with crlf)."""
    out, start, i, line, start_line = [], 0, 0, 1, 1
    while i < len(data):
        c = data[i]
        if c == 0x5C:
            if i + 1 < len(data) and data[i + 1] == 0x0A:
                line += 1
            i += 2
            continue
        end = None
        if crlf and c == 0x0D and i + 1 < len(data) and data[i + 1] == 0x0A:
            end, nxt = i, i + 2
        elif not crlf and c == 0x0A:
            end, nxt = i, i + 1
        if end is None:
            if c == 0x0A:
                line += 1
            i += 1
            continue
        out.append((start_line, start, data[start:end]))
        line += 1
        start, start_line, i = nxt, line, nxt
    if start < len(data):
        out.append((start_line, start, data[start:]))
    return out


def server_rows(args, db, query, ncols):
    rows = []
    for ln in sql(args, db, query).splitlines():
        cells = ln.split('\t')
        row = []
        for k in range(ncols):
            h, isnull = cells[2 * k], cells[2 * k + 1]
            assert isnull == "1" or all(x in "0123456789ABCDEF" for x in h), ln
            row.append(None if isnull == '1' else bytes.fromhex(h).decode('utf-8', 'replace'))
        rows.append(row)
    return rows


def write_case(name, dialect, data, rows, crlf):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'input.txt'), 'wb') as f:
        f.write(data)
    with open(os.path.join(d, 'dialect.properties'), 'w') as f:
        f.write(dialect)
    recs = split_records(data, crlf)
    assert len(recs) == len(rows), (name, len(recs), len(rows))
    with open(os.path.join(d, 'expected.txt'), 'w', encoding='utf-8') as f:
        for (line, offset, raw), fields in zip(recs, rows):
            f.write(record_line(line, offset, fields, raw) + '\n')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--port', default=3306, type=int)
    p.add_argument('--user', default='root')
    args = p.parse_args()
    db = 'packload_csv_fixture_%d' % int(time.time())
    tmp = tempfile.mkdtemp(prefix='packload-csv-')
    os.chmod(tmp, 0o777)
    sql(args, None, 'CREATE DATABASE %s CHARACTER SET utf8mb4' % db)
    try:
        sql(args, db, SETUP + ROWS)
        cols = ['id', 's', 'b', 'n', 'd', 'dt']
        q = 'SELECT ' + ', '.join('HEX(CAST(%s AS BINARY)), %s IS NULL' % (c, c) for c in cols) + ' FROM t ORDER BY id'
        rows = server_rows(args, db, q, len(cols))

        out = os.path.join(tmp, 'default.txt')
        sql(args, db, "SELECT * FROM t ORDER BY id INTO OUTFILE '%s'" % out)
        write_case('mariadb-10.11-outfile-default', 'preset=mysql\n', open(out, 'rb').read(), rows, False)

        out = os.path.join(tmp, 'enclosed.txt')
        sql(args, db, "SELECT * FROM t ORDER BY id INTO OUTFILE '%s' FIELDS TERMINATED BY ',' "
                      "OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n'" % out)
        write_case('mariadb-10.11-outfile-enclosed-crlf',
                   'preset=mysql\ndelimiter=,\nquote="\nrecordSeparator=\\r\\n\nnullStrings=NULL\n',
                   open(out, 'rb').read(), rows, True)

        src = os.path.join(tmp, 'load.txt')
        with open(src, 'wb') as f:
            f.write(LOAD_DATA_INPUT)
        sql(args, db, 'CREATE TABLE l (id INT PRIMARY KEY, a VARBINARY(64), b VARBINARY(64), c VARBINARY(64))')
        sql(args, db, "LOAD DATA LOCAL INFILE '%s' INTO TABLE l CHARACTER SET binary" % src, local_infile=True)
        q = 'SELECT ' + ', '.join('HEX(CAST(%s AS BINARY)), %s IS NULL' % (c, c) for c in ['id', 'a', 'b', 'c']) + ' FROM l ORDER BY id'
        write_case('mariadb-10.11-load-data-escapes', 'preset=mysql\n', LOAD_DATA_INPUT,
                   server_rows(args, db, q, 4), False)
    finally:
        sql(args, None, 'DROP DATABASE %s' % db)
        for f in os.listdir(tmp):
            try:
                os.remove(os.path.join(tmp, f))
            except OSError:
                pass
        try:
            os.rmdir(tmp)
        except OSError:
            pass
    print('fixtures written; scratch database %s dropped' % db)


if __name__ == '__main__':
    main()
