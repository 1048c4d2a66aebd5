package org.dualtape.dual;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Perturbation tags: every pass of a {@link Forward} call seeds its inputs with a fresh tag, and
 * every operation on two numbers checks that their tags agree, so that numbers seeded by two
 * different calls (a nested call whose function captured the outer call's argument) are never
 * silently mixed.
 *
 * <p>Tag {@link #NONE} marks numbers a user built (constants, or a hand-made seed): they combine
 * with anything. Tags are ints from one counter, unique until 2³² calls have been made; 0 is
 * skipped on wrap-around.
 */
final class Tag {

    /** The tag of numbers built by users, not seeded by a {@link Forward} call. */
    static final int NONE = 0;

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Tag() {
    }

    /**
     * A tag no live number carries yet.
     *
     * @return a fresh non-zero tag
     */
    static int next() {
        int tag;
        do {
            tag = NEXT.incrementAndGet();
        } while (tag == NONE);
        return tag;
    }

    /**
     * The tag of the result of an operation on numbers tagged {@code a} and {@code b}.
     *
     * @param a the first operand's tag
     * @param b the second operand's tag
     * @return the common tag, or the non-{@link #NONE} one
     * @throws IllegalStateException if both are set and differ (perturbation confusion)
     */
    static int join(int a, int b) {
        if (a == b || b == NONE) {
            return a;
        }
        if (a == NONE) {
            return b;
        }
        throw new IllegalStateException("Perturbation confusion: one operation mixed numbers seeded"
                + " by two different Forward calls (tags " + a + " and " + b + "). This happens when"
                + " a function being differentiated calls Forward again on a function that uses the"
                + " outer function's Dual/MultiDual argument: the inner call returns plain doubles,"
                + " which cannot carry the outer derivative, so dualtape refuses instead of"
                + " returning a wrong number. Differentiate the combined function in one call, or"
                + " make the inner function independent of the outer argument.");
    }

    /**
     * Checks that a function given to a {@link Forward} call returned a number of that call.
     *
     * @param result the tag of a number the function returned
     * @param call the tag the call seeded its inputs with
     * @param output the index of the output checked, or -1 for the one value of a scalar function
     * @throws IllegalStateException if the result was seeded by another call
     */
    static void checkResult(int result, int call, int output) {
        if (result != NONE && result != call) {
            String what = output < 0 ? "the value f returned" : "output " + output + " of f";
            throw new IllegalStateException("Perturbation confusion: " + what + " was seeded by"
                    + " another Forward call (tag " + result + ", this call's tag is " + call
                    + "), typically an enclosing call whose Dual/MultiDual argument the inner"
                    + " function captured or returned. Its tangent is a derivative with respect to"
                    + " the other call's variable, so dualtape refuses instead of returning it.");
        }
    }
}
