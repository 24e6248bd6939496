/**
 * {@code packload check}: every limit a load into a target meets, with a verdict and the fix. The entry type is
 * {@link dev.packload.loader.check.LimitCheck}, which judges the {@link dev.packload.loader.check.ServerSettings} read
 * from the target, the replicas' limits ({@link dev.packload.loader.write.ReplicaLimit}) and the inputs' figures
 * ({@link dev.packload.loader.source.DumpProfile}).
 */
package dev.packload.loader.check;
