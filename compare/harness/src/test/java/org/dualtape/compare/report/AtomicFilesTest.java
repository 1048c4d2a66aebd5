package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writesTheWholeContent(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("sweep.csv");
        AtomicFiles.writeString(target, "a,b\n1,2\n");
        assertEquals("a,b\n1,2\n", Files.readString(target));
    }

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAndNoTemporaryFile(@TempDir Path folder)
            throws IOException {
        Path target = folder.resolve("sweep.csv");
        Files.writeString(target, "old complete file\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "method,width\nforward-dual,");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("old complete file\n", Files.readString(target));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailedFirstRunLeavesNoFileAtAll(@TempDir Path folder) {
        Path target = folder.resolve("sweep.csv");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "method,width\n");
            throw new IllegalStateException("crash (simulated)");
        }));
        assertEquals(false, Files.exists(target));
    }

    @Test
    void theFileHasTheUmasksPermissionsLikeAnyNewFile(@TempDir Path folder) throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(folder.resolve("plain.txt")); // what cp or > would create
        Path target = folder.resolve("sweep.csv");
        AtomicFiles.writeString(target, "a\n");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void folderThatIsAFileIsRejected(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.requireWritableFolder(file.resolve("results")));
        assertEquals(true, e.getMessage().contains("not-a-folder"), e.getMessage());
    }

    @Test
    void missingFolderIsCreated(@TempDir Path folder) {
        Path out = folder.resolve("a/b/results");
        AtomicFiles.requireWritableFolder(out);
        assertEquals(true, Files.isDirectory(out));
    }
}
