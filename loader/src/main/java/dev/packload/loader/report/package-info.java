/**
 * What a run tells people and scripts: the entry type is {@link dev.packload.loader.report.LoadStats}, the counters
 * every thread adds to, shown by {@link dev.packload.loader.report.Summary} and {@link dev.packload.loader.report.Progress},
 * written as JSON by {@link dev.packload.loader.report.LoadReport}; rows not loaded go to the
 * {@link dev.packload.loader.report.RejectFile} with their reasons.
 */
package dev.packload.loader.report;
