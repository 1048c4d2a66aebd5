package org.dualtape.check;

/**
 * The verdict on one checked entry (a partial derivative, a Jacobian entry, or a directional
 * derivative) of a {@link CheckReport}.
 *
 * <p>{@link #PASS} and {@link #KINK} are passes, {@link #FAIL} a failure; {@link #UNRESOLVED} and
 * {@link #UNCHECKED} are neither: the entry was not checked, and the report is not passed unless
 * the check allowed unchecked entries ({@code allowUnchecked()}).
 */
public enum Status {
    /** The claimed value is within the tolerance of the reference. */
    PASS,
    /**
     * The claimed value differs from the reference by more than the tolerance (or, at a kink seen
     * along the entry's line, lies outside the one-sided derivatives by more than their error).
     */
    FAIL,
    /**
     * A kink was seen at the point along this entry's line (the second differences stayed
     * constant over three steps of the probe, each above its measured noise), and the claimed value
     * lies between the one-sided derivatives: a valid choice of derivative there. The entry's
     * reference is the middle of the one-sided derivatives, its reference error their half-distance
     * (plus their error) and its tolerance that half-distance plus the margin, so its stated
     * resolution covers the whole interval: the check cannot tell claims within it apart.
     */
    KINK,
    /**
     * Not checked: the reference cannot resolve this entry (no finite reference at any step, or a
     * reference error bound above 1% of the entry), so a pass would say nothing. Not a pass.
     */
    UNRESOLVED,
    /**
     * Not checked: a kink was seen along the entry's line and the claim lies outside the one-sided
     * derivatives, but derivatives along the line at points around the point fall outside them too,
     * so several kinks meet there and no line bounds a generalized gradient. Not a pass.
     */
    UNCHECKED;

    /**
     * Returns whether this verdict means the entry was not checked ({@link #UNRESOLVED} or
     * {@link #UNCHECKED}).
     *
     * @return true for the not-checked verdicts
     */
    public boolean notChecked() {
        return this == UNRESOLVED || this == UNCHECKED;
    }
}
