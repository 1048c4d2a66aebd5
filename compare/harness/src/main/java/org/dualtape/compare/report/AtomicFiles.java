package org.dualtape.compare.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files so that they appear whole or not at all: the content goes to a temporary
 * file in the same folder, which is then renamed over the target.
 *
 * <p>A run that fails half-way therefore never leaves a truncated CSV that looks complete; at
 * worst the previous run's file stays in place.
 */
public final class AtomicFiles {
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
        Path tmp = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
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
