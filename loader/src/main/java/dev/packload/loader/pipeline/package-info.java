/**
 * The ring between the reading and the writers. The entry type is {@link dev.packload.loader.pipeline.LoadPipeline}:
 * a {@link dev.packload.loader.pipeline.RowPublisher} on the reading thread puts rows and ordered statements into a
 * Disruptor ring of reused {@link dev.packload.loader.pipeline.RowEvent}s, and one
 * a {@link dev.packload.loader.pipeline.Batcher} and {@link dev.packload.loader.pipeline.Sender} per session take them. {@link dev.packload.loader.pipeline.RunState}
 * is the one place a stop goes through; {@link dev.packload.loader.pipeline.WriterOptions} are the writers' settings.
 */
package dev.packload.loader.pipeline;
