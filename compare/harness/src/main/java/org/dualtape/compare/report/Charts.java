package org.dualtape.compare.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.StepPoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's plots as PNG files, drawn with XChart: ω (the main cost plot), seconds and error
 * against parameters, and error against step. All axes are logarithmic, with a labelled tick at
 * every decade.
 *
 * <h2>Reading the points</h2>
 * Each method has its own colour, marker and line style. A filled marker is a measured cell, a
 * hollow one an estimated cell (timed on part of its passes and extrapolated); a black ✕ over a
 * point flags a cell whose estimate is not reproducible (see {@link CellResult#flag()}). Errors
 * are measured, never estimated, so the error plot has filled markers only; there the methods'
 * points are shifted slightly sideways, each method by its own amount, so that the exact methods,
 * whose errors are all near the rounding level, stay apart.
 *
 * <p>A logarithmic axis cannot show 0: an error of exactly 0 (a method that agrees with the
 * reference to the last bit) is drawn at {@link #ZERO_ERROR}, which the axis title says. Failed
 * cells have no point.
 */
public final class Charts {
    /** Where an error of exactly 0 is drawn. */
    public static final double ZERO_ERROR = 1e-18;
    /** File name of the main cost plot: ω against parameters. */
    public static final String OMEGA = "omega-vs-params.png";
    /** File name of the cost plot in seconds. */
    public static final String COST = "cost-vs-params.png";
    /** File name of the error plot. */
    public static final String ERROR = "error-vs-params.png";
    /** File name of the step-size plot. */
    public static final String STEPS = "error-vs-step.png";
    /** Sideways shift between neighbouring methods in the error plot, as a factor on the parameters. */
    static final double DODGE = 1.05;
    private static final String KEY = "(filled: measured; hollow: estimated; x: flagged)";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw a PNG
        }
    }

    private Charts() {
    }

    /**
     * Writes the ω, seconds and error plots of a sweep into a folder.
     *
     * @param folder an existing writable folder
     * @param rows the sweep's rows
     * @throws IOException if a file cannot be written
     */
    public static void writeSweep(Path folder, List<CellResult> rows) throws IOException {
        Map<String, List<CellResult>> byMethod = new LinkedHashMap<>();
        for (CellResult r : rows) {
            if (!r.failed()) {
                byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
        }
        write(folder.resolve(OMEGA), cells("Cost of one gradient in loss evaluations " + KEY,
                "parameters", "omega = gradient time / loss time", byMethod, CellResult::omega, false));
        write(folder.resolve(COST), cells("Seconds per gradient " + KEY, "parameters",
                "seconds per gradient", byMethod, CellResult::seconds, false));
        write(folder.resolve(ERROR), cells("Accuracy against a high-precision reference",
                "parameters (each method's points shifted slightly sideways)",
                "max relative error (0 shown as " + ZERO_ERROR + ")", byMethod,
                r -> shown(r.maxRelError()), true));
    }

    /**
     * Writes the step-size plot into a folder.
     *
     * @param folder an existing writable folder
     * @param points the step study's points
     * @throws IOException if the file cannot be written
     */
    public static void writeSteps(Path folder, List<StepPoint> points) throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (StepPoint p : points) {
            series.computeIfAbsent(p.method(), k -> new ArrayList<>())
                    .add(new double[] {p.step(), shown(p.maxRelError())});
        }
        XYChart chart = SeriesStyle.chart("Error against step size", "step h",
                "max relative error (0 shown as " + ZERO_ERROR + ")", true, true);
        Extent x = new Extent();
        Extent y = new Extent();
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> usable = e.getValue().stream().filter(p -> drawable(p[0], p[1])).toList();
            if (!usable.isEmpty()) {
                double[] xs = usable.stream().mapToDouble(p -> p[0]).toArray();
                double[] ys = usable.stream().mapToDouble(p -> p[1]).toArray();
                SeriesStyle.apply(chart.addSeries(e.getKey(), xs, ys), i);
                x.add(xs);
                y.add(ys);
            }
            i++;
        }
        x.apply(chart, true);
        y.apply(chart, false);
        write(folder.resolve(STEPS), chart);
    }

    private static XYChart cells(String title, String xTitle, String yTitle,
            Map<String, List<CellResult>> byMethod, ToDoubleFunction<CellResult> value, boolean dodge) {
        XYChart chart = SeriesStyle.chart(title, xTitle, yTitle, true, true);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        Extent xs = new Extent();
        Extent ys = new Extent();
        List<double[]> flagged = new ArrayList<>();
        int i = 0;
        int n = byMethod.size();
        for (Map.Entry<String, List<CellResult>> e : byMethod.entrySet()) {
            double shift = dodge ? Math.pow(DODGE, i - (n - 1) / 2.0) : 1;
            List<double[]> all = new ArrayList<>();
            List<double[]> measured = new ArrayList<>();
            List<double[]> estimated = new ArrayList<>();
            for (CellResult r : e.getValue()) {
                double[] p = {r.parameters() * shift, value.applyAsDouble(r)};
                if (!drawable(p[0], p[1])) {
                    continue;
                }
                all.add(p);
                (r.estimated() && !dodge ? estimated : measured).add(p); // an error is never estimated
                if (r.flagged() && !dodge) {
                    flagged.add(p);
                }
            }
            if (!all.isEmpty()) {
                String name = e.getKey();
                if (!measured.isEmpty()) {
                    SeriesStyle.apply(series(chart, name, measured), i);
                    if (!estimated.isEmpty()) {
                        XYSeries line = series(chart, name + " line", all);
                        SeriesStyle.apply(line, i);
                        line.setMarker(SeriesMarkers.NONE);
                        line.setShowInLegend(false);
                    }
                }
                if (!estimated.isEmpty()) {
                    XYSeries hollow = series(chart, measured.isEmpty() ? name : name + " estimated", estimated);
                    SeriesStyle.apply(hollow, i);
                    hollow.setMarker(new SeriesStyle.Hollow(i));
                    if (measured.isEmpty()) {
                        hollow.setShowInLegend(true);
                    } else {
                        hollow.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                        hollow.setShowInLegend(false);
                    }
                }
                all.forEach(p -> {
                    xs.add(p[0]);
                    ys.add(p[1]);
                });
            }
            i++;
        }
        if (!flagged.isEmpty()) {
            XYSeries x = series(chart, "flagged: not reproducible", flagged);
            x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            x.setMarker(SeriesMarkers.CROSS);
            x.setMarkerColor(java.awt.Color.BLACK);
        }
        xs.apply(chart, true);
        ys.apply(chart, false);
        return chart;
    }

    private static XYSeries series(XYChart chart, String name, List<double[]> points) {
        return chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static boolean drawable(double x, double y) {
        return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
    }

    private static double shown(double error) {
        return error == 0 ? ZERO_ERROR : error;
    }

    /** The range of the values drawn on one axis. */
    private static final class Extent {
        private double least = Double.POSITIVE_INFINITY;
        private double most = 0;

        void add(double v) {
            least = Math.min(least, v);
            most = Math.max(most, v);
        }

        void add(double[] values) {
            for (double v : values) {
                add(v);
            }
        }

        void apply(XYChart chart, boolean x) {
            SeriesStyle.decades(chart, x, least, most);
        }
    }

    /** Writes a chart as a PNG atomically; a chart without series deletes the file instead. */
    static void write(Path target, XYChart chart) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            Files.deleteIfExists(target); // nothing to draw: no stale plot from an earlier run
            return;
        }
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
