package dev.packload.embedded;

import dev.packload.embedded.EmbeddedMariaDb.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A server's data directory: the lock file beside it that one embedded server holds while it runs, the pid file a
 * killed run leaves behind, and whether it holds an installed MariaDB.
 */
final class DataDirectory {
    /** Written by mariadbd into the data directory (--pid-file). */
    static final String PID_FILE = "mariadbd.pid";

    private DataDirectory() {
    }

    /** The lock on {@code <data>.lock}, held from start to close. */
    static final class Lock {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /** Releases the lock and closes its file; never throws. */
        void release() {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Locks {@code <data>.lock} (creating the parent directory), or says that another embedded server uses data. */
    static Lock lock(Path data) {
        Path lockFile = data.resolveSibling(data.getFileName() + ".lock");
        FileChannel channel = null;
        FileLock lock;
        try {
            Files.createDirectories(data.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            new Lock(channel, null).release();
            throw new StartupException("cannot create the lock file " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            new Lock(channel, null).release();
            throw new StartupException("the MariaDB data directory " + data
                    + " is in use by another embedded server (lock file " + lockFile + ")");
        }
        return new Lock(channel, lock);
    }

    /** A mariadbd left running by a killed JVM still holds the data directory; say so instead of waiting on InnoDB. */
    static void checkNoOrphan(Path data) {
        Path pidFile = data.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        boolean running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(ph -> ph.info().command().orElse("").contains("mariadbd")
                        || ph.info().commandLine().orElse("").contains("mariadbd"))
                .orElse(false);
        if (running) {
            throw new StartupException("the data directory " + data + " is still used by mariadbd process " + pid
                    + ", left running by an earlier run that was killed; stop it (kill " + pid + ") and try again");
        }
    }

    static boolean isInitialized(Path data) {
        return Files.isDirectory(data.resolve("mysql"))
                && (Files.exists(data.resolve("mariadb_upgrade_info")) || Files.exists(data.resolve("mysql_upgrade_info"))
                        || Files.exists(data.resolve("mysql").resolve("global_priv.frm")));
    }

    static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new StartupException("cannot read the data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
