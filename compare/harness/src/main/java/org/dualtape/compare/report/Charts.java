package org.dualtape.compare.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.StepPoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The sweep's plots as PNG files, drawn with XChart: cost against parameters, error against
 * parameters, error against step. All axes are logarithmic.
 *
 * <p>A logarithmic axis cannot show 0: an error of exactly 0 (a method that agrees with the
 * reference to the last bit) is drawn at {@link #ZERO_ERROR}, which the axis title says. Failed
 * cells have no point.
 */
public final class Charts {
    /** Where an error of exactly 0 is drawn. */
    public static final double ZERO_ERROR = 1e-18;
    /** File name of the cost plot. */
    public static final String COST = "cost-vs-params.png";
    /** File name of the error plot. */
    public static final String ERROR = "error-vs-params.png";
    /** File name of the step-size plot. */
    public static final String STEPS = "error-vs-step.png";
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw a PNG
        }
    }

    private Charts() {
    }

    /**
     * Writes the cost and error plots of a sweep into a folder.
     *
     * @param folder an existing writable folder
     * @param rows the sweep's rows
     * @throws IOException if a file cannot be written
     */
    public static void writeSweep(Path folder, List<CellResult> rows) throws IOException {
        Map<String, List<double[]>> cost = new LinkedHashMap<>();
        Map<String, List<double[]>> error = new LinkedHashMap<>();
        for (CellResult r : rows) {
            if (r.failed()) {
                continue;
            }
            cost.computeIfAbsent(r.method(), k -> new ArrayList<>())
                    .add(new double[] {r.parameters(), r.seconds()});
            error.computeIfAbsent(r.method(), k -> new ArrayList<>())
                    .add(new double[] {r.parameters(), shown(r.maxRelError())});
        }
        write(folder.resolve(COST), chart("Cost of one gradient", "parameters",
                "seconds per gradient", cost));
        write(folder.resolve(ERROR), chart("Accuracy against a high-precision reference",
                "parameters", "max relative error (0 shown as " + ZERO_ERROR + ")", error));
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
        write(folder.resolve(STEPS), chart("Error against step size", "step h",
                "max relative error (0 shown as " + ZERO_ERROR + ")", series));
    }

    private static double shown(double error) {
        return error == 0 ? ZERO_ERROR : error;
    }

    private static XYChart chart(String title, String xTitle, String yTitle,
            Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> usable = new ArrayList<>();
            for (double[] point : e.getValue()) {
                if (point[0] > 0 && point[1] > 0 && Double.isFinite(point[0])
                        && Double.isFinite(point[1])) {
                    usable.add(point);
                }
            }
            if (usable.isEmpty()) {
                continue; // XChart cannot draw an empty series; the tables still list the method
            }
            double[] x = usable.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = usable.stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(e.getKey(), x, y);
        }
        return chart;
    }

    private static void write(Path target, XYChart chart) throws IOException {
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
