/**
 * The load as a whole. The entry type is {@link dev.packload.loader.LoadJob}: it runs a
 * {@link dev.packload.loader.LoadConfig} (settings built once and checked) by wiring the run's feed to the pipeline
 * through a {@link dev.packload.loader.JobSink}, and reports a {@link dev.packload.loader.LoadJob.Result}.
 * {@link dev.packload.loader.ResumableLoad} runs it as an unattended job: journaled, resumed after an interruption,
 * retried after a lost connection or a server restart.
 */
package dev.packload.loader;
