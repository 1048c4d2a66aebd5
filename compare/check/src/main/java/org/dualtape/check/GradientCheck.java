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
 * AD with a running bound on its own rounding from the magnitudes it cancels
 * ({@code BoundedDual}); the tolerance is 4 times that bound plus 64 ulps, and a mismatch beyond
 * it is a failure. A claim given as a function is evaluated at the point only: it gets the verdict
 * the same values get.
 *
 * <h2>Which entries</h2>
 * Up to 64 inputs: every partial derivative, so an error larger than an entry's tolerance plus the
 * reference's error is caught for certain. Above 64 (or with {@link #directions(int)}): the
 * gradient along random Gaussian directions, and the report states the error size caught with
 * probability {@code 1 - p} ({@link #missProbability(double)}). {@link #coordinates()} forces
 * every coordinate.
 *
 * <h2>Verdicts that can be trusted</h2>
 * An entry passes only if the check resolves it: where the reference's error bound exceeds 1% of
 * the entry (finite differences in a tiny-curvature region, or after a cancellation), the entry is
 * {@link Status#UNRESOLVED}, not passed. Every entry states its resolution
 * ({@link CheckReport.Entry#resolution()}), relative, or absolute where claimed and reference are
 * both 0.
 *
 * <h2>Kinks</h2>
 * Functions with kinks (abs, relu, max) are checked like smooth ones: a kink near the point (a
 * relu unit of a network whose pre-activation is nearly 0) is not a failure, because when the
 * finite differences straddle one, the checker shrinks their steps (to 1e-9 of the scale) until
 * the line is smooth on them. An entry that disagrees is a kink only if a kink is seen at the
 * point along its own line: second differences on a ladder of steps whose jump stays steady over
 * three steps, each above the noise measured there. Then a claim between the one-sided
 * derivatives is {@link Status#KINK} (a pass, with the interval in its resolution), a claim outside
 * them fails, unless several kinks meet at the point (derivatives along the line at points around
 * it fall outside the one-sided derivatives too), where the entry is {@link Status#UNCHECKED}. Any
 * other disagreement is a failure. Entries not checked keep the report from passing unless
 * {@link #allowUnchecked()} is set; the report's first line counts them.
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
     * Sets the claimed gradient as a function of the point. It is evaluated at the point only, so
     * the verdict is the one the same values would get from {@link #claimed(double...)}.
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
        options = options.withDirections(-1);
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
        options = options.withDirections(Inputs.positive(k, "directions"));
        return this;
    }

    /**
     * Sets the seed of the random directions (a constant by default, so every run agrees).
     *
     * @param seed the seed
     * @return this builder
     */
    public GradientCheck seed(long seed) {
        options = options.withSeed(seed);
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
        options = options.withMissProbability(Inputs.probability(p));
        return this;
    }

    /**
     * Turns the Taylor-remainder test on (default, plain code only) or off.
     *
     * @param on whether to run it
     * @return this builder
     */
    public GradientCheck taylor(boolean on) {
        options = options.withTaylor(on);
        return this;
    }

    /**
     * Lets entries that were not checked ({@link Status#UNRESOLVED}: the reference cannot resolve
     * them; {@link Status#UNCHECKED}: several kinks meet at the point) pass. Without this option
     * such an entry makes {@link CheckReport#passed()} false; with it they are still listed, and
     * the report's first line says how many and why.
     *
     * @return this builder
     */
    public GradientCheck allowUnchecked() {
        options = options.withAllowUnchecked(true);
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
                : new Reference.Exact(ExactDerivatives.asVector(generic), ExactDerivatives.DEFAULT);
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
