package org.dualtape.compare.sweep;

/**
 * A test family that kills the worker JVM at width {@link #CRASH_WIDTH} (only inside a worker, so
 * the JVM running the tests survives), to test that a lost worker still yields a row.
 */
public class CrashingFamily extends RosenbrockFamily {
    /** The width at which a worker JVM halts. */
    static final int CRASH_WIDTH = 13;

    /** Creates the family (the worker JVM does so by class name). */
    public CrashingFamily() {
    }

    @Override
    public SweepProblem create(int width) {
        String command = System.getProperty("sun.java.command", "");
        if (width == CRASH_WIDTH && command.contains(" worker ")) {
            System.err.println("CrashingFamily: halting the worker on purpose");
            Runtime.getRuntime().halt(3);
        }
        return super.create(width);
    }
}
