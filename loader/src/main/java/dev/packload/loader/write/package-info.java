/**
 * What a writer sends and how: the entry type is {@link dev.packload.loader.write.SqlSession}, one connection that
 * takes statements as exact bytes ({@link dev.packload.loader.write.NativeSqlSession} over Connector/J), with its
 * negotiated {@link dev.packload.loader.write.PacketBudget}, its table descriptions
 * ({@link dev.packload.loader.write.TableMeta}) and the one sorting of server errors
 * ({@link dev.packload.loader.write.SqlErrors}). Statements are built in a
 * {@link dev.packload.loader.write.StatementBuffer} by an {@link dev.packload.loader.write.InsertBuilder}, sent as
 * prepared executions ({@link dev.packload.loader.write.ExecutePacket}) where values allow, and a row too big for one
 * statement goes in chunks ({@link dev.packload.loader.write.OversizedRowWriter}).
 */
package dev.packload.loader.write;
