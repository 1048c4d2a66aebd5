package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dualtape.compare.report.TrainReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} end to end on a tiny network, and its rejection of bad options. */
class TrainCommandTest {
    private static final int OK = 0;
    private static final int BAD_INPUT = 2;

    @Test
    void writesTheCurvesTheTableAndBothPlots(@TempDir Path dir) throws IOException {
        MainTest.Outcome o = MainTest.run("train", "--hidden=4", "--steps=5", "--batch=16",
                "--methods=reverse-vector-tape,reverse-scalar-tape,central-difference", "--out=" + dir);
        assertEquals(OK, o.code(), o.err());
        List<String> csv = Files.readAllLines(dir.resolve(TrainReport.CSV));
        assertEquals(TrainReport.HEADER, csv.get(0));
        for (String method : List.of("reverse-vector-tape", "reverse-scalar-tape", "central-difference")) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(method + ",5,")), method + " lacks step 5");
            assertTrue(o.err().contains(method), "no progress line for " + method + ":\n" + o.err());
        }
        String md = Files.readString(dir.resolve(TrainReport.MARKDOWN));
        assertTrue(md.contains("| reverse-scalar-tape | 5 |"), md);
        assertTrue(md.contains("Same steps, same curve"), md);
        for (String png : List.of(TrainReport.BY_SECONDS, TrainReport.BY_STEPS)) {
            byte[] head = Files.readAllBytes(dir.resolve(png));
            assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png);
        }
        assertTrue(o.out().contains("reverse-vector-tape") && o.out().contains("Wrote"), o.out());
    }

    @Test
    void badOptionsAreBadInputAndSayWhatWasExpected(@TempDir Path dir) {
        String[][] cases = {
            {"--data=moons", "circle"},
            {"--hidden=0", "at least 1"},
            {"--budget=-1", "budget"},
            {"--steps=0", "step cap"},
            {"--batch=0", "batch"},
            {"--activation=softsign", "tanh"},
            {"--methods=backprop", "reverse-vector-tape"},
            {"--rate=0", "learning rate"},
        };
        for (String[] c : cases) {
            MainTest.Outcome o = MainTest.run("train", c[0], "--out=" + dir);
            assertEquals(BAD_INPUT, o.code(), c[0]);
            assertTrue(o.err().contains(c[1]), c[0] + ": " + o.err());
        }
    }

    @Test
    void helpNamesTheMethodsAndTheDataSets() {
        MainTest.Outcome o = MainTest.run("train", "--help");
        assertEquals(OK, o.code());
        for (String word : List.of("--data", "circle", "--budget", "complex-step", "central-difference", "--steps")) {
            assertTrue(o.out().contains(word), "help lacks " + word + ":\n" + o.out());
        }
    }
}
