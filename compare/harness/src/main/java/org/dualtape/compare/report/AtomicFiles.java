package org.dualtape.compare.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes output files so that they appear whole or not at all: the content goes to a temporary
 * file in the same folder, which is then renamed over the target.
 *
 * <p>A run that fails half-way therefore never leaves a truncated CSV that looks complete; at
 * worst the previous run's file stays in place.
 *
 * <p><b>Permissions</b>: the temporary file is created as any new file is (not with
 * {@link Files#createTempFile}, which makes it private to the owner), so the result has the
 * permissions the process's umask gives, as a file written by {@code cp} or a shell redirection.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the content of a file to a path; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param path the file to write (a temporary file)
         * @throws IOException if writing fails
         */
        void write(Path path) throws IOException;
    }

    /**
     * Writes text atomically in UTF-8.
     *
     * @param target the file to create or replace
     * @param text the content
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Writes a file atomically with any writer.
     *
     * @param target the file to create or replace
     * @param writer writes the content to the path it is given
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path tmp = newFile(folder, "." + absolute.getFileName());
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Creates a new empty file with a fresh name in the folder, with the umask's permissions. */
    private static Path newFile(Path folder, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = folder.resolve(prefix + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes sure an output folder exists and can be written, before any work starts.
     *
     * @param folder the folder; created with its parents if missing
     * @throws IllegalArgumentException saying why if it cannot be created or written
     */
    public static void requireWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new IllegalArgumentException("output folder " + folder
                    + " cannot be created or written: " + e.getMessage(), e);
        }
    }
}
