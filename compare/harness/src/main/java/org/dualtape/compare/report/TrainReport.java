package org.dualtape.compare.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dualtape.compare.train.Drift;
import org.dualtape.compare.train.MethodRun;
import org.dualtape.compare.train.TrainPoint;
import org.dualtape.compare.train.TrainResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The outputs of {@code compare train}: train.csv, TRAIN.md and the two accuracy plots.
 */
public final class TrainReport {
    /** The CSV file's name. */
    public static final String CSV = "train.csv";
    /** The report's file name. */
    public static final String MARKDOWN = "TRAIN.md";
    /** Test accuracy against clock seconds. */
    public static final String BY_SECONDS = "train-accuracy-vs-seconds.png";
    /** Test accuracy against steps. */
    public static final String BY_STEPS = "train-accuracy-vs-steps.png";
    /** The CSV header. */
    public static final String HEADER = "method,step,seconds,train_loss,test_loss,test_accuracy";

    private TrainReport() {
    }

    /**
     * Writes train.csv, TRAIN.md and the plots into a folder.
     *
     * @param folder an existing writable folder
     * @param result the training run
     * @param command the command line, for the report
     * @throws IOException if a file cannot be written
     */
    public static void write(Path folder, TrainResult result, String command) throws IOException {
        AtomicFiles.writeString(folder.resolve(CSV), csv(result.points()));
        Charts.write(folder.resolve(BY_SECONDS), chart(result, true));
        Charts.write(folder.resolve(BY_STEPS), chart(result, false));
        AtomicFiles.writeString(folder.resolve(MARKDOWN), markdown(result, command, MachineInfo.current()));
    }

    /**
     * The curves as CSV, losses with every digit (so the drift between methods can be read off).
     *
     * @param points the points
     * @return the CSV text, header first
     */
    public static String csv(List<TrainPoint> points) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (TrainPoint p : points) {
            csv.append(p.method()).append(',').append(p.step()).append(',')
                    .append(String.format(Locale.ROOT, "%.6g", p.seconds())).append(',')
                    .append(p.trainLoss()).append(',').append(p.testLoss()).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", p.testAccuracy())).append('\n');
        }
        return csv.toString();
    }

    /**
     * TRAIN.md: what ran, the per-method table, the drift of the exact methods' curves, the plots.
     *
     * @param r the run
     * @param command the command line
     * @param machine the machine
     * @return the Markdown text
     */
    public static String markdown(TrainResult r, String command, MachineInfo machine) {
        StringBuilder md = new StringBuilder("# Training with every gradient method\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Data and network: ").append(r.description()).append(", ").append(r.parameters())
                .append(" parameters  \n");
        md.append("Training: minibatch SGD, ").append(r.config().describe()).append("  \n");
        md.append(fmt("Budget: %s s of clock per method (gradients and updates; evaluation not counted);"
                + " run time %.0f s; machine: %s, %d cores%n%n", trim(r.config().budgetSeconds()),
                r.wallSeconds(), machine.cpu(), machine.cores()));
        md.append("Every method starts from the same weights and sees the same minibatches in the same"
                + " order; only the gradient differs. *Time to 90 %* is the clock time at the first"
                + " recorded step (1, 2, ..., 10, then about every 15 %) with at least 90 % of the test"
                + " samples right.\n\n");
        md.append("| method | steps | seconds per step | best test accuracy | final test accuracy"
                + " | time to 90 % | step at 90 % |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (MethodRun m : r.runs()) {
            md.append("| ").append(m.method().label()).append(" | ").append(m.steps()).append(" | ")
                    .append(fmt("%.3g", m.secondsPerStep())).append(m.estimated() ? " (estimated)" : "")
                    .append(" | ").append(fmt("%.1f %%", 100 * m.bestAccuracy())).append(" | ")
                    .append(fmt("%.1f %%", 100 * m.finalAccuracy())).append(" | ")
                    .append(m.stepsTo90() < 0 ? "not reached" : fmt("%.3g s", m.secondsTo90())).append(" | ")
                    .append(m.stepsTo90() < 0 ? "–" : String.valueOf(m.stepsTo90())).append(" |\n");
        }
        md.append('\n').append(sameBudget(r)).append("\n\n");
        drift(md, r);
        md.append("## Plots\n\n![test accuracy against seconds](").append(BY_SECONDS)
                .append(")\n\n![test accuracy against steps](").append(BY_STEPS).append(")\n");
        return md.toString();
    }

    private static String sameBudget(TrainResult r) {
        StringBuilder s = new StringBuilder(fmt("With the same %s s each:", trim(r.config().budgetSeconds())));
        List<MethodRun> runs = r.runs();
        for (int i = 0; i < runs.size(); i++) {
            MethodRun m = runs.get(i);
            s.append(i == 0 ? " " : "; ").append(m.method().label()).append(' ');
            if (m.steps() == 0) {
                s.append(fmt("did not finish one step (one would take about %.3g s), accuracy stays"
                        + " at the initial %.1f %%", m.secondsPerStep(), 100 * m.finalAccuracy()));
            } else {
                s.append(fmt("did %d step%s and reached %.1f %%", m.steps(), m.steps() == 1 ? "" : "s",
                        100 * m.bestAccuracy()));
            }
        }
        return s.append('.').toString();
    }

    private static void drift(StringBuilder md, TrainResult r) {
        List<String> none = r.runs().stream().filter(m -> m.steps() == 0).map(m -> m.method().label()).toList();
        String missing = none.isEmpty() ? "" : String.join(", ", none) + " did no step within the budget and"
                + " cannot be compared here; a small network with a step cap lets every method reach the same"
                + " steps, e.g. `dualtape-compare train --hidden=8 --steps=20 --budget=600`.\n\n";
        if (r.drifts().isEmpty()) {
            md.append(missing);
            return;
        }
        md.append("## Same steps, same curve\n\n").append("Each method's training loss and weights"
                + " compared with ").append(r.drifts().get(0).reference().label())
                .append("'s at the same recorded steps. The exact methods differ only by rounding, which"
                        + " SGD carries forward; central differences differ by their truncation and"
                        + " cancellation error.\n\n")
                .append("| method | exact | compared up to step | max relative difference of training loss"
                        + " | max weight difference ÷ max weight |\n|---|---|---:|---:|---:|\n");
        for (Drift d : r.drifts()) {
            md.append("| ").append(d.method().label()).append(" | ").append(d.method().exact() ? "yes" : "no")
                    .append(" | ").append(d.commonStep()).append(" | ").append(fmt("%.1e", d.lossDrift()))
                    .append(" | ").append(fmt("%.1e", d.weightDrift())).append(" |\n");
        }
        md.append('\n').append(missing);
    }

    private static XYChart chart(TrainResult r, boolean bySeconds) {
        XYChart chart = SeriesStyle.chart(bySeconds ? "Test accuracy against training time (same budget each; hollow: one step's estimated time)"
                : "Test accuracy against steps (same minibatches each)",
                bySeconds ? "seconds of gradients and updates (log scale)" : "steps (log scale)",
                "test accuracy (%)", true, false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        Map<String, List<TrainPoint>> curves = new LinkedHashMap<>();
        for (TrainPoint p : r.points()) {
            curves.computeIfAbsent(p.method(), k -> new ArrayList<>()).add(p);
        }
        int i = 0;
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (MethodRun m : r.runs()) {
            List<TrainPoint> curve = curves.getOrDefault(m.method().label(), List.of());
            double[] x = curve.stream().filter(p -> p.step() > 0)
                    .mapToDouble(p -> bySeconds ? p.seconds() : p.step()).toArray();
            double[] y = curve.stream().filter(p -> p.step() > 0).mapToDouble(p -> 100 * p.testAccuracy()).toArray();
            XYSeries s = null;
            if (x.length > 0) {
                s = chart.addSeries(m.method().label() + fmt(" (%d steps)", m.steps()), x, y);
                SeriesStyle.apply(s, i);
                s.setLineStyle(SeriesStyle.line(3 * i)); // solid, dashed, dotted, ...: curves that coincide stay visible
                if (x.length > 40) {
                    s.setMarker(SeriesMarkers.NONE); // a dense curve: the line and its style say enough
                }
            } else if (bySeconds && m.estimated() && m.secondsPerStep() > 0) {
                x = new double[] {m.secondsPerStep()};
                y = new double[] {100 * m.finalAccuracy()};
                s = chart.addSeries(m.method().label() + fmt(": 0 steps, one would take %.3g s", m.secondsPerStep()), x, y);
                SeriesStyle.apply(s, i);
                s.setMarker(new SeriesStyle.Hollow(i));
            }
            for (double v : x) {
                least = Math.min(least, v);
                most = Math.max(most, v);
            }
            i++;
        }
        SeriesStyle.decades(chart, true, least, most);
        List<String> none = r.runs().stream().filter(m -> m.steps() == 0).map(m -> m.method().label()).toList();
        if (!bySeconds && !none.isEmpty()) {
            chart.setXAxisTitle("steps (log scale); no step within the budget: " + String.join(", ", none));
        }
        return chart;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
