package org.dualtape.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code check} command: its verdict on the built-in losses, its help and its bad input. */
class CheckCommandTest {
    private static final int OK = 0;
    private static final int BAD_INPUT = 2;

    private static MainTest.Outcome run(String... args) {
        return MainTest.run(args);
    }

    @Test
    void everyBuiltInGradientPasses() {
        MainTest.Outcome o = run("check");
        assertEquals(OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("Every gradient passed."), o.out());
        assertFalse(o.out().contains("FAILED"), o.out());
        assertEquals(8, o.out().split("\\): PASSED", -1).length - 1, "two passed checks per problem:\n" + o.out());
    }

    @Test
    void helpExplainsEveryOption() {
        MainTest.Outcome o = run("check", "--help");
        assertEquals(OK, o.code());
        for (String option : new String[] {"--width", "--directions", "--coordinates", "--allow-unchecked", "Exit codes"}) {
            assertTrue(o.out().contains(option), "help lacks " + option + ":\n" + o.out());
        }
        assertTrue(run("--help").out().contains("check"), "top-level help lacks check");
    }

    @Test
    void allowingUncheckedEntriesStillPassesAndSaysSo() {
        MainTest.Outcome o = run("check", "--width=2", "--allow-unchecked");
        assertEquals(OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("Every gradient passed."), o.out());
        assertFalse(o.out().contains("entries not checked") && !o.out().contains("allowed by allowUnchecked()"), o.out());
    }

    @Test
    void badNumbersAreBadInput() {
        MainTest.Outcome width = run("check", "--width=0");
        assertEquals(BAD_INPUT, width.code());
        assertTrue(width.err().contains("--width must be at least 1, got 0"), width.err());
        MainTest.Outcome directions = run("check", "--directions=0");
        assertEquals(BAD_INPUT, directions.code());
        assertTrue(directions.err().contains("--directions must be at least 1"), directions.err());
        assertEquals(BAD_INPUT, run("check", "--directions=4", "--coordinates").code());
    }

    @Test
    void everyBuiltInProblemIsListedOnce() {
        var names = CheckCommand.problems(4).stream().map(CheckCommand.Named::name).toList();
        assertEquals(java.util.List.of("circle", "cross", "digits", "standard"), names);
        // 32·4 + 4, 4·4 + 4, 4·10 + 10: the 202 parameters at width 4
        assertEquals(202, CheckCommand.problems(4).get(3).problem().parameterCount());
    }
}
