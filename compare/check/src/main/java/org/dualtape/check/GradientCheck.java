package org.dualtape.check;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks a claimed gradient of a scalar function at a point, and returns a {@link CheckReport}:
 * {@code GradientCheck.of(f).at(x).claimed(g).run()}, or in a test
 * {@code GradientCheck.assertGradient(f, g, x)}.
 *
 * <h2>References</h2>
 * For plain code ({@link #of}) the reference is finite differences extrapolated by Ridders, whose
 * own error estimate (times 4) sets each tolerance, plus the tolerance-free Taylor-remainder test
 * along a random direction. For a generic function ({@link #ofGeneric}) it is exact forward-mode
 * AD, and the tolerance is rounding only (16 times the AD result's spread over points a few ulps
 * away, plus 64 ulps).
 *
 * <h2>Which entries</h2>
 * Up to 64 inputs: every partial derivative, so an error larger than an entry's tolerance plus the
 * reference's error is caught for certain. Above 64 (or with {@link #directions(int)}): the
 * gradient along random Gaussian directions, and the report states the error size caught with
 * probability {@code 1 - p} ({@link #missProbability(double)}). {@link #coordinates()} forces
 * every coordinate.
 *
 * <h2>Kinks</h2>
 * Functions with kinks (abs, relu, max) are checked like smooth ones: a kink near the point (a
 * relu unit of a network whose pre-activation is nearly 0) is not a failure, because when the
 * finite differences straddle one, the checker shrinks their steps (to 1e-9 of the scale) until
 * the line is smooth on them. Where an entry disagrees, the checker probes second differences
 * along its line on steps down to where rounding takes over: if the point sits on a kink (abs at
 * 0, relu at 0, max at a tie), it reports where, with the one-sided derivatives, and a claim
 * between them is {@link Status#KINK}, not a failure; a claim outside them fails, unless several
 * kinks meet at the point (derivatives along the line at points around it fall outside the
 * one-sided derivatives too), where no line bounds a generalized gradient and the entry is
 * {@link Status#KINK}, not checked. The Taylor test likewise does not fail at a kink. The limit:
 * a kink within about 1e-9 of the scale from the point, but not at it, may fail a right claim.
 *
 * <h2>Bad input</h2>
 * A null function, point or claim, a point that is empty or not finite, or a claim of the wrong
 * length: an exception before any evaluation. A non-finite value {@code f(x)}: an exception after
 * that one evaluation. A function that throws: {@link FunctionFailedException} with the point.
 *
 * <p>A builder: set, then {@link #run()} (as often as wanted). Not thread-safe. Deterministic: a
 * constant default seed.
 */
public final class GradientCheck {
    private final ToDoubleFunction<double[]> plain;
    private final ScalarFieldFunction generic;
    private double[] x;
    private double[] claimedValues;
    private Function<double[], double[]> claimedFunction;
    private Options options = Options.defaults();

    private GradientCheck(ToDoubleFunction<double[]> plain, ScalarFieldFunction generic) {
        this.plain = plain;
        this.generic = generic;
    }

    /**
     * Starts a check of a function written as plain code.
     *
     * @param f the function; it may keep no reference to its argument
     * @return the builder
     * @throws NullPointerException if {@code f} is null
     */
    public static GradientCheck of(ToDoubleFunction<double[]> f) {
        return new GradientCheck(Objects.requireNonNull(f, "function f is null"), null);
    }

    /**
     * Starts a check of a generic function: the reference is exact AD.
     *
     * @param f the function, usually a method reference to a generic static method
     * @return the builder
     * @throws NullPointerException if {@code f} is null
     */
    public static GradientCheck ofGeneric(ScalarFieldFunction f) {
        return new GradientCheck(null, Objects.requireNonNull(f, "function f is null"));
    }

    /**
     * Sets the point.
     *
     * @param x the point, finite, at least one coordinate; copied
     * @return this builder
     * @throws NullPointerException if {@code x} is null
     * @throws IllegalArgumentException if {@code x} is empty or not finite
     */
    public GradientCheck at(double... x) {
        this.x = Inputs.point(x);
        return this;
    }

    /**
     * Sets the claimed gradient at the point, as values.
     *
     * @param gradient the claimed gradient, one entry per coordinate (NaN entries are reported as
     *     failures); copied
     * @return this builder
     * @throws NullPointerException if {@code gradient} is null
     */
    public GradientCheck claimed(double... gradient) {
        this.claimedValues = Objects.requireNonNull(gradient, "claimed gradient is null").clone();
        this.claimedFunction = null;
        return this;
    }

    /**
     * Sets the claimed gradient as a function of the point (also used to measure its rounding).
     *
     * @param gradient {@code x -> ∇f(x)}, returning one entry per coordinate
     * @return this builder
     * @throws NullPointerException if {@code gradient} is null
     */
    public GradientCheck claimed(Function<double[], double[]> gradient) {
        this.claimedFunction = Objects.requireNonNull(gradient, "claimed gradient function is null");
        this.claimedValues = null;
        return this;
    }

    /**
     * Checks every partial derivative, however many inputs.
     *
     * @return this builder
     */
    public GradientCheck coordinates() {
        options = new Options(-1, options.seed(), options.missProbability(), options.taylor());
        return this;
    }

    /**
     * Checks the gradient along {@code k} random Gaussian directions instead of every coordinate.
     *
     * @param k the number of directions (the budget: each costs about as much as one coordinate)
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public GradientCheck directions(int k) {
        options = new Options(Inputs.positive(k, "directions"), options.seed(), options.missProbability(), options.taylor());
        return this;
    }

    /**
     * Sets the seed of the random directions (a constant by default, so every run agrees).
     *
     * @param seed the seed
     * @return this builder
     */
    public GradientCheck seed(long seed) {
        options = new Options(options.directions(), seed, options.missProbability(), options.taylor());
        return this;
    }

    /**
     * Sets the miss probability quoted by random-direction checks (default 1e-6).
     *
     * @param p the probability, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is not in (0, 1)
     */
    public GradientCheck missProbability(double p) {
        options = new Options(options.directions(), options.seed(), Inputs.probability(p), options.taylor());
        return this;
    }

    /**
     * Turns the Taylor-remainder test on (default, plain code only) or off.
     *
     * @param on whether to run it
     * @return this builder
     */
    public GradientCheck taylor(boolean on) {
        options = new Options(options.directions(), options.seed(), options.missProbability(), on);
        return this;
    }

    /**
     * Runs the check.
     *
     * @return the report
     * @throws IllegalStateException if the point or the claim was not set
     * @throws IllegalArgumentException if the claim's length differs from the point's, or
     *     {@code f(x)} is not finite
     * @throws FunctionFailedException if the function or the claimed gradient function throws
     */
    public CheckReport run() {
        if (x == null) {
            throw new IllegalStateException("no point: call at(x) before run()");
        }
        if (claimedValues == null && claimedFunction == null) {
            throw new IllegalStateException("no claimed gradient: call claimed(...) before run()");
        }
        if (claimedValues != null && claimedValues.length != x.length) {
            throw new IllegalArgumentException("claimed gradient has " + claimedValues.length + " entries but x has "
                    + x.length + " coordinates");
        }
        double[] point = x.clone();
        Claim claim = claimedValues != null ? new Claim(new double[][] {claimedValues.clone()}, null, null, null)
                : new Claim(null, p -> {
                    double[] g = claimedFunction.apply(p);
                    return g == null ? null : new double[][] {g};
                }, null, null);
        Reference reference = plain != null
                ? new Reference.Plain(new Evaluator(p -> new double[] {plain.applyAsDouble(p)}, "f"))
                : new Reference.Exact(ExactDerivatives.asVector(generic), ExactDerivatives.DEFAULT,
                        Checker.ulpPoints(point, options.seed() + 4, Reference.Exact.SPREAD_POINTS));
        String title = "Gradient check at x = " + Inputs.shortString(point) + " (n = " + point.length + ")";
        return new Checker(title, true, point, reference, claim, options).run();
    }

    /**
     * Runs the check and throws if it failed.
     *
     * @throws AssertionError with the report's table as its message, if the check failed
     */
    public void assertPasses() {
        run().assertPassed();
    }

    /**
     * Asserts that {@code gradient} is the gradient of plain-code {@code f} at {@code x}.
     *
     * @param f the function
     * @param gradient {@code x -> ∇f(x)}
     * @param x the point, not modified
     * @throws AssertionError with the report's table, if the check failed
     */
    public static void assertGradient(ToDoubleFunction<double[]> f, Function<double[], double[]> gradient, double... x) {
        of(f).at(x).claimed(gradient).assertPasses();
    }

    /**
     * Asserts that {@code gradient} is the gradient of the generic {@code f} at {@code x}, against
     * exact AD.
     *
     * @param f the function
     * @param gradient {@code x -> ∇f(x)}
     * @param x the point, not modified
     * @throws AssertionError with the report's table, if the check failed
     */
    public static void assertGradientGeneric(ScalarFieldFunction f, Function<double[], double[]> gradient, double... x) {
        ofGeneric(f).at(x).claimed(gradient).assertPasses();
    }

    @Override
    public String toString() {
        return "GradientCheck at " + (x == null ? "(no point)" : Arrays.toString(x));
    }
}
