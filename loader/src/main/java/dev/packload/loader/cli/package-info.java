/**
 * The {@code packload} command: the entry type is {@link dev.packload.loader.cli.Main}, whose subcommands ({@code
 * load}, {@code inspect}, {@code jobs}, {@code bench}, {@code server}) are picocli {@code Callable}s; every exit code
 * is defined once in {@link dev.packload.loader.cli.ExitCode}, and option files are read by the {@code optionfile}
 * package.
 */
package dev.packload.loader.cli;
