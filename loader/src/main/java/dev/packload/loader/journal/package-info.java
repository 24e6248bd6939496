/**
 * Exactly-once loads: the entry type is {@link dev.packload.loader.journal.Journal}, a job's record in the target,
 * written in the same transaction as the rows it records, from which a later run of the same job
 * ({@link dev.packload.loader.journal.JobIdentity}) resumes; {@link dev.packload.loader.journal.JournalJobs} lists and
 * cleans the jobs a journal holds.
 */
package dev.packload.loader.journal;
