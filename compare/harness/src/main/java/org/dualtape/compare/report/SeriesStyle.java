package org.dualtape.compare.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by every plot: a colour, a marker and a line style per series so that twelve
 * methods stay apart even in grey print (no yellow or cyan, which vanish on white), hollow
 * markers for estimated points, and a labelled tick at every decade of a logarithmic axis.
 */
final class SeriesStyle {
    /** Twelve colours that read on white. */
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x000000), new Color(0xff7f0e),
        new Color(0x7f7f7f), new Color(0x17317f), new Color(0x6b8e23), new Color(0x800000),
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed to draw a PNG
        }
    }

    private SeriesStyle() {
    }

    /** The colour of series {@code i}. */
    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }

    /** The filled marker of series {@code i}. */
    static Marker marker(int i) {
        return MARKERS[i % MARKERS.length];
    }

    /** The line of series {@code i}: solid, dashed, dotted or dash-dotted, in turn. */
    static BasicStroke line(int i) {
        float[] dash = DASHES[(i / 3) % DASHES.length];
        return dash == null ? new BasicStroke(1.6f)
                : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    /** Gives a series the look of series {@code i}. */
    static void apply(XYSeries series, int i) {
        series.setLineColor(color(i));
        series.setMarkerColor(color(i));
        series.setMarker(marker(i));
        series.setLineStyle(line(i));
    }

    /** A chart with the common layout; logarithmic axes get a labelled tick at every decade. */
    static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        XYChart chart = new org.knowm.xchart.XYChartBuilder().width(1000).height(650).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setMarkerSize(8);
        s.setXAxisLogarithmic(logX);
        s.setYAxisLogarithmic(logY);
        s.setXAxisDecimalPattern(logX ? "0.####" : null);
        s.setYAxisDecimalPattern(logY ? "0.##E0" : null);
        return chart;
    }

    /**
     * Widens a logarithmic axis to whole decades around the data, so that every decade it spans
     * has a labelled tick (XChart labels decades only: 202 to 6,922 would show "1000" alone).
     *
     * @param chart the chart
     * @param x true for the x axis, false for the y axis
     * @param least the smallest positive value drawn
     * @param most the largest value drawn
     */
    static void decades(XYChart chart, boolean x, double least, double most) {
        if (!(least > 0) || !(most >= least) || !Double.isFinite(most)) {
            return;
        }
        double lo = Math.pow(10, Math.floor(Math.log10(least) + 1e-9));
        double hi = Math.pow(10, Math.ceil(Math.log10(most) - 1e-9));
        if (hi <= lo) {
            hi = lo * 10;
        }
        if (x) {
            chart.getStyler().setXAxisMin(lo).setXAxisMax(hi);
        } else {
            chart.getStyler().setYAxisMin(lo).setYAxisMax(hi);
        }
    }

    /** A marker drawn as an outline only, for estimated points. */
    static final class Hollow extends Marker {
        private final int shape;

        Hollow(int i) {
            this.shape = i % 4;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            g.setStroke(new BasicStroke(1.6f));
            double h = size / 2.0;
            Path2D.Double p = new Path2D.Double();
            switch (shape) {
                case 1: // square
                    p.append(new java.awt.geom.Rectangle2D.Double(x - h, y - h, size, size), false);
                    break;
                case 2: // diamond
                    p.moveTo(x, y - h - 1);
                    p.lineTo(x + h + 1, y);
                    p.lineTo(x, y + h + 1);
                    p.lineTo(x - h - 1, y);
                    p.closePath();
                    break;
                case 3: // triangle
                    p.moveTo(x, y - h - 1);
                    p.lineTo(x + h + 1, y + h);
                    p.lineTo(x - h - 1, y + h);
                    p.closePath();
                    break;
                default:
                    p.append(new java.awt.geom.Ellipse2D.Double(x - h, y - h, size, size), false);
            }
            g.draw(p);
        }
    }
}
