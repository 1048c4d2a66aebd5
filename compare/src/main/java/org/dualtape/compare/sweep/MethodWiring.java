package org.dualtape.compare.sweep;

/**
 * Connects each {@link Method} to the code that implements it; the one place that knows which
 * module provides what.
 */
final class MethodWiring {
    /** Evaluations per coordinate of the Richardson stencil (central differences at h and h/2). */
    private static final int RICHARDSON_EVALUATIONS = 4;

    private MethodWiring() {
    }

    static int richardsonEvaluations() {
        return RICHARDSON_EVALUATIONS;
    }

    /**
     * Returns the chunk used when none is asked for: the dual module's chunk policy.
     *
     * @param parameterCount the number of parameters
     * @return the chunk, at least 1
     */
    static int defaultChunk(int parameterCount) {
        return Math.max(1, Math.min(parameterCount, 8));
    }

    static Evaluator prepare(Method method, SweepProblem problem, int chunk) {
        switch (method) {
            case BACKPROP_BY_HAND:
                return new HandEvaluator(problem);
            case COMMONS_MATH_DS:
                return new DerivativeStructureEvaluator(problem, chunk);
            case COMMONS_MATH_SPARSE:
                return new SparseGradientEvaluator(problem);
            default:
                throw new UnsupportedOperationException(method.label()
                        + " is not wired into this build yet");
        }
    }

    /**
     * Prepares a numerical method with a fixed absolute step, for the step study.
     *
     * @param method one of {@link StepStudy#METHODS}
     * @param problem the loss
     * @param step the step h, above 0
     * @return the evaluator
     */
    static Evaluator prepareWithStep(Method method, SweepProblem problem, double step) {
        throw new UnsupportedOperationException(method.label()
                + " is not wired into this build yet");
    }
}
