package org.dualtape.compare.sweep;

/**
 * One width of the second-order study: the costs of the loss, its gradient, one Hessian-vector
 * product and the whole Hessian on the standard MLP, and Commons Math's
 * {@code DerivativeStructure} of order 2 where it ran.
 *
 * @param width the hidden width h
 * @param parameters the number of parameters P
 * @param plainSeconds median seconds of one plain {@code double} loss evaluation
 * @param gradientSeconds median seconds of one gradient replayed from the vector tape
 * @param hvpSeconds median seconds of one Hessian-vector product replayed from the same tape
 * @param hessianSeconds seconds of one whole Hessian (P columns), measured or estimated
 * @param hessianEstimated whether {@code hessianSeconds} is {@code P × hvpSeconds} rather than a
 *     measurement (the budget or the memory did not allow one)
 * @param hessianBytes the bytes of the dense P × P Hessian
 * @param derivativeStructureSeconds seconds of one Hessian by {@code DerivativeStructure} of
 *     order 2, or NaN where it was not run
 * @param derivativeStructureNote why it was not run, or the largest relative difference from the
 *     tape's Hessian where it was
 */
public record SecondOrderRow(int width, int parameters, double plainSeconds, double gradientSeconds,
        double hvpSeconds, double hessianSeconds, boolean hessianEstimated, long hessianBytes,
        double derivativeStructureSeconds, String derivativeStructureNote) {

    /**
     * ω of the gradient: its time over one plain loss evaluation.
     *
     * @return the ratio
     */
    public double gradientOmega() {
        return gradientSeconds / plainSeconds;
    }

    /**
     * ω of the Hessian-vector product: its time over one plain loss evaluation.
     *
     * @return the ratio
     */
    public double hvpOmega() {
        return hvpSeconds / plainSeconds;
    }

    /**
     * One Hessian-vector product over one gradient.
     *
     * @return the ratio
     */
    public double hvpPerGradient() {
        return hvpSeconds / gradientSeconds;
    }

    /**
     * The Hessian's time over one plain loss evaluation: about {@code P × ω(HVP)}, so O(P) losses.
     *
     * @return the ratio
     */
    public double hessianOmega() {
        return hessianSeconds / plainSeconds;
    }
}
