package org.dualtape.compare.mlp;

import java.util.Objects;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Tape;
import org.dualtape.tape.Var;
import org.dualtape.tape.VarMatrix;

/**
 * An {@link MlpProblem}'s loss recorded as vector nodes of the reverse-mode tape: one entry per
 * layer, activation and loss, whole batch at once, so the tape holds a handful of entries
 * instead of one per multiply-add; the gradient is one reverse sweep.
 *
 * <h2>The recording</h2>
 * The flat parameter array is one matrix input {@code θ} ({@code 1 × P}); each layer's
 * {@code W} ({@code out × in}) and {@code b} ({@code 1 × out}) are views of it in the layout of
 * {@link MlpSpec}; the batch is a constant {@code batch × in} matrix. Then
 * {@code z = a·Wᵀ + b} per layer (the activation's rule-table entry between layers) and the loss
 * as a vector node: {@link VarMatrix#softmaxCrossEntropy}; for the quadratic cost
 * {@code meanSquaredError(z, Y) · (outputs / 2)}; for binary cross-entropy
 * {@code binaryCrossEntropyWithLogits(z, Y) · outputs} (the vector nodes average over all
 * {@code batch × outputs} elements, the problem over the batch only).
 *
 * <h2>Values</h2>
 * The vector nodes compute with the tape's {@code org.dualtape.tape.Kernels}, and
 * {@link MlpProblem#loss(double[])} is written with the same kernels in the same composition (its
 * generic loss performs the same operations sample by sample). So the recorded value, and the
 * replayed value at any parameters, is bitwise {@link MlpProblem#loss(double[])}.
 *
 * <h2>State</h2>
 * One tape is kept and cleared for every recording (after the first, recording allocates nothing
 * on the tape side except the copies of the parameters and the batch into it); {@link #entries()}
 * and {@link #bytes()} describe the latest recording. Not for concurrent use: one thread at a
 * time.
 */
public final class VectorTapeLoss {
    private final MlpProblem problem;
    private final MlpSpec spec;
    private final Tape tape = new Tape();

    /**
     * Prepares the recording of a problem's loss.
     *
     * @param problem the loss
     */
    public VectorTapeLoss(MlpProblem problem) {
        this.problem = Objects.requireNonNull(problem, "problem");
        this.spec = problem.spec();
    }

    /**
     * The problem whose loss this records.
     *
     * @return the problem
     */
    public MlpProblem problem() {
        return problem;
    }

    /**
     * Records the loss at {@code w} on a fresh recording, runs the reverse sweep and reads the
     * gradient.
     *
     * @param w the parameters, length {@code problem().parameterCount()} (not modified)
     * @param gradient receives {@code ∂L/∂w}, same length (modified: overwritten)
     * @return the loss, bitwise {@link MlpProblem#loss(double[])}
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public double lossAndGradient(double[] w, double[] gradient) {
        check("w", w.length);
        check("gradient", gradient.length);
        tape.clear();
        VarMatrix theta = VarMatrix.variable(tape, w, 1, w.length);
        Var loss = record(theta);
        tape.reverse(loss);
        theta.adjoint(gradient, 0);
        return loss.value();
    }

    /**
     * Records the loss once at {@code w}, for re-evaluation at other parameters without
     * recording again. The replay's input is the flat parameter array. A relu network's replay
     * throws {@code BranchChangeException} at parameters where a unit changes side.
     *
     * @param w the parameters at which to record (not modified)
     * @return the replay; valid until the next call of a method of this object
     * @throws IllegalArgumentException if {@code w} has the wrong length
     */
    public Replay replay(double[] w) {
        check("w", w.length);
        tape.clear();
        VarMatrix theta = VarMatrix.variable(tape, w, 1, w.length);
        return Replay.of(record(theta), theta);
    }

    /**
     * Records the loss on any tape, with the parameters given as a {@code 1 × P} matrix.
     *
     * @param theta the parameters, {@code 1 × problem().parameterCount()}, on the tape to record on
     * @return the loss, a scalar on the same tape
     * @throws IllegalArgumentException if {@code theta} has the wrong shape
     */
    public Var record(VarMatrix theta) {
        if (theta.rows() != 1 || theta.cols() != spec.parameterCount()) {
            throw new IllegalArgumentException("theta is " + theta.rows() + "×" + theta.cols() + ", expected 1×"
                    + spec.parameterCount());
        }
        Tape t = theta.tape();
        int batch = problem.batch();
        VarMatrix a = VarMatrix.constant(t, problem.inputsView(), batch, spec.inputs());
        int last = spec.layers() - 1;
        for (int l = 0; l <= last; l++) {
            int in = spec.layerInputs(l);
            int out = spec.layerOutputs(l);
            VarMatrix weights = theta.view(spec.weightOffset(l), out, in);
            VarMatrix bias = theta.view(spec.biasOffset(l), 1, out);
            a = a.affine(weights, bias);
            if (l < last) {
                a = a.apply(spec.activation().elementary());
            }
        }
        int n = spec.outputs();
        LossKind kind = spec.loss();
        switch (kind) {
            case SOFTMAX_CROSS_ENTROPY:
                return a.softmaxCrossEntropy(problem.labelsView());
            case QUADRATIC:
                return a.meanSquaredError(VarMatrix.constant(t, problem.targetsView(), batch, n))
                        .multiply(Losses.elementMeanFactor(kind, n));
            case BINARY_CROSS_ENTROPY:
                return a.binaryCrossEntropyWithLogits(VarMatrix.constant(t, problem.targetsView(), batch, n))
                        .multiply(Losses.elementMeanFactor(kind, n));
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * The number of tape entries of the latest recording.
     *
     * @return the entry count (0 before the first recording)
     */
    public int entries() {
        return tape.entries();
    }

    /**
     * The bytes the latest recording occupies on the tape ({@link Tape#bytes()}).
     *
     * @return the recorded size in bytes
     */
    public long bytes() {
        return tape.bytes();
    }

    private void check(String what, int length) {
        if (length != spec.parameterCount()) {
            throw new IllegalArgumentException(what + " has length " + length + ", expected "
                    + spec.parameterCount() + " (the parameter count of " + spec + ")");
        }
    }
}
