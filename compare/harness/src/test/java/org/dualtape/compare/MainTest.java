package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's parsing, help and exit codes; nothing here starts a sweep. */
class MainTest {
    private static final int OK = 0;
    private static final int BAD_INPUT = 2;

    /** What one run of the command line returned and printed. */
    record Outcome(int code, String out, String err) {
    }

    /** Runs the command line in this JVM, capturing its output. */
    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void sweepHelpExplainsEveryOption() {
        Outcome o = run("sweep", "--help");
        assertEquals(OK, o.code());
        for (String option : List.of("--full", "--widths", "--methods", "--budget", "--chunk", "--out",
                "--help", "forward-dual", "commons-math-sparse", "estimated")) {
            assertTrue(o.out().contains(option), "help lacks " + option + ":\n" + o.out());
        }
        assertFalse(o.out().contains("--family"), "hidden test option shown");
    }

    @Test
    void topLevelHelpListsTheCommandsButNotTheWorker() {
        Outcome o = run("--help");
        assertEquals(OK, o.code());
        assertTrue(o.out().contains("sweep") && o.out().contains("steps"), o.out());
        assertFalse(o.out().contains("worker"), o.out());
        Outcome steps = run("steps", "--help");
        assertEquals(OK, steps.code());
        assertTrue(steps.out().contains("--out"), steps.out());
    }

    @Test
    void nonPositiveWidthIsBadInput(@TempDir Path dir) {
        for (String widths : List.of("--widths=4,0", "--widths=-8")) {
            Outcome o = run("sweep", widths, "--out=" + dir);
            assertEquals(BAD_INPUT, o.code(), widths);
            assertTrue(o.err().contains("widths must be at least 1"), o.err());
        }
        assertEquals(BAD_INPUT, run("sweep", "--widths=four", "--out=" + dir).code());
    }

    @Test
    void unknownMethodIsBadInputNamingIt(@TempDir Path dir) {
        Outcome o = run("sweep", "--methods=forward-dual,reverse-magic", "--out=" + dir);
        assertEquals(BAD_INPUT, o.code());
        assertTrue(o.err().contains("unknown method 'reverse-magic'"), o.err());
    }

    @Test
    void nonPositiveBudgetIsBadInput(@TempDir Path dir) {
        for (String budget : List.of("--budget=0", "--budget=-1", "--budget=NaN", "--budget=soon")) {
            Outcome o = run("sweep", budget, "--out=" + dir);
            assertEquals(BAD_INPUT, o.code(), budget);
        }
        assertTrue(run("sweep", "--budget=0", "--out=" + dir).err().contains("budget"));
    }

    @Test
    void chunkBelowOneIsBadInput(@TempDir Path dir) {
        Outcome o = run("sweep", "--chunk=0", "--out=" + dir);
        assertEquals(BAD_INPUT, o.code());
        assertTrue(o.err().contains("--chunk must be at least 1"), o.err());
    }

    @Test
    void fullTogetherWithWidthsIsBadInput(@TempDir Path dir) {
        assertEquals(BAD_INPUT, run("sweep", "--full", "--widths=4", "--out=" + dir).code());
    }

    @Test
    void unwritableOutputFolderIsBadInput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        for (String command : List.of("sweep", "steps")) {
            Outcome o = run(command, "--out=" + file.resolve("results"));
            assertEquals(BAD_INPUT, o.code(), command);
            assertTrue(o.err().contains("cannot be created or written"), o.err());
        }
    }

    @Test
    void unknownOptionIsBadInput() {
        assertEquals(BAD_INPUT, run("sweep", "--fast").code());
        assertEquals(BAD_INPUT, run("sweeps").code());
    }
}
