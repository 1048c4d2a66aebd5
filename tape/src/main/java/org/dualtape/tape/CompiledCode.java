package org.dualtape.tape;

/**
 * The base of the classes {@link Bytecode} generates: one straight-line program over flat arrays.
 * {@code x} holds the inputs, {@code s} the seeds ({@code u} of a VJP, {@code v} of a JVP, or
 * {@code null}), {@code o} receives the results, {@code w} is the workspace (or {@code null} when
 * the program needs none). The program allocates nothing.
 */
abstract class CompiledCode {
    /**
     * Runs the program.
     *
     * @return the value of the first output for the programs that return it, else 0
     */
    abstract double run(double[] x, double[] s, double[] o, double[] w);

    /** The branch key of a piecewise elementary function, as {@link Rules#branchKey} computes it. */
    static double elementaryKey(double partial, double value) {
        return partial != 0 ? partial : value;
    }

    /** Called by generated code when entry {@code entry} took another branch: the caller throws it. */
    static RuntimeException changed(int entry, double recorded, double now) {
        return new BranchChanged(entry, recorded, now);
    }

    /** The generated code's report of a branch change, turned into a {@link BranchChangeException} by {@link Compiled}. */
    static final class BranchChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int entry;
        final double recorded;
        final double now;

        BranchChanged(int entry, double recorded, double now) {
            super(null, null, false, false);
            this.entry = entry;
            this.recorded = recorded;
            this.now = now;
        }
    }
}
