package org.dualtape.compare.sweep;

import org.dualtape.compare.complex.ComplexStep;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.dual.ChunkPolicy;

/**
 * Connects each {@link Method} to the code that implements it; the one place that knows which
 * module provides what.
 */
final class MethodWiring {
    private MethodWiring() {
    }

    static int richardsonEvaluations() {
        return Stencil.RICHARDSON.evaluations();
    }

    /**
     * Returns the chunk used when none is asked for: the dual module's chunk policy.
     *
     * @param parameterCount the number of parameters
     * @return the chunk, at least 1
     */
    static int defaultChunk(int parameterCount) {
        return ChunkPolicy.chunkSize(parameterCount);
    }

    static Evaluator prepare(Method method, SweepProblem problem, int chunk) {
        switch (method) {
            case FORWARD_DUAL:
                return new ForwardDualEvaluator(problem);
            case FORWARD_CHUNKED:
                return new ForwardChunkedEvaluator(problem, chunk);
            case REVERSE_SCALAR_TAPE:
                return new ScalarTapeEvaluator(problem);
            case REVERSE_VECTOR_TAPE:
                return problem.vectorTape();
            case REVERSE_REPLAY:
                return new ReplayEvaluator(problem);
            case FORWARD_DIFFERENCE:
            case CENTRAL_DIFFERENCE:
            case RICHARDSON:
                return new DifferenceEvaluator(problem, stencil(method), stencil(method).relativeStep());
            case BACKPROP_BY_HAND:
                return new HandEvaluator(problem);
            case COMPLEX_STEP:
                return new ComplexStepEvaluator(problem, ComplexStep.DEFAULT_STEP);
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
        switch (method) {
            case FORWARD_DIFFERENCE:
            case CENTRAL_DIFFERENCE:
            case RICHARDSON:
                return new DifferenceEvaluator(problem, stencil(method), step);
            case COMPLEX_STEP:
                return new ComplexStepEvaluator(problem, step);
            default:
                throw new UnsupportedOperationException(method.label()
                        + " is not wired into this build yet");
        }
    }

    private static Stencil stencil(Method method) {
        switch (method) {
            case FORWARD_DIFFERENCE:
                return Stencil.FORWARD;
            case CENTRAL_DIFFERENCE:
                return Stencil.CENTRAL;
            case RICHARDSON:
                return Stencil.RICHARDSON;
            default:
                throw new IllegalArgumentException(method.label() + " is not a finite difference");
        }
    }
}
