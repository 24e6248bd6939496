/**
 * MySQL/MariaDB SQL as packload reads it. The entry type is {@link dev.packload.formats.sql.DumpScanner}, which splits
 * a dump into statements and streams the tuples of its inserts to a {@link dev.packload.formats.sql.DumpHandler};
 * beside it sit the one statement classifier ({@link dev.packload.formats.sql.StatementInfo}), word rule
 * ({@link dev.packload.formats.sql.SqlWords#isWordByte}), escape table ({@link dev.packload.formats.sql.MysqlEscapes})
 * and literal readers ({@link dev.packload.formats.sql.TupleValues}, {@link dev.packload.formats.sql.PlainLiterals}).
 */
package dev.packload.formats.sql;
