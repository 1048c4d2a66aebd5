package org.dualtape.check;

/**
 * The verdict on one checked entry (a partial derivative, a Jacobian entry, or a directional
 * derivative) of a {@link CheckReport}.
 */
public enum Status {
    /** The claimed value is within the tolerance of the reference. */
    PASS,
    /** The claimed value differs from the reference by more than the tolerance. */
    FAIL,
    /**
     * The function is not differentiable at the point along this entry's direction (abs, relu, max
     * at a tie, ...), and the claimed value lies between the one-sided derivatives: a valid
     * subgradient-style choice, not counted as a failure. Also where several kinks meet at the
     * point, so that a generalized gradient need not lie between the one-sided derivatives along
     * any one line: then the entry is not checked, and not counted as a failure either (see
     * {@link CheckReport.Kink#severalKinks()}).
     */
    KINK,
    /**
     * No reference could be computed (the function gave non-finite values at every step tried):
     * counted as a failure, because nothing was checked.
     */
    UNRESOLVED
}
