/**
 * Option files ({@code my.cnf}) read as the mysql and mariadb clients read them. The entry type is
 * {@link dev.packload.loader.cli.optionfile.OptionFiles}: which files, in which order, and the lines of the wanted
 * groups in the order read (the last one of a key wins). {@link dev.packload.loader.cli.optionfile.DefaultsArgs} takes
 * the client's {@code --no-defaults}, {@code --defaults-file}, {@code --defaults-extra-file},
 * {@code --defaults-group-suffix} and {@code --print-defaults} off the front of a command line. The syntax of one file
 * (groups, quotes, escapes, comments, {@code !include}, {@code !includedir}) is the package-private
 * {@code OptionFileParser}'s.
 */
package dev.packload.loader.cli.optionfile;
