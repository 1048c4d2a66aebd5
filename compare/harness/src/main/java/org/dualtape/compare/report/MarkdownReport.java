package org.dualtape.compare.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.dualtape.compare.sweep.AccuracyPlan;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.Consistency;
import org.dualtape.compare.sweep.Errors;
import org.dualtape.compare.sweep.Method;
import org.dualtape.compare.sweep.StepPoint;

/**
 * REPORT.md: the sweep's tables, the fitted growth of cost with parameters, the crossovers of
 * forward-type and reverse-type methods, the step study and the machine.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /**
     * Renders the report.
     *
     * @param run how the sweep was run
     * @param rows the sweep's rows (may be empty if only the step study ran)
     * @param steps the step study's points (may be empty)
     * @return the Markdown text
     */
    public static String render(RunInfo run, List<CellResult> rows, List<StepPoint> steps) {
        StringBuilder md = new StringBuilder("# dualtape comparison\n\n");
        md.append("Command: `").append(run.command()).append("`  \n");
        md.append("Loss: ").append(run.family()).append("  \n");
        md.append("Reference: ").append(run.reference()).append("  \n");
        md.append(String.format(Locale.ROOT, "Budget: %.3g s per cell; chunk: %s; run time %.0f s%n%n",
                run.budgetSeconds(), run.chunk(), run.elapsedSeconds()));
        machine(md, run.machine());
        if (!rows.isEmpty()) {
            md.append("## How to read the tables\n\n")
                    .append("- **seconds**: median seconds per full gradient, each method in its own JVM,"
                            + " after warm-up.\n")
                    .append("- **ω**: seconds ÷ median seconds of one plain `double` loss evaluation"
                            + " in the same JVM.\n")
                    .append("- **passes**: sweeps through the loss per gradient (forward evaluations"
                            + " plus reverse sweeps).\n")
                    .append("- **max rel error**: largest |g − r| / max(|r|, ")
                    .append(Errors.FLOOR).append(" · max |r|) over the coordinates checked against"
                            + " the reference: all of them up to ")
                    .append(AccuracyPlan.ALL_LIMIT).append(" parameters, else a seeded sample of about ")
                    .append(AccuracyPlan.SAMPLE_SIZE).append(" spread over all layers (column *checked*).\n")
                    .append("- **estimated** (marked `*`): the time budget allowed only part of the"
                            + " gradient's passes (evenly spread coordinates); the time and allocation"
                            + " are scaled up by the pass count (for commons-math-sparse: by the number"
                            + " of variables, after timing its fixed pass on its own).\n")
                    .append("- **flagged** (marked `†`): a cell whose figure may not be reproducible: the"
                            + " samples of its loss or gradient timing scatter more than ")
                    .append(Consistency.AGREEMENT).append("× (a busy machine), or, for an estimated cell, two"
                            + " timings of it on different numbers of coordinates extrapolate to figures more"
                            + " than ").append(Consistency.AGREEMENT).append("× apart, or its ω per parameter"
                            + " is more than ").append(Consistency.FACTOR).append("× off its neighbouring"
                            + " widths'. Flagged cells are left out of the crossovers and the"
                            + " cheapest-method table; the section *Flagged cells* says why each was flagged.\n")
                    .append("- **cannot run**: a method whose single pass (or gradient) would overrun the"
                            + " cell's budget is not run at that width; the row says so under *Failures*.\n\n");
            methods(md, rows);
            pivot(md, "ω (gradient time ÷ loss time)", rows, r -> fmt("%.3g", r.omega()));
            pivot(md, "Max relative error", rows, r -> fmt("%.1e", r.maxRelError()));
            pivot(md, "Seconds per gradient", rows, r -> fmt("%.3g", r.seconds()));
            slopes(md, rows);
            crossovers(md, rows);
            full(md, rows);
            failures(md, rows);
            flagged(md, rows);
            md.append("## Plots\n\nFilled markers: measured; hollow: estimated; black x: flagged.\n\n")
                    .append("![omega](").append(Charts.OMEGA).append(")\n\n![error](").append(Charts.ERROR)
                    .append(")\n\n![seconds](").append(Charts.COST).append(")\n\n");
        }
        if (!steps.isEmpty()) {
            steps(md, steps);
        }
        return md.toString();
    }

    private static void machine(StringBuilder md, MachineInfo m) {
        md.append("## Machine\n\n| | |\n|---|---|\n")
                .append("| CPU | ").append(m.cpu()).append(" |\n")
                .append("| cores | ").append(m.cores()).append(" |\n")
                .append("| memory | ").append(m.memory()).append(" |\n")
                .append("| JVM | ").append(m.jvm()).append(" |\n")
                .append("| OS | ").append(m.os()).append(" |\n\n");
    }

    private static void methods(StringBuilder md, List<CellResult> rows) {
        md.append("## Methods\n\n| method | what it does | timed in part when slow |\n|---|---|---|\n");
        for (String label : byMethod(rows).keySet()) {
            try {
                Method m = Method.byLabel(label);
                md.append("| ").append(label).append(" | ").append(m.description()).append(" | ")
                        .append(m.partial() ? "yes" : "no").append(" |\n");
            } catch (IllegalArgumentException e) {
                md.append("| ").append(label).append(" | | |\n");
            }
        }
        md.append('\n');
    }

    private static void pivot(StringBuilder md, String title, List<CellResult> rows,
            Function<CellResult, String> cell) {
        TreeSet<Integer> widths = new TreeSet<>();
        Map<String, Map<Integer, CellResult>> byMethod = new LinkedHashMap<>();
        for (CellResult r : rows) {
            widths.add(r.width());
            byMethod.computeIfAbsent(r.method(), k -> new TreeMap<>()).put(r.width(), r);
        }
        md.append("## ").append(title).append("\n\n| method |");
        for (int w : widths) {
            md.append(" h=").append(w).append(" |");
        }
        md.append("\n|---|");
        widths.forEach(w -> md.append("---:|"));
        md.append('\n');
        for (Map.Entry<String, Map<Integer, CellResult>> e : byMethod.entrySet()) {
            md.append("| ").append(e.getKey()).append(" |");
            for (int w : widths) {
                CellResult r = e.getValue().get(w);
                md.append(' ').append(r == null ? "" : r.failed() ? "failed"
                        : cell.apply(r) + marks(r)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void slopes(StringBuilder md, List<CellResult> rows) {
        md.append("## Growth of cost with parameters\n\nLeast-squares slope of log(seconds) against"
                + " log(parameters): about 2 means one pass per parameter (forward mode, numerical"
                + " differences), about 1 a constant number of passes (reverse mode). Flagged cells"
                + " (†) are left out of the fit.\n\n"
                + "| method | slope | points | r² |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<CellResult>> e : byMethod(rows).entrySet()) {
            List<CellResult> ok = e.getValue().stream().filter(MarkdownReport::trusted).toList();
            SlopeFit fit = SlopeFit.fit(ok.stream().mapToDouble(CellResult::parameters).toArray(),
                    ok.stream().mapToDouble(CellResult::seconds).toArray());
            md.append("| ").append(e.getKey()).append(" | ")
                    .append(fit == null ? "n/a | " + ok.size() + " | "
                            : fmt("%.2f", fit.slope()) + " | " + fit.points() + " | "
                                    + fmt("%.3f", fit.rSquared()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void crossovers(StringBuilder md, List<CellResult> rows) {
        md.append("## Crossovers\n\nWhere a forward-type or numerical method (one pass per parameter"
                + " or chunk) and a reverse-type method (whole gradient at once) swap places; flagged"
                + " cells (†) are left out.\n\n");
        Map<String, List<CellResult>> methods = byMethod(rows);
        List<String> lines = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (String a : methods.keySet()) {
            for (String b : methods.keySet()) {
                if (!isPartial(a) || isPartial(b)) {
                    continue;
                }
                TreeMap<Integer, double[]> common = new TreeMap<>();
                for (CellResult r : methods.get(a)) {
                    common.put(r.width(), new double[] {r.parameters(), trusted(r) ? r.seconds()
                            : Double.NaN, Double.NaN});
                }
                for (CellResult r : methods.get(b)) {
                    double[] p = common.get(r.width());
                    if (p != null) {
                        p[2] = trusted(r) ? r.seconds() : Double.NaN;
                    }
                }
                double[] params = common.values().stream().mapToDouble(p -> p[0]).toArray();
                double[] costA = common.values().stream().mapToDouble(p -> p[1]).toArray();
                double[] costB = common.values().stream().mapToDouble(p -> p[2]).toArray();
                List<Crossover> found = Crossover.find(a, b, params, costA, costB);
                for (Crossover c : found) {
                    lines.add(fmt("| %s", a) + " | " + b + " | ≈ " + fmt("%,.0f", c.parameters())
                            + " | " + c.cheaperBelow() + " | " + c.cheaperAbove() + " |");
                }
                if (found.isEmpty()) {
                    none.add(a + " / " + b);
                }
            }
        }
        if (lines.isEmpty()) {
            md.append("No crossover within the widths measured.\n\n");
        } else {
            md.append("| method | versus | parameters | cheaper below | cheaper above |\n"
                    + "|---|---|---:|---|---|\n");
            lines.forEach(l -> md.append(l).append('\n'));
            md.append('\n');
        }
        if (!none.isEmpty() && !lines.isEmpty()) {
            md.append("No crossover within the widths measured for the other ").append(none.size())
                    .append(" pairs.\n\n");
        }
        cheapest(md, rows);
    }

    /** Per width, the cheapest method of each kind and how many times dearer the forward one is. */
    private static void cheapest(StringBuilder md, List<CellResult> rows) {
        TreeMap<Integer, CellResult[]> best = new TreeMap<>(); // [0] forward-type, [1] reverse-type
        for (CellResult r : rows) {
            if (!trusted(r) || !(r.seconds() > 0)) {
                continue;
            }
            CellResult[] pair = best.computeIfAbsent(r.width(), w -> new CellResult[2]);
            int kind = isPartial(r.method()) ? 0 : 1;
            if (pair[kind] == null || r.seconds() < pair[kind].seconds()) {
                pair[kind] = r;
            }
        }
        md.append("Cheapest of each kind per width (flagged cells left out):\n\n| h | params | forward-type | seconds"
                + " | reverse-type | seconds | ratio |\n|---:|---:|---|---:|---|---:|---:|\n");
        for (Map.Entry<Integer, CellResult[]> e : best.entrySet()) {
            CellResult f = e.getValue()[0];
            CellResult r = e.getValue()[1];
            if (f == null || r == null) {
                continue;
            }
            md.append("| ").append(e.getKey()).append(" | ").append(f.parameters()).append(" | ")
                    .append(f.method()).append(" | ").append(fmt("%.3g", f.seconds()))
                    .append(marks(f)).append(" | ").append(r.method()).append(" | ")
                    .append(fmt("%.3g", r.seconds())).append(" | ")
                    .append(fmt("%.3g", f.seconds() / r.seconds())).append(" |\n");
        }
        md.append('\n');
    }

    private static void full(StringBuilder md, List<CellResult> rows) {
        md.append("## All measurements\n\n| method | h | params | seconds | ω | passes"
                + " | max rel error | max abs error | bytes/gradient | tape entries | tape bytes"
                + " | estimated | checked | flagged |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (CellResult r : rows) {
            md.append("| ").append(r.method()).append(" | ").append(r.width()).append(" | ")
                    .append(r.parameters()).append(" | ");
            if (r.failed()) {
                md.append("failed | | | | | | | | | ").append(r.checked()).append(" | |\n");
                continue;
            }
            md.append(fmt("%.3e", r.seconds())).append(" | ").append(fmt("%.3g", r.omega()))
                    .append(" | ").append(r.passes()).append(" | ")
                    .append(fmt("%.2e", r.maxRelError())).append(" | ")
                    .append(fmt("%.2e", r.maxAbsError())).append(" | ")
                    .append(Csv.bytes(r.bytesPerGradient())).append(" | ")
                    .append(r.tapeEntries() < 0 ? "" : String.valueOf(r.tapeEntries()))
                    .append(" | ").append(r.tapeBytes() < 0 ? "" : String.valueOf(r.tapeBytes()))
                    .append(" | ").append(r.estimated()).append(" | ").append(r.checked())
                    .append(" | ").append(r.flagged() ? "yes †" : "").append(" |\n");
        }
        md.append('\n');
    }

    private static void flagged(StringBuilder md, List<CellResult> rows) {
        List<CellResult> flagged = rows.stream().filter(CellResult::flagged).toList();
        if (flagged.isEmpty()) {
            return;
        }
        md.append("## Flagged cells\n\nThese estimates are not reproducible at this budget; a longer"
                + " --budget times more of their passes.\n\n");
        for (CellResult r : flagged) {
            md.append("- ").append(r.method()).append(" at h=").append(r.width()).append(": ")
                    .append(r.flag()).append('\n');
        }
        md.append('\n');
    }

    /** The marks after a cell's figure: {@code *} estimated, {@code †} flagged. */
    private static String marks(CellResult r) {
        return (r.estimated() ? "*" : "") + (r.flagged() ? "†" : "");
    }

    /** Whether a cell may carry a crossover or a headline: measured or reproducibly estimated. */
    private static boolean trusted(CellResult r) {
        return !r.failed() && !r.flagged();
    }

    private static void failures(StringBuilder md, List<CellResult> rows) {
        List<CellResult> failed = rows.stream().filter(CellResult::failed).toList();
        if (failed.isEmpty()) {
            return;
        }
        md.append("## Failures\n\n");
        for (CellResult r : failed) {
            md.append("- ").append(r.method()).append(" at h=").append(r.width()).append(": ")
                    .append(r.failure()).append('\n');
        }
        md.append('\n');
    }

    private static void steps(StringBuilder md, List<StepPoint> points) {
        TreeSet<Double> stepValues = new TreeSet<>((x, y) -> Double.compare(y, x));
        Map<String, Map<Double, Double>> byMethod = new LinkedHashMap<>();
        for (StepPoint p : points) {
            stepValues.add(p.step());
            byMethod.computeIfAbsent(p.method(), k -> new TreeMap<>()).put(p.step(), p.maxRelError());
        }
        md.append("## Error against step size\n\nMax relative error of each numerical method at"
                + " step h; the AD method, which takes no step, is the flat reference line.\n\n"
                + "| h |");
        byMethod.keySet().forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---:|");
        byMethod.keySet().forEach(m -> md.append("---:|"));
        md.append('\n');
        for (double h : stepValues) {
            md.append("| ").append(fmt("%.0e", h)).append(" |");
            for (Map<Double, Double> errors : byMethod.values()) {
                Double e = errors.get(h);
                md.append(' ').append(e == null ? "" : fmt("%.1e", e)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n![error against step](").append(Charts.STEPS).append(")\n\n");
    }

    private static Map<String, List<CellResult>> byMethod(List<CellResult> rows) {
        Map<String, List<CellResult>> map = new LinkedHashMap<>();
        for (CellResult r : rows) {
            map.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
        }
        return map;
    }

    private static boolean isPartial(String label) {
        try {
            return Method.byLabel(label).partial();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
