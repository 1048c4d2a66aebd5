package org.dualtape.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dualtape.compare.report.MachineInfo;

/**
 * Renders the quick profile's scores as {@code RESULTS.md}: one table per benchmark class with
 * the ratio of every method to that class's plain {@code double} baseline, then the targets of the
 * performance issue, each computed from the scores and marked met or missed.
 */
final class ResultsReport {
    /** The plain-function baseline's method name in every benchmark class. */
    static final String BASELINE = "plainDouble";
    /** Below this many bytes per operation, JMH's allocation counter means "nothing allocated". */
    static final double NO_ALLOCATION = 1.0;

    /**
     * A target: {@code numerator / denominator <= limit} for the scores of one benchmark class at
     * one parameter setting; a denominator of {@code null} means the numerator's bytes per
     * operation must be below {@link #NO_ALLOCATION}.
     *
     * @param text the target as the issue states it
     * @param benchmark the benchmark class's simple name
     * @param params the parameter setting, as in {@link Score#params()}
     * @param numerator the method whose time is divided
     * @param denominator the method it is divided by, or null for an allocation target
     * @param limit the largest ratio that meets the target
     * @param whyNotRun why the target has no measurement, when that is known in advance; else null
     */
    record Target(String text, String benchmark, String params, String numerator, String denominator,
            double limit, String whyNotRun) {
        Target(String text, String benchmark, String params, String numerator, String denominator, double limit) {
            this(text, benchmark, params, numerator, denominator, limit, null);
        }
    }

    /** Why the DerivativeStructure rows at n = 10000 are empty. */
    static final String DERIVATIVE_STRUCTURE_NOT_RUN = "DerivativeStructure cannot hold 10000 variables (memory ∝ n³, "
            + "see RosenbrockGradientBenchmark.DERIVATIVE_STRUCTURE_LIMIT)";

    private ResultsReport() {
    }

    /** The targets of the performance issue, in the order it lists them. */
    static List<Target> targets() {
        List<Target> t = new ArrayList<>();
        for (String n : new String[] {"n=3", "n=10"}) {
            t.add(new Target("Forward.jacobian ≥ 3× faster than DerivativeStructure", "SmallJacobianBenchmark", n,
                    "forwardJacobian", "derivativeStructure", 1 / 3.0));
            t.add(new Target("forward Jacobian within 20× of one plain evaluation (the faster of forward and reverse counts)", "SmallJacobianBenchmark", n,
                    "forwardJacobian", BASELINE, 20));
            t.add(new Target("reverse Jacobian within 20× of one plain evaluation (the faster of forward and reverse counts)", "SmallJacobianBenchmark", n,
                    "reverseJacobian", BASELINE, 20));
        }
        for (String n : new String[] {"n=10", "n=100", "n=1000", "n=10000"}) {
            String b = "RosenbrockGradientBenchmark";
            t.add(new Target("Reverse.gradient within 10× of the plain function", b, n, "reverse", BASELINE, 10));
            t.add(new Target("replayed tape within 4× of the plain function", b, n, "replay", BASELINE, 4));
            t.add(new Target("Reverse gradient, vector nodes, within 10× of the plain function", b, n,
                    "reverseVectorized", BASELINE, 10));
            t.add(new Target("replayed tape, vector nodes, within 4× of the plain function", b, n,
                    "replayVectorized", BASELINE, 4));
            t.add(new Target("chunked forward ≥ 3× faster than DerivativeStructure", b, n,
                    "forwardChunked", "derivativeStructure", 1 / 3.0,
                    n.equals("n=10000") ? DERIVATIVE_STRUCTURE_NOT_RUN : null));
            t.add(new Target("chunked forward ≥ 3× faster than SparseGradient", b, n,
                    "forwardChunked", "sparseGradient", 1 / 3.0));
        }
        t.add(new Target("reverse ≥ 100× faster than DerivativeStructure", "RosenbrockGradientBenchmark", "n=10000",
                "reverse", "derivativeStructure", 0.01, DERIVATIVE_STRUCTURE_NOT_RUN));
        t.add(new Target("reverse ≥ 100× faster than SparseGradient", "RosenbrockGradientBenchmark", "n=10000",
                "reverse", "sparseGradient", 0.01));
        String mlp = "MlpGradientBenchmark";
        t.add(new Target("vector-tape gradient within 3.5× of one plain loss", mlp, "width=1024",
                "reverseVectorTape", BASELINE, 3.5));
        t.add(new Target("vector-tape gradient within 5× of one plain loss", mlp, "width=16",
                "reverseVectorTape", BASELINE, 5));
        for (String w : new String[] {"width=16", "width=1024"}) {
            t.add(new Target("vector-tape gradient within 1.3× of hand-written backprop", mlp, w,
                    "reverseVectorTape", "backpropByHand", 1.3));
        }
        String second = "RosenbrockSecondOrderBenchmark";
        t.add(new Target("one HVP within 5× of one gradient (both recording)", second, "n=1000", "hvp", "gradient", 5));
        t.add(new Target("one replayed HVP within 5× of one replayed gradient", second, "n=1000", "replayHvp",
                "replayGradient", 5));
        t.add(new Target("full Hessian ≥ 5× faster than DerivativeStructure of order 2", second, "n=10", "hessian",
                "derivativeStructureHessian", 0.2));
        t.add(new Target("one replayed HVP within 5× of one replayed gradient", "MlpSecondOrderBenchmark", "width=64",
                "replayHvp", "replayGradient", 5));
        t.add(new Target("reverse sweep allocates nothing", "TapeMechanicsBenchmark", "", "reverseSweep", null, 0));
        t.add(new Target("replay allocates nothing", "TapeMechanicsBenchmark", "", "replay", null, 0));
        return t;
    }

    /**
     * Renders the report.
     *
     * @param scores every score of the run
     * @param command the command that produced them
     * @param minutes how long the run took
     * @return the Markdown text
     */
    static String render(List<Score> scores, String command, double minutes) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results\n\n");
        s.append("A quick profile of every benchmark (one fork, ").append(QuickProfile.WARMUP_ITERATIONS)
                .append(" warm-up and 5 measurement iterations of 0.5 s, ")
                .append("`-prof gc`): useful ratios, not publication numbers. Error columns are JMH's 99.9% ")
                .append("confidence half-widths.\n\n");
        s.append("- Command: `").append(command).append("`\n");
        s.append(String.format(Locale.ROOT, "- Duration: %.1f minutes%n", minutes));
        MachineInfo m = MachineInfo.current();
        s.append(String.format(Locale.ROOT, "- Machine: %s, %d cores, %s memory, %s, %s%n%n", m.cpu(), m.cores(),
                m.memory(), m.jvm(), m.os()));
        s.append(targetsTable(scores)).append('\n');
        Map<String, List<Score>> byClass = new LinkedHashMap<>();
        for (Score sc : scores) {
            byClass.computeIfAbsent(sc.benchmark(), k -> new ArrayList<>()).add(sc);
        }
        byClass.forEach((name, list) -> s.append(classTable(name, list, scores)).append('\n'));
        return s.toString();
    }

    private static String classTable(String name, List<Score> list, List<Score> all) {
        StringBuilder s = new StringBuilder("## ").append(name).append("\n\n");
        s.append("| method | params | time | ± error | × plain double | bytes/op |\n");
        s.append("|---|---|---:|---:|---:|---:|\n");
        for (Score sc : list) {
            Optional<Score> base = find(all, sc.benchmark(), sc.params(), BASELINE);
            String ratio = base.map(b -> fmt(sc.nanos() / b.nanos())).orElse("");
            s.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s |%n", sc.method(), sc.params(),
                    fmt(sc.score()), sc.unit(), fmt(sc.error()), ratio, fmt(sc.bytesPerOp())));
        }
        return s.toString();
    }

    private static String targetsTable(List<Score> scores) {
        StringBuilder s = new StringBuilder("## Targets\n\n");
        s.append("| target | benchmark | params | measured | limit | verdict |\n");
        s.append("|---|---|---|---:|---:|---|\n");
        for (Target t : targets()) {
            Optional<Score> num = find(scores, t.benchmark(), t.params(), t.numerator());
            String measured;
            String limit;
            String verdict;
            if (t.denominator() == null) {
                measured = num.map(n -> fmt(n.bytesPerOp()) + " B/op").orElse("not run");
                limit = "< " + fmt(NO_ALLOCATION) + " B/op";
                verdict = num.map(n -> n.bytesPerOp() < NO_ALLOCATION ? "met" : "missed").orElse("not run");
            } else {
                Optional<Score> den = find(scores, t.benchmark(), t.params(), t.denominator());
                if (num.isPresent() && den.isPresent()) {
                    double ratio = num.get().nanos() / den.get().nanos();
                    measured = fmt(ratio) + "×";
                    verdict = ratio <= t.limit() ? "met" : "missed";
                } else {
                    measured = "not run";
                    verdict = t.whyNotRun() == null ? "not run" : "not run: " + t.whyNotRun();
                }
                limit = "≤ " + fmt(t.limit()) + "× " + t.denominator();
            }
            s.append(String.format(Locale.ROOT, "| %s | %s.%s | %s | %s | %s | %s |%n", t.text(), t.benchmark(),
                    t.numerator(), t.params(), measured, limit, verdict));
        }
        return s.toString();
    }

    private static Optional<Score> find(List<Score> scores, String benchmark, String params, String method) {
        return scores.stream()
                .filter(s -> s.benchmark().equals(benchmark) && s.method().equals(method)
                        && (params.isEmpty() || s.params().equals(params)))
                .findFirst();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, a < 10 ? "%.3f" : a < 1000 ? "%.1f" : "%.0f", v);
    }
}
