package org.dualtape.check;

import java.util.Arrays;

/**
 * Thrown when the function under check (or the claimed derivative) throws: names the point at
 * which it threw and keeps the original exception as the cause.
 */
public final class FunctionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The point, copied. */
    private final double[] point;

    FunctionFailedException(String what, double[] point, RuntimeException cause) {
        super(what + " threw " + cause.getClass().getSimpleName() + " at x = " + Arrays.toString(point)
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.point = point.clone();
    }

    /**
     * Returns the point at which the function threw.
     *
     * @return a copy of the point
     */
    public double[] point() {
        return point.clone();
    }
}
