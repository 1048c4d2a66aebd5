package org.dualtape.compare;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dualtape.check.CheckReport;
import org.dualtape.check.GradientCheck;
import org.dualtape.compare.mlp.Activation;
import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.LossKind;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check}: runs the gradient checker on the built-in MLP losses against their hand-written
 * backprop, and prints each report.
 *
 * <p>The losses cover every activation and every loss kind on every data set: the circle set
 * (tanh, binary cross-entropy), the cross set (sigmoid, quadratic cost), the 8×8 digits (relu,
 * softmax cross-entropy: relu's kinks are where the checker must not fail falsely) and the
 * standard sweep network at {@code --width}. Each is checked twice: against finite differences
 * with Ridders' error estimate (how a user checks plain code) and against exact forward-mode AD
 * of the generic loss.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every gradient passed", "1:a check failed (or left entries unchecked without"
                + " --allow-unchecked)", "2:bad input (a width or a number of directions below 1)"},
        description = {"Checks the hand-written backprop gradient of the built-in MLP losses with the"
                + " gradient checker (against finite differences with an error estimate, and against"
                + " exact AD of the generic loss) and prints each report."})
final class CheckCommand implements Callable<Integer> {
    /** Samples in each data set the check problems draw their batch from. */
    private static final int DATA_SIZE = 256;
    /** Batch of every check problem. */
    private static final int BATCH = 32;
    /** Seed of the data and of the parameters: constant, so every run checks the same point. */
    private static final long SEED = 7L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--width", paramLabel = "H", defaultValue = "8",
            description = "Hidden width of the standard network 32 -> H -> H -> 10 that is checked"
                    + " too, at least 1 (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--directions", paramLabel = "K",
            description = "Check K random directions instead of every coordinate (the checker's default"
                    + " for more than 64 parameters is 32 directions), at least 1.")
    private Integer directions;

    @Option(names = "--coordinates",
            description = "Check every coordinate, however many parameters there are.")
    private boolean coordinates;

    @Option(names = "--allow-unchecked",
            description = "Let entries that the checker could not check (it cannot resolve them, or several"
                    + " kinks meet there) pass; without it they fail the check. Either way the report lists them.")
    private boolean allowUnchecked;

    /** Creates the command (picocli instantiates it). */
    public CheckCommand() {
    }

    /**
     * The built-in problems, in the order they are checked.
     *
     * @param width the hidden width of the standard network
     * @return name and problem pairs
     */
    static List<Named> problems(int width) {
        List<Named> list = new ArrayList<>();
        list.add(new Named("circle", new MlpProblem(new MlpSpec(2, new int[] {8, 8}, 1, Activation.TANH,
                LossKind.BINARY_CROSS_ENTROPY), Dataset.circle(DATA_SIZE, SEED), BATCH, SEED)));
        list.add(new Named("cross", new MlpProblem(new MlpSpec(2, new int[] {6}, 2, Activation.SIGMOID,
                LossKind.QUADRATIC), Dataset.cross(DATA_SIZE, SEED), BATCH, SEED)));
        list.add(new Named("digits", new MlpProblem(new MlpSpec(64, new int[] {4}, 10, Activation.RELU,
                LossKind.SOFTMAX_CROSS_ENTROPY), Dataset.digits(), BATCH, SEED)));
        list.add(new Named("standard", MlpProblem.standard(width)));
        return list;
    }

    /** A problem with the name the report prints. */
    record Named(String name, MlpProblem problem) {
    }

    @Override
    public Integer call() {
        if (width < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be at least 1, got " + width);
        }
        if (directions != null && directions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--directions must be at least 1, got " + directions);
        }
        if (directions != null && coordinates) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--directions and --coordinates exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (Named named : problems(width)) {
            MlpProblem problem = named.problem();
            double[] w = problem.initialParameters();
            out.printf(Locale.ROOT, "%n== %s: %s, %d parameters%n", named.name(), problem.spec(),
                    problem.parameterCount());
            for (GradientCheck check : new GradientCheck[] {
                    GradientCheck.of(problem::loss), GradientCheck.ofGeneric(problem::loss)}) {
                CheckReport report = configure(check).at(w).claimed(v -> backprop(problem, v)).run();
                out.println(report.table());
                if (!report.passed()) {
                    failed++;
                }
            }
        }
        out.printf(Locale.ROOT, "%n%s%n", failed == 0 ? "Every gradient passed."
                : failed + " check(s) failed: see the tables above.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private GradientCheck configure(GradientCheck check) {
        if (allowUnchecked) {
            check.allowUnchecked();
        }
        if (coordinates) {
            return check.coordinates();
        }
        return directions == null ? check : check.directions(directions);
    }

    private static double[] backprop(MlpProblem problem, double[] w) {
        double[] gradient = new double[w.length];
        problem.lossAndGradient(w, gradient);
        return gradient;
    }
}
