package org.dualtape.compare.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.compare.complex.ComplexStep;
import org.dualtape.dual.Forward;
import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.dualtape.tape.Tape;
import org.dualtape.tape.Var;

/**
 * The gradient methods the sweep compares, one constant per row of every table, in table order.
 *
 * <p><b>Passes</b> count sweeps through the loss's computation: forward evaluations (plain,
 * dual, complex or recording) plus reverse sweeps. Reverse mode therefore takes 2, forward mode
 * one per coordinate (or per chunk of coordinates), central differences 2 per coordinate.
 *
 * <p><b>Partial timing</b>: a method whose cost grows with the number of coordinates it is asked
 * for ({@link #partial()}) can be timed on some of its coordinates and extrapolated with
 * {@link #cost(int, int)}; the others always compute the whole gradient.
 *
 * <p><b>What is timed</b>: each constant's {@link #prepare} calls the public API a user would call
 * ({@code Forward.gradient}, {@code Forward.gradientByDuals}, {@code ComplexStep.gradient},
 * {@code FiniteDifferences.gradient}, a {@code Tape}, a {@code Replay}, Commons Math's types), and
 * for some coordinates that API's form for chosen coordinates, whose passes are those of a whole
 * gradient: a row estimated from part of the passes times what the whole call does.
 */
public enum Method {
    /** {@code forward-dual}: one Dual pass per parameter. */
    FORWARD_DUAL("forward-dual", true, "one Dual pass per parameter") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return new CoordinateEvaluator(w -> Forward.gradientByDuals(problem::loss, w),
                    (w, coordinates) -> Forward.gradientByDuals(problem::loss, w, coordinates));
        }
    },
    /** {@code forward-chunked}: MultiDual, one pass per chunk of parameters. */
    FORWARD_CHUNKED("forward-chunked", true, "MultiDual, one pass per chunk of parameters") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return new CoordinateEvaluator(w -> Forward.gradient(problem::loss, w, chunk),
                    (w, coordinates) -> Forward.gradient(problem::loss, w, coordinates, chunk));
        }
    },
    /** {@code reverse-scalar-tape}: tape with one entry per scalar operation. */
    REVERSE_SCALAR_TAPE("reverse-scalar-tape", false, "tape with one entry per scalar operation") {
        // One recording and one reverse sweep, as Reverse.gradient does, on a tape of the
        // evaluator's own (cleared and reused, as Reverse reuses one per thread), so that its size
        // can be read after a gradient without recording a second tape, which for the largest
        // networks would not fit in memory.
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            Tape tape = new Tape();
            return new WholeGradientEvaluator(problem.parameterCount(), (w, gradient) -> {
                tape.clear();
                Var[] inputs = tape.variables(w);
                tape.reverse(problem.loss(inputs));
                for (int i = 0; i < inputs.length; i++) {
                    gradient[i] = inputs[i].adjoint();
                }
            }, tape::entries, tape::bytes);
        }
    },
    /** {@code reverse-vector-tape}: tape with one entry per layer operation. */
    REVERSE_VECTOR_TAPE("reverse-vector-tape", false, "tape with one entry per layer operation") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return problem.vectorTape();
        }
    },
    /** {@code reverse-replay}: scalar tape recorded once, replayed at the point. */
    REVERSE_REPLAY("reverse-replay", false, "scalar tape recorded once, replayed at the point") {
        // The loss recorded once when the method is prepared (not timed), then each gradient a
        // replay of the tape at the point plus one reverse sweep. A relu network's replay at a
        // point where a unit changes sign throws the tape's BranchChangeException, which the
        // sweep reports as a failed cell rather than a wrong gradient.
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            // the generic softmax reads each sample's largest logit as its log-sum-exp shift, a
            // read no branch depends on, so replaying elsewhere is safe: say so
            Replay replay = Reverse.record(problem::loss, problem.initialParameters()).allowValueReads();
            return new WholeGradientEvaluator(problem.parameterCount(), replay::valueAndGradient,
                    () -> replay.tape().entries(), () -> replay.tape().bytes());
        }
    },
    /** {@code backprop-by-hand}: hand-written backpropagation. */
    BACKPROP_BY_HAND("backprop-by-hand", false, "hand-written backpropagation") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return new WholeGradientEvaluator(problem.parameterCount(), problem::lossAndGradient, null, null);
        }
    },
    /** {@code forward-difference}: (f(x + h e_i) - f(x)) / h. */
    FORWARD_DIFFERENCE("forward-difference", true, "(f(x + h e_i) - f(x)) / h"),
    /** {@code central-difference}: (f(x + h e_i) - f(x - h e_i)) / 2h. */
    CENTRAL_DIFFERENCE("central-difference", true, "(f(x + h e_i) - f(x - h e_i)) / 2h"),
    /** {@code richardson}: Richardson extrapolation of central differences. */
    RICHARDSON("richardson", true, "Richardson extrapolation of central differences"),
    /** {@code complex-step}: Im f(x + i h e_i) / h, one complex pass per parameter. */
    COMPLEX_STEP("complex-step", true, "Im f(x + i h e_i) / h, one complex pass per parameter") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return prepareWithStep(problem, ComplexStep.DEFAULT_STEP);
        }

        @Override
        Evaluator prepareWithStep(SweepProblem problem, double step) {
            return new CoordinateEvaluator(w -> ComplexStep.gradient(problem::loss, w, step),
                    (w, coordinates) -> ComplexStep.gradient(problem::loss, w, step, coordinates));
        }
    },
    /** {@code commons-math-ds}: Commons Math DerivativeStructure, one pass per chunk. */
    COMMONS_MATH_DS("commons-math-ds", true, "Commons Math DerivativeStructure, one pass per chunk") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return new DerivativeStructureEvaluator(problem, chunk);
        }
    },
    /** {@code commons-math-sparse}: Commons Math SparseGradient, one pass. */
    COMMONS_MATH_SPARSE("commons-math-sparse", true, "Commons Math SparseGradient, one pass") {
        @Override
        public Evaluator prepare(SweepProblem problem, int chunk) {
            return new SparseGradientEvaluator(problem);
        }
    };

    private final String label;
    private final boolean partial;
    private final String description;

    Method(String label, boolean partial, String description) {
        this.label = label;
        this.partial = partial;
        this.description = description;
    }

    /**
     * Returns the method's name as used on the command line and in every output.
     *
     * @return the name, such as {@code forward-dual}
     */
    public String label() {
        return label;
    }

    /**
     * Returns a one-line description for the report.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Says whether asking for fewer coordinates costs proportionally less, so that part of a
     * gradient can be timed and extrapolated.
     *
     * @return true for forward mode, numerical differences and Commons Math's types
     */
    public boolean partial() {
        return partial;
    }

    /**
     * Returns the passes over the loss this method takes for some coordinates of a gradient.
     *
     * @param coordinates number of partials wanted (the parameter count for a full gradient), at
     *     least 0
     * @param chunk tangents per pass for the chunked methods, at least 1
     * @return the passes
     */
    public long passes(int coordinates, int chunk) {
        switch (this) {
            case FORWARD_DUAL:
            case COMPLEX_STEP:
                return coordinates;
            case FORWARD_CHUNKED:
            case COMMONS_MATH_DS:
                return (coordinates + (long) chunk - 1) / chunk;
            case FORWARD_DIFFERENCE:
                return coordinates + 1L;
            case CENTRAL_DIFFERENCE:
                return 2L * coordinates;
            case RICHARDSON:
                return Stencil.RICHARDSON.evaluations() * (long) coordinates;
            case COMMONS_MATH_SPARSE:
                return 1;
            default:
                return 2; // one forward (recording) pass, one reverse sweep
        }
    }

    /**
     * Returns the relative cost of some coordinates of a gradient, the quantity extrapolation
     * scales by: time(all) ≈ fixed + (time(m) - fixed) · cost(all) / cost(m), where the fixed
     * part is 0 except for methods with {@link #fixedPass()}.
     *
     * <p>It is the number of passes, except for {@code commons-math-sparse}, which makes all
     * wanted coordinates variables in one pass: its maps of partials, and so the part of its cost
     * above the fixed pass, grow about linearly with that number.
     *
     * @param coordinates number of partials, at least 1
     * @param chunk tangents per pass for the chunked methods, at least 1
     * @return a positive relative cost
     */
    public double cost(int coordinates, int chunk) {
        return this == COMMONS_MATH_SPARSE ? coordinates : passes(coordinates, chunk);
    }

    /**
     * Says whether the method's cost has a part that does not depend on how many coordinates are
     * asked for, which must be timed on its own (an empty list of coordinates) for extrapolation:
     * the one pass of {@code commons-math-sparse}, in which every parameter is a
     * {@code SparseGradient} even when none is a variable.
     *
     * @return true for {@code commons-math-sparse} only
     */
    public boolean fixedPass() {
        return this == COMMONS_MATH_SPARSE;
    }

    /**
     * Returns the smallest number of coordinates worth timing on their own: one chunk for the
     * chunked methods, one coordinate otherwise.
     *
     * @param chunk tangents per pass, at least 1
     * @return the unit, at least 1
     */
    public int unit(int chunk) {
        return this == FORWARD_CHUNKED || this == COMMONS_MATH_DS ? chunk : 1;
    }

    /**
     * Prepares this method for one problem: an evaluator that calls the library's public API as
     * a user would (for the finite differences, {@code FiniteDifferences.gradient} of the plain
     * loss with the stencil's default relative step).
     *
     * @param problem the loss
     * @param chunk tangents per pass for the chunked methods, at least 1
     * @return the evaluator
     * @throws UnsupportedOperationException if the problem has no form for this method
     */
    public Evaluator prepare(SweepProblem problem, int chunk) {
        Stencil stencil = stencil();
        return prepareWithStep(problem, stencil.relativeStep());
    }

    /**
     * Prepares a numerical method with a fixed step, for the step study: relative for the finite
     * differences ({@code h · max(1, |w_i|)}), the imaginary step itself for the complex step.
     *
     * @param problem the loss
     * @param step the step h, above 0
     * @return the evaluator
     * @throws UnsupportedOperationException if this method takes no step
     */
    Evaluator prepareWithStep(SweepProblem problem, double step) {
        Stencil stencil = stencil();
        ToDoubleFunction<double[]> loss = problem::loss;
        return new CoordinateEvaluator(w -> FiniteDifferences.gradient(stencil, loss, w, step),
                (w, coordinates) -> FiniteDifferences.gradient(stencil, loss, w, step, coordinates));
    }

    /** The stencil of a finite-difference method. */
    private Stencil stencil() {
        switch (this) {
            case FORWARD_DIFFERENCE:
                return Stencil.FORWARD;
            case CENTRAL_DIFFERENCE:
                return Stencil.CENTRAL;
            case RICHARDSON:
                return Stencil.RICHARDSON;
            default:
                throw new UnsupportedOperationException(label + " takes no step");
        }
    }

    /**
     * Finds a method by its name.
     *
     * @param name a name such as {@code reverse-scalar-tape}
     * @return the method
     * @throws IllegalArgumentException naming the known methods if there is none by that name
     */
    public static Method byLabel(String name) {
        for (Method m : values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Method::label).collect(Collectors.joining(", ")));
    }

    /**
     * Parses a comma-separated list of method names, keeping table order and dropping repeats.
     *
     * @param names such as {@code "forward-dual,backprop-by-hand"}
     * @return the methods in table order
     * @throws IllegalArgumentException if a name is unknown or the list is empty
     */
    public static List<Method> parseList(String names) {
        List<Method> chosen = new ArrayList<>();
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
