package org.dualtape.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.StepPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    private final List<CellResult> rows = List.of(
            Rows.ok("backprop-by-hand", 4, 202, 3.5e-5, 1.2e-16, false),
            Rows.ok("forward-dual", 1024, 1_093_642, 1234.5, 0, true),
            Rows.failed("reverse-scalar-tape", 1024, 1_093_642, "java.lang.OutOfMemoryError: Java heap space, really"));

    @Test
    void sweepCsvStartsWithExactlyTheIssuesHeader() {
        String[] lines = Csv.sweep(rows).split("\n");
        assertEquals("method,width,params,seconds,omega,passes,max_rel_error,bytes_per_gradient,estimated",
                lines[0]);
        assertEquals(1 + rows.size(), lines.length);
    }

    @Test
    void everyRowHasEveryColumn() {
        for (String csv : List.of(Csv.sweep(rows), Csv.details(rows))) {
            String[] lines = csv.split("\n");
            int columns = lines[0].split(",", -1).length;
            for (String line : lines) {
                // The failure message is quoted; drop quoted parts before counting.
                assertEquals(columns, line.replaceAll("\"[^\"]*\"", "x").split(",", -1).length, line);
            }
        }
    }

    @Test
    void rowsSayEstimatedAndFailed() {
        String[] lines = Csv.sweep(rows).split("\n");
        assertEquals("backprop-by-hand,4,202,3.50000e-05,3.50000,2,1.200e-16,4096,false", lines[1]);
        assertTrue(lines[2].endsWith(",true"), lines[2]);
        assertEquals("reverse-scalar-tape,1024,1093642,,,,,,failed", lines[3]);
        assertTrue(Csv.details(rows).contains("\"java.lang.OutOfMemoryError: Java heap space, really\""));
    }

    @Test
    void stepsCsvHasItsHeaderAndOneLinePerPoint() {
        String csv = Csv.steps(List.of(new StepPoint("central-difference", 1e-6, 3.2e-10),
                new StepPoint("richardson", 1e-16, Double.NaN)));
        assertEquals("method,step,max_rel_error\ncentral-difference,1e-06,3.200e-10\nrichardson,1e-16,NaN\n",
                csv);
    }

    @Test
    void writeSweepPutsBothFilesInTheFolder(@TempDir Path folder) throws IOException {
        Csv.writeSweep(folder, rows);
        assertEquals(Csv.sweep(rows), Files.readString(folder.resolve("sweep.csv")));
        assertEquals(Csv.details(rows), Files.readString(folder.resolve("details.csv")));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
