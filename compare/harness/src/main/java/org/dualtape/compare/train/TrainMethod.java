package org.dualtape.compare.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.compare.complex.ComplexStep;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.VectorTapeLoss;
import org.dualtape.dual.ChunkPolicy;
import org.dualtape.dual.Forward;
import org.dualtape.tape.Reverse;

/**
 * The gradient methods {@code compare train} trains with, each calling the library's public API
 * exactly as a user would, in the order they run.
 *
 * <p>The names are those of the sweep's methods. A method is <b>exact</b> when its gradient is the
 * loss's derivative up to rounding (every mode of AD, and the complex step, whose step is so small
 * that its truncation error is far below rounding); central differences are not (their error is
 * about the square root of the rounding error, see the step study).
 */
public enum TrainMethod {
    /** {@code reverse-vector-tape}: {@link VectorTapeLoss}, one tape entry per layer operation. */
    REVERSE_VECTOR_TAPE("reverse-vector-tape", true, "tape with one entry per layer operation"),
    /** {@code backprop-by-hand}: {@link MlpProblem#lossAndGradient}, hand-written backpropagation. */
    BACKPROP_BY_HAND("backprop-by-hand", true, "hand-written backpropagation"),
    /** {@code reverse-scalar-tape}: {@link Reverse#gradient}, one tape entry per scalar operation. */
    REVERSE_SCALAR_TAPE("reverse-scalar-tape", true, "Reverse.gradient: one tape entry per scalar operation"),
    /** {@code forward-chunked}: {@link Forward#gradient}, one MultiDual pass per chunk of parameters. */
    FORWARD_CHUNKED("forward-chunked", true, "Forward.gradient: one MultiDual pass per chunk of parameters"),
    /** {@code complex-step}: {@link ComplexStep#gradient}, one complex pass per parameter. */
    COMPLEX_STEP("complex-step", true, "ComplexStep.gradient: one complex pass per parameter"),
    /** {@code central-difference}: {@link FiniteDifferences#gradient}, two loss evaluations per parameter. */
    CENTRAL_DIFFERENCE("central-difference", false,
            "FiniteDifferences.gradient(CENTRAL): two loss evaluations per parameter");

    private final String label;
    private final boolean exact;
    private final String description;

    TrainMethod(String label, boolean exact, String description) {
        this.label = label;
        this.exact = exact;
        this.description = description;
    }

    /**
     * The method's name on the command line and in every output.
     *
     * @return the name, such as {@code reverse-vector-tape}
     */
    public String label() {
        return label;
    }

    /**
     * Says whether the gradient is exact up to rounding.
     *
     * @return false for central differences only
     */
    public boolean exact() {
        return exact;
    }

    /**
     * A one-line description for the report.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The passes over the loss one gradient takes: 2 for reverse mode (record and sweep), one per
     * chunk for forward mode, one per parameter for the complex step, two per parameter for
     * central differences.
     *
     * @param parameters the parameter count, at least 1
     * @return the passes per gradient
     */
    public long passes(int parameters) {
        switch (this) {
            case FORWARD_CHUNKED:
                int k = ChunkPolicy.chunkSize(parameters);
                return (parameters + (long) k - 1) / k;
            case COMPLEX_STEP:
                return parameters;
            case CENTRAL_DIFFERENCE:
                return 2L * parameters;
            default:
                return 2;
        }
    }

    /**
     * Computes the gradient of one minibatch's loss through the public API; every pass over the
     * loss first asks the clock whether the budget is spent.
     *
     * @param problem the minibatch's loss
     * @param w the parameters (not modified)
     * @param clock counts passes and stops the gradient when the budget is spent
     * @return the gradient, a new array
     * @throws Clock.OutOfTime if the budget ran out during the gradient
     */
    double[] gradient(MlpProblem problem, double[] w, Clock clock) {
        switch (this) {
            case REVERSE_VECTOR_TAPE: {
                clock.pass();
                double[] g = new double[w.length];
                new VectorTapeLoss(problem).lossAndGradient(w, g);
                return g;
            }
            case BACKPROP_BY_HAND: {
                clock.pass();
                double[] g = new double[w.length];
                problem.lossAndGradient(w, g);
                return g;
            }
            case REVERSE_SCALAR_TAPE:
                return Reverse.gradient(x -> {
                    clock.pass();
                    return problem.loss(x);
                }, w);
            case FORWARD_CHUNKED:
                return Forward.gradient(x -> {
                    clock.pass();
                    return problem.loss(x);
                }, w);
            case COMPLEX_STEP:
                return ComplexStep.gradient(x -> {
                    clock.pass();
                    return problem.loss(x);
                }, w);
            case CENTRAL_DIFFERENCE: {
                ToDoubleFunction<double[]> loss = x -> {
                    clock.pass();
                    return problem.loss(x);
                };
                return FiniteDifferences.gradient(Stencil.CENTRAL, loss, w.clone()); // a copy: an
                // interrupted gradient would leave its point moved
            }
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Finds a method by its name.
     *
     * @param name a name such as {@code reverse-scalar-tape}
     * @return the method
     * @throws IllegalArgumentException naming the known methods if there is none by that name
     */
    public static TrainMethod byLabel(String name) {
        for (TrainMethod m : values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(TrainMethod::label).collect(Collectors.joining(", ")));
    }

    /**
     * Parses a comma-separated list of names, keeping this enum's order and dropping repeats.
     *
     * @param names such as {@code "reverse-vector-tape,complex-step"}
     * @return the methods in run order
     * @throws IllegalArgumentException if a name is unknown or none is given
     */
    public static List<TrainMethod> parseList(String names) {
        List<TrainMethod> chosen = new ArrayList<>();
        for (String part : names.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                chosen.add(byLabel(name));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no method named in '" + names + "'");
        }
        return Arrays.stream(values()).filter(chosen::contains).collect(Collectors.toList());
    }
}
