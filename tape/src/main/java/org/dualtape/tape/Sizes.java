package org.dualtape.tape;

/**
 * Exact size arithmetic for the tape's arrays: how far to grow, and the element count of a
 * shape, each checked before anything is allocated so that a too-large request fails with a
 * clear message instead of an {@code int} overflow deep inside the tape.
 */
final class Sizes {
    private Sizes() {
    }

    /**
     * The capacity to grow an array of {@code current} elements to so that it holds
     * {@code needed}: doubling, capped at {@link Tape#MAX_ENTRIES}.
     *
     * @throws IllegalStateException ("tape full") if {@code needed} is above the cap
     */
    static int grown(int current, long needed, String what) {
        if (needed > Tape.MAX_ENTRIES) {
            throw new IllegalStateException("tape full: " + needed + " " + what + " needed, but a tape holds at most "
                + Tape.MAX_ENTRIES + "; record a smaller function, or split it");
        }
        return (int) Math.max(needed, Math.min(2L * current, Tape.MAX_ENTRIES));
    }

    /**
     * {@code a · b} elements (or {@code a · b · c} with {@code c} the doubles kept per element),
     * exactly.
     *
     * @throws IllegalArgumentException naming the operation if the count does not fit in one tape
     */
    static int count(String operation, long a, long b, long c) {
        long n = a * b; // both below 2^31: exact
        if (n > Tape.MAX_ENTRIES || n * c > Tape.MAX_ENTRIES) {
            throw new IllegalArgumentException(operation + ": the " + a + "×" + b + " result needs " + n
                + (c == 1 ? "" : " × " + c) + " values, more than a tape holds (" + Tape.MAX_ENTRIES + ")");
        }
        return (int) (n * c);
    }
}
