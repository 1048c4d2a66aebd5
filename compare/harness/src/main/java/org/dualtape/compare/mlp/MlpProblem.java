package org.dualtape.compare.mlp;

import java.util.Objects;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;

/**
 * One MLP loss to differentiate: a network shape, a fixed batch of labelled samples and
 * deterministic initial parameters, with the loss written once generically and, for speed, as
 * plain {@code double} code, as vector nodes of the tape ({@link VectorTapeLoss}) and as a
 * hand-written backprop.
 *
 * <h2>The loss</h2>
 * {@code L(w) = (1 / batch) Σ_s ℓ(z(x_s; w), y_s)}: each sample's input goes through the affine
 * layers of {@link MlpSpec} (the activation after every layer but the last) to the logits
 * {@code z}, which {@link LossKind} scores, averaged over the batch. Parameters are laid out as
 * {@link MlpSpec} documents.
 *
 * <h2>One loss, bitwise</h2>
 * {@link #loss(RealFieldElement[])}, {@link #loss(double[])},
 * {@link #lossAndGradient(double[], double[])} and {@link VectorTapeLoss} perform the same
 * floating-point operations in the same order, those of the tape's plain-loop kernels
 * ({@code org.dualtape.tape.Kernels}): an affine output {@code z_j = b_j + (0 + W_j0 a_0 +
 * W_j1 a_1 + ...)}, the dot product summed left to right from 0 and then added to the bias; the
 * activation as {@link Activation} computes it; and the loss as the tape's loss nodes compute it
 * (see {@code Losses}): softmax cross-entropy per sample with the maximum {@code m} chosen by
 * {@code Math.max} on {@code getReal()} and subtracted as a {@code double} constant, summed over
 * the samples and divided by the batch size; the quadratic cost and binary cross-entropy summed
 * over all {@code batch × outputs} terms, divided by that count and multiplied by
 * {@code outputs / 2} (resp. {@code outputs}), which is the batch average up to rounding. So the
 * vector tape's value is bitwise the {@code double} loss, and so is the generic loss on number
 * types whose value part computes exactly as {@code java.lang.Math} does (Dual, MultiDual, Var),
 * except at an infinite logit under binary cross-entropy, where the kernel gives NaN and the
 * generic loss the limit. Commons Math's
 * {@code DerivativeStructure} and {@code SparseGradient} use {@code FastMath}, which may differ
 * from {@code Math} in the last bit. The accuracy reference is {@link DfpReference}.
 *
 * <h2>Construction</h2>
 * The batch is the first {@code batch} samples of the data set. Initial parameters come from
 * {@link java.util.Random} with the given seed: weights normal with standard deviation
 * {@code 1/√in} (in = the layer's input width), biases normal with standard deviation
 * {@value #BIAS_SCALE}. {@link #standard(int)} gives the comparison sweep's problem.
 *
 * <h2>Thread safety</h2>
 * The {@code double} methods reuse one set of scratch buffers per problem (so a gradient
 * allocates nothing after the first call) and are {@code synchronized}: concurrent calls on one
 * problem are safe but run one at a time. The generic loss allocates its own arrays.
 */
public final class MlpProblem {
    /** The batch size of the standard sweep's problem. */
    public static final int STANDARD_BATCH = 32;
    /** Seed of the standard problem's data; constant so every run sees the same problem. */
    public static final long STANDARD_DATA_SEED = 20_261_122L;
    /** Seed of the standard problem's initial parameters; constant for the same reason. */
    public static final long STANDARD_PARAMETER_SEED = 4L;
    /** Standard deviation of the initial biases (small and nonzero, so no bias gradient is trivially equal). */
    static final double BIAS_SCALE = 0.1;

    private final MlpSpec spec;
    private final int batch;
    private final double[] inputs;  // [batch][spec.inputs()], row-major
    private final int[] labels;
    private final double[] targets; // [batch][spec.outputs()], row-major: see target(int, int)
    private final long seed;
    private double[] initial; // drawn on first use: a minibatch's problem never needs it
    private DenseMlp dense; // scratch buffers, created on first use

    /**
     * Creates a problem.
     *
     * @param spec the network shape
     * @param data the data set; its input width must equal {@code spec.inputs()} and its labels
     *     must fit the outputs (below {@code spec.outputs()}, or 0/1 for a single output)
     * @param batch how many samples, from the start of {@code data}, the loss averages over; in
     *     {@code [1, data.size()]}
     * @param seed the seed of the initial parameters
     * @throws IllegalArgumentException if the data do not fit the network or the batch is out of range
     * @throws NullPointerException if an argument is null
     */
    public MlpProblem(MlpSpec spec, Dataset data, int batch, long seed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        if (data.inputs() != spec.inputs()) {
            throw new IllegalArgumentException("the data have " + data.inputs()
                    + " inputs per sample, the network " + spec + " expects " + spec.inputs());
        }
        if (batch < 1 || batch > data.size()) {
            throw new IllegalArgumentException("batch must be in [1, " + data.size()
                    + "] (the data set's size), got " + batch);
        }
        int classes = spec.outputs() == 1 ? 2 : spec.outputs();
        int[] y = data.labels(batch);
        for (int s = 0; s < batch; s++) {
            if (y[s] >= classes) {
                throw new IllegalArgumentException("label " + y[s] + " of sample " + s
                        + " does not fit " + spec.outputs() + " output(s): expected 0.." + (classes - 1));
            }
        }
        this.batch = batch;
        this.inputs = data.features(batch);
        this.labels = y;
        int n = spec.outputs();
        this.targets = new double[batch * n];
        for (int s = 0; s < batch; s++) {
            for (int k = 0; k < n; k++) {
                targets[s * n + k] = Losses.hot(y[s], k, n) ? 1 : 0;
            }
        }
        this.seed = seed;
    }

    /**
     * The comparison sweep's standard problem: {@link MlpSpec#standard(int)} on a batch of 32
     * synthetic samples ({@link Dataset#synthetic} with 32 inputs, 10 classes and seed
     * {@value #STANDARD_DATA_SEED}), parameters from seed {@value #STANDARD_PARAMETER_SEED}.
     *
     * @param width the two hidden widths, at least 1
     * @return the problem
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public static MlpProblem standard(int width) {
        MlpSpec spec = MlpSpec.standard(width);
        Dataset data = Dataset.synthetic(spec.inputs(), spec.outputs(), STANDARD_BATCH, STANDARD_DATA_SEED);
        return new MlpProblem(spec, data, STANDARD_BATCH, STANDARD_PARAMETER_SEED);
    }

    private static double[] initialParameters(MlpSpec spec, long seed) {
        Random random = new Random(seed);
        double[] w = new double[spec.parameterCount()];
        for (int l = 0; l < spec.layers(); l++) {
            double scale = 1 / Math.sqrt(spec.layerInputs(l));
            int b = spec.biasOffset(l);
            for (int k = spec.weightOffset(l); k < b; k++) {
                w[k] = scale * random.nextGaussian();
            }
            for (int j = 0; j < spec.layerOutputs(l); j++) {
                w[b + j] = BIAS_SCALE * random.nextGaussian();
            }
        }
        return w;
    }

    /**
     * The network shape.
     *
     * @return the spec
     */
    public MlpSpec spec() {
        return spec;
    }

    /**
     * The number of parameters.
     *
     * @return {@code spec().parameterCount()}
     */
    public int parameterCount() {
        return spec.parameterCount();
    }

    /**
     * The number of samples the loss averages over.
     *
     * @return the batch size
     */
    public int batch() {
        return batch;
    }

    /**
     * The deterministic initial parameters.
     *
     * @return a fresh copy, laid out as {@link MlpSpec} documents
     */
    public synchronized double[] initialParameters() {
        if (initial == null) {
            initial = initialParameters(spec, seed);
        }
        return initial.clone();
    }

    /**
     * The batch's inputs.
     *
     * @return a fresh row-major {@code [batch()][spec().inputs()]} array
     */
    public double[] inputs() {
        return inputs.clone();
    }

    /**
     * The batch's labels.
     *
     * @return a fresh array of {@code batch()} labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The target of one output for one sample: one-hot for two or more outputs, the label itself
     * (0 or 1) for a single output.
     *
     * @param sample the sample, in {@code [0, batch())}
     * @param output the output, in {@code [0, spec().outputs())}
     * @return 0 or 1
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double target(int sample, int output) {
        Objects.checkIndex(sample, batch);
        Objects.checkIndex(output, spec.outputs());
        return targets[sample * spec.outputs() + output];
    }

    /**
     * The loss in plain {@code double} code: the fast baseline every gradient is timed against.
     *
     * @param w the parameters, length {@link #parameterCount()} (not modified)
     * @return the loss, bitwise equal to the generic loss on Dual, MultiDual and Var and to
     *     {@link VectorTapeLoss}'s value
     * @throws IllegalArgumentException if {@code w} has the wrong length
     */
    public synchronized double loss(double[] w) {
        checkLength("w", w.length);
        return dense().loss(w);
    }

    /**
     * The loss, written once for every number type: forward mode (Dual, MultiDual), reverse mode
     * (Var), Commons Math's DerivativeStructure, SparseGradient and Dfp, and complex step.
     *
     * @param w the parameters, length {@link #parameterCount()} (not modified)
     * @param <T> the number type
     * @return the loss
     * @throws IllegalArgumentException if {@code w} has the wrong length
     */
    public <T extends RealFieldElement<T>> T loss(T[] w) {
        checkLength("w", w.length);
        return GenericMlp.loss(spec, inputs, labels, w);
    }

    /**
     * The loss and its gradient by hand-written backpropagation over flat arrays. The forward
     * pass is the one {@link #loss(double[])} runs, so the returned value equals it bitwise.
     *
     * @param w the parameters, length {@link #parameterCount()} (not modified)
     * @param gradient receives {@code ∂L/∂w}, length {@link #parameterCount()} (modified:
     *     overwritten)
     * @return the loss
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public synchronized double lossAndGradient(double[] w, double[] gradient) {
        checkLength("w", w.length);
        checkLength("gradient", gradient.length);
        return dense().lossAndGradient(w, gradient);
    }

    /** The batch inputs without a copy, for the package's kernels (never modified). */
    double[] inputsView() {
        return inputs;
    }

    /** The labels without a copy, for the package's kernels (never modified). */
    int[] labelsView() {
        return labels;
    }

    /** The targets ({@link #target(int, int)}), {@code [batch][outputs]} row-major, without a copy (never modified). */
    double[] targetsView() {
        return targets;
    }

    private DenseMlp dense() {
        if (dense == null) {
            dense = new DenseMlp(spec, inputs, labels, targets);
        }
        return dense;
    }

    private void checkLength(String what, int length) {
        if (length != spec.parameterCount()) {
            throw new IllegalArgumentException(what + " has length " + length + ", expected "
                    + spec.parameterCount() + " (the parameter count of " + spec + ")");
        }
    }

    /**
     * The spec, batch size and data shape.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return spec + ", batch " + batch + ", " + spec.parameterCount() + " parameters";
    }
}
