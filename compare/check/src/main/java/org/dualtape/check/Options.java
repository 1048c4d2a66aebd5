package org.dualtape.check;

/**
 * How a check runs: which entries ({@code directions} 0 = automatic, -1 = every coordinate, k > 0
 * = k random directions or pairs), the seed, the miss probability quoted for random directions,
 * whether to run the Taylor test, and whether entries that were not checked still let the report
 * pass.
 */
record Options(int directions, long seed, double missProbability, boolean taylor, boolean allowUnchecked) {
    /**
     * The default seed. Constant so that the same check gives the same verdict on every run and
     * machine; the value itself is arbitrary.
     */
    static final long DEFAULT_SEED = 20240601L;
    /** Default probability of missing an error of the quoted size in random-direction checks. */
    static final double DEFAULT_MISS_PROBABILITY = 1e-6;
    /** Automatic mode checks every coordinate up to this many inputs, random directions above. */
    static final int AUTO_COORDINATES = 64;
    /** Random directions in automatic mode above {@link #AUTO_COORDINATES} inputs. */
    static final int DEFAULT_DIRECTIONS = 32;
    /** Random (u, v) pairs for JVP and VJP checks unless set. */
    static final int DEFAULT_PAIRS = 8;

    static Options defaults() {
        return new Options(0, DEFAULT_SEED, DEFAULT_MISS_PROBABILITY, true, false);
    }

    Options withDirections(int k) {
        return new Options(k, seed, missProbability, taylor, allowUnchecked);
    }

    Options withSeed(long s) {
        return new Options(directions, s, missProbability, taylor, allowUnchecked);
    }

    Options withMissProbability(double p) {
        return new Options(directions, seed, p, taylor, allowUnchecked);
    }

    Options withTaylor(boolean on) {
        return new Options(directions, seed, missProbability, on, allowUnchecked);
    }

    Options withAllowUnchecked(boolean allow) {
        return new Options(directions, seed, missProbability, taylor, allow);
    }
}
