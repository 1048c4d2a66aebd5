package org.dualtape.compare.mlp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The shape of a multilayer perceptron: input width, hidden widths, output width, the hidden
 * layers' activation and the loss.
 *
 * <h2>Layers</h2>
 * There are {@code hidden.length + 1} affine layers. Layer {@code l} maps {@link #layerInputs(int)}
 * values to {@link #layerOutputs(int)} values: {@code z = W a + b}. Every layer but the last is
 * followed by the activation; the last layer's outputs are the logits the {@link LossKind} scores.
 *
 * <h2>Parameter layout</h2>
 * All parameters live in one flat {@code double[]} of length {@link #parameterCount()}, layer
 * after layer; within layer {@code l}, first the weights {@code W} row-major as
 * {@code [out][in]} (entry {@code (j, i)} at {@code weightOffset(l) + j * in + i}), then the
 * biases {@code b} (entry {@code j} at {@code biasOffset(l) + j}).
 *
 * <h2>Construction</h2>
 * Every width must be at least 1 and the parameter count must fit in a Java array;
 * {@link LossKind#SOFTMAX_CROSS_ENTROPY} needs at least 2 outputs. {@link #standard(int)} gives
 * the comparison sweep's network.
 *
 * <p>Instances are immutable.
 */
public final class MlpSpec {
    /** Input width of the standard sweep's network. */
    public static final int STANDARD_INPUTS = 32;
    /** Output width (classes) of the standard sweep's network. */
    public static final int STANDARD_OUTPUTS = 10;

    /** The largest array length every JVM allows. */
    private static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    private final int inputs;
    private final int[] hidden;
    private final int outputs;
    private final Activation activation;
    private final LossKind loss;
    /** offsets[l] = weightOffset(l); offsets[layers] = parameterCount. */
    private final int[] offsets;

    /**
     * Creates a network shape.
     *
     * @param inputs the input width, at least 1
     * @param hidden the hidden widths, each at least 1, possibly none (not modified)
     * @param outputs the output width, at least 1 (at least 2 for softmax cross-entropy)
     * @param activation the hidden layers' activation
     * @param loss the loss
     * @throws IllegalArgumentException if a width is below 1 or the parameters do not fit in an array
     * @throws NullPointerException if an argument is null
     */
    public MlpSpec(int inputs, int[] hidden, int outputs, Activation activation, LossKind loss) {
        Objects.requireNonNull(hidden, "hidden widths");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.loss = Objects.requireNonNull(loss, "loss");
        requireWidth("input width", inputs);
        for (int l = 0; l < hidden.length; l++) {
            requireWidth("hidden width " + l, hidden[l]);
        }
        requireWidth("output width", outputs);
        if (loss == LossKind.SOFTMAX_CROSS_ENTROPY && outputs < 2) {
            throw new IllegalArgumentException(
                    "softmax cross-entropy needs at least 2 outputs, got " + outputs);
        }
        this.inputs = inputs;
        this.hidden = hidden.clone();
        this.outputs = outputs;
        int layers = hidden.length + 1;
        this.offsets = new int[layers + 1];
        long count = 0;
        for (int l = 0; l < layers; l++) {
            offsets[l] = (int) count;
            count += ((long) width(l) + 1) * width(l + 1);
            if (count > MAX_PARAMETERS) {
                throw new IllegalArgumentException("the network " + shape()
                        + " has more than " + MAX_PARAMETERS + " parameters");
            }
        }
        offsets[layers] = (int) count;
    }

    /**
     * The comparison sweep's standard network: {@code 32 → width → width → 10}, tanh, softmax
     * cross-entropy.
     *
     * @param width the two hidden widths, at least 1
     * @return the network shape; {@code standard(4)} has 202 parameters, {@code standard(1024)}
     *     1,093,642
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public static MlpSpec standard(int width) {
        return new MlpSpec(STANDARD_INPUTS, new int[] {width, width}, STANDARD_OUTPUTS,
                Activation.TANH, LossKind.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * The number of parameters: {@code Σ_l (in_l + 1) · out_l}.
     *
     * @return the length of the flat parameter array
     */
    public int parameterCount() {
        return offsets[offsets.length - 1];
    }

    /**
     * The input width.
     *
     * @return the number of inputs
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The hidden widths.
     *
     * @return a fresh copy of the hidden widths, in order from the input side
     */
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * The output width.
     *
     * @return the number of outputs (classes, or 1 for a single binary output)
     */
    public int outputs() {
        return outputs;
    }

    /**
     * The hidden layers' activation.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The loss.
     *
     * @return the loss kind
     */
    public LossKind loss() {
        return loss;
    }

    /**
     * The number of affine layers.
     *
     * @return {@code hidden().length + 1}
     */
    public int layers() {
        return offsets.length - 1;
    }

    /**
     * The input width of an affine layer.
     *
     * @param layer the layer, from 0 (the input side)
     * @return the number of values layer {@code layer} reads
     * @throws IndexOutOfBoundsException if the layer does not exist
     */
    public int layerInputs(int layer) {
        Objects.checkIndex(layer, layers());
        return width(layer);
    }

    /**
     * The output width of an affine layer.
     *
     * @param layer the layer, from 0 (the input side)
     * @return the number of values layer {@code layer} writes
     * @throws IndexOutOfBoundsException if the layer does not exist
     */
    public int layerOutputs(int layer) {
        Objects.checkIndex(layer, layers());
        return width(layer + 1);
    }

    /**
     * Where a layer's weights start in the flat parameter array.
     *
     * @param layer the layer
     * @return the index of {@code W[0][0]} of that layer
     * @throws IndexOutOfBoundsException if the layer does not exist
     */
    public int weightOffset(int layer) {
        Objects.checkIndex(layer, layers());
        return offsets[layer];
    }

    /**
     * Where a layer's biases start in the flat parameter array.
     *
     * @param layer the layer
     * @return the index of {@code b[0]} of that layer
     * @throws IndexOutOfBoundsException if the layer does not exist
     */
    public int biasOffset(int layer) {
        Objects.checkIndex(layer, layers());
        return offsets[layer] + width(layer) * width(layer + 1);
    }

    /**
     * The layer a parameter belongs to.
     *
     * @param index a parameter index
     * @return the layer whose weights or biases hold it
     * @throws IndexOutOfBoundsException if the index is not a parameter
     */
    public int layerOf(int index) {
        Objects.checkIndex(index, parameterCount());
        int l = 0;
        while (index >= offsets[l + 1]) {
            l++;
        }
        return l;
    }

    /** Width of the value vector between layers: 0 = inputs, layers() = outputs. */
    private int width(int position) {
        if (position == 0) {
            return inputs;
        }
        return position <= hidden.length ? hidden[position - 1] : outputs;
    }

    private String shape() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (int h : hidden) {
            s.append('-').append(h);
        }
        return s.append('-').append(outputs).toString();
    }

    private static void requireWidth(String what, int width) {
        if (width < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + width);
        }
    }

    /**
     * Equal when all widths, the activation and the loss are equal.
     *
     * @param o the other object
     * @return whether {@code o} is the same network shape
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MlpSpec)) {
            return false;
        }
        MlpSpec s = (MlpSpec) o;
        return inputs == s.inputs && outputs == s.outputs && Arrays.equals(hidden, s.hidden)
                && activation == s.activation && loss == s.loss;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(inputs, Arrays.hashCode(hidden), outputs, activation, loss);
    }

    /**
     * The shape, activation and loss, for example {@code 32-4-4-10 tanh softmax_cross_entropy}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return shape() + " " + activation.name().toLowerCase(Locale.ROOT) + " "
                + loss.name().toLowerCase(Locale.ROOT);
    }
}
