package org.dualtape.compare.sweep;

/**
 * One point of the step-size study: a method's error at one step.
 *
 * @param method the method's name
 * @param step the step h (for AD methods, which take no step, the step of the point the flat
 *     reference line is drawn at)
 * @param maxRelError the largest relative error against the reference (see {@link Errors})
 */
public record StepPoint(String method, double step, double maxRelError) {
}
