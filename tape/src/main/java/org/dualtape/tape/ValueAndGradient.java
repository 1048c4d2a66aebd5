package org.dualtape.tape;

/**
 * A function's value together with its gradient, both from one recording and one reverse sweep.
 *
 * @param value the function's value, bitwise what plain {@code double} code computes
 * @param gradient the gradient, one component per input; the array belongs to the caller
 */
public record ValueAndGradient(double value, double[] gradient) {
}
