package org.dualtape.compare.mlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A labelled classification data set: {@code size()} samples of {@code inputs()} features, each
 * with a class label in {@code [0, classes())}.
 *
 * <h2>Construction</h2>
 * <ul>
 *   <li>{@link #synthetic(int, int, int, long)}: Gaussian clusters around one random centre per
 *       class, the comparison sweep's data;</li>
 *   <li>{@link #circle(int, long)} and {@link #cross(int, long)}: the two-dimensional sets of the
 *       AD lecture notes, points uniform in the square {@code [-1, 1]²} labelled 1 inside a disc
 *       or a cross-shaped region of half the square's area and 0 outside;</li>
 *   <li>{@link #digits()}: the real 8×8 handwritten digits (UCI, Alpaydin and Kaynak 1998,
 *       CC BY 4.0), pixels scaled to {@code [0, 1]};</li>
 *   <li>{@link #of(double[][], int[], int)}: your own data.</li>
 * </ul>
 * Generated sets use {@link java.util.Random}, whose algorithm the Java specification fixes, so
 * a seed gives the same data on every JVM.
 *
 * <p>Instances are immutable.
 */
public final class Dataset {
    /** Radius² of the circle set's disc: {@code π r² = 2}, half the area of {@code [-1, 1]²}. */
    static final double CIRCLE_RADIUS_SQUARED = 2 / Math.PI;
    /** Half width of the cross set's bars: {@code 8w − 4w² = 2}, half the square's area. */
    static final double CROSS_HALF_WIDTH = 1 - Math.sqrt(0.5);
    /** Spread of the synthetic clusters around their centres (the centres have spread 1). */
    static final double SYNTHETIC_NOISE = 0.5;

    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final int DIGITS_PIXELS = 64;
    private static final double DIGITS_MAX_PIXEL = 16;

    private final String name;
    private final int inputs;
    private final int classes;
    private final double[] features; // [size][inputs], row-major
    private final int[] labels;

    private Dataset(String name, int inputs, int classes, double[] features, int[] labels) {
        this.name = name;
        this.inputs = inputs;
        this.classes = classes;
        this.features = features;
        this.labels = labels;
    }

    /**
     * Gaussian clusters: each class has a centre with standard-normal coordinates; a sample picks
     * a class uniformly and adds normal noise of standard deviation {@value #SYNTHETIC_NOISE}.
     *
     * @param inputs the number of features, at least 1
     * @param classes the number of classes, at least 2
     * @param size the number of samples, at least 1
     * @param seed the random seed
     * @return the data set
     * @throws IllegalArgumentException if a count is out of range
     */
    public static Dataset synthetic(int inputs, int classes, int size, long seed) {
        require("inputs", inputs, 1);
        require("classes", classes, 2);
        require("size", size, 1);
        Random random = new Random(seed);
        double[] centres = new double[classes * inputs];
        for (int k = 0; k < centres.length; k++) {
            centres[k] = random.nextGaussian();
        }
        double[] x = new double[size * inputs];
        int[] y = new int[size];
        for (int s = 0; s < size; s++) {
            y[s] = random.nextInt(classes);
            for (int i = 0; i < inputs; i++) {
                x[s * inputs + i] = centres[y[s] * inputs + i] + SYNTHETIC_NOISE * random.nextGaussian();
            }
        }
        return new Dataset("synthetic-" + inputs + "x" + classes, inputs, classes, x, y);
    }

    /**
     * The circle set: points uniform in {@code [-1, 1]²}, label 1 when {@code x² + y² < 2/π}
     * (a centred disc of half the square's area), else 0.
     *
     * @param size the number of samples, at least 1
     * @param seed the random seed
     * @return the data set, 2 inputs and 2 classes
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static Dataset circle(int size, long seed) {
        return plane("circle", size, seed, false);
    }

    /**
     * The cross set: points uniform in {@code [-1, 1]²}, label 1 when {@code |x| < w} or
     * {@code |y| < w} with {@code w = 1 − √½} (a centred cross of half the square's area), else 0.
     *
     * @param size the number of samples, at least 1
     * @param seed the random seed
     * @return the data set, 2 inputs and 2 classes
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static Dataset cross(int size, long seed) {
        return plane("cross", size, seed, true);
    }

    private static Dataset plane(String name, int size, long seed, boolean cross) {
        require("size", size, 1);
        Random random = new Random(seed);
        double[] x = new double[2 * size];
        int[] y = new int[size];
        for (int s = 0; s < size; s++) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            x[2 * s] = u;
            x[2 * s + 1] = v;
            boolean inside = cross
                    ? Math.abs(u) < CROSS_HALF_WIDTH || Math.abs(v) < CROSS_HALF_WIDTH
                    : u * u + v * v < CIRCLE_RADIUS_SQUARED;
            y[s] = inside ? 1 : 0;
        }
        return new Dataset(name, 2, 2, x, y);
    }

    /**
     * The 1,797 real 8×8 handwritten digits, loaded from the class path: 64 features (pixel
     * values 0..16 divided by 16, row by row) and 10 classes, in the file's order. Source: UCI
     * "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998), licence
     * CC BY 4.0; see the README beside the resource.
     *
     * @return the data set
     * @throws UncheckedIOException if the resource is missing or malformed
     */
    public static Dataset digits() {
        try (InputStream raw = Dataset.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException(
                        "class-path resource org/dualtape/compare/mlp/" + DIGITS_RESOURCE + " not found"));
            }
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            double[] x = new double[lines.size() * DIGITS_PIXELS];
            int[] y = new int[lines.size()];
            for (int s = 0; s < lines.size(); s++) {
                String[] cells = lines.get(s).split(",");
                if (cells.length != DIGITS_PIXELS + 1) {
                    throw new IOException("digits line " + (s + 1) + ": expected "
                            + (DIGITS_PIXELS + 1) + " values, got " + cells.length);
                }
                for (int i = 0; i < DIGITS_PIXELS; i++) {
                    x[s * DIGITS_PIXELS + i] = Integer.parseInt(cells[i].trim()) / DIGITS_MAX_PIXEL;
                }
                y[s] = Integer.parseInt(cells[DIGITS_PIXELS].trim());
                if (y[s] < 0 || y[s] > 9) {
                    throw new IOException("digits line " + (s + 1) + ": label " + y[s] + " not in 0..9");
                }
            }
            return new Dataset("digits", DIGITS_PIXELS, 10, x, y);
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException(new IOException("cannot read the digits data: " + e.getMessage(), e));
        }
    }

    /**
     * A data set from your own arrays.
     *
     * @param features one row of features per sample, all rows the same length, at least 1
     *     (not modified; copied)
     * @param labels one label per sample, each in {@code [0, classes)} (not modified; copied)
     * @param classes the number of classes, at least 2
     * @return the data set
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static Dataset of(double[][] features, int[] labels, int classes) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        require("classes", classes, 2);
        require("samples", features.length, 1);
        if (labels.length != features.length) {
            throw new IllegalArgumentException("expected one label per sample (" + features.length
                    + "), got " + labels.length + " labels");
        }
        int inputs = features[0].length;
        require("features per sample", inputs, 1);
        double[] x = new double[features.length * inputs];
        for (int s = 0; s < features.length; s++) {
            if (features[s].length != inputs) {
                throw new IllegalArgumentException("sample " + s + " has " + features[s].length
                        + " features, expected " + inputs);
            }
            if (labels[s] < 0 || labels[s] >= classes) {
                throw new IllegalArgumentException("label of sample " + s + " is " + labels[s]
                        + ", expected 0.." + (classes - 1));
            }
            System.arraycopy(features[s], 0, x, s * inputs, inputs);
        }
        return new Dataset("custom", inputs, classes, x, labels.clone());
    }

    /**
     * A short name: {@code circle}, {@code cross}, {@code digits}, {@code synthetic-32x10} or
     * {@code custom}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of samples.
     *
     * @return the sample count
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of features per sample.
     *
     * @return the input width
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The number of classes; labels lie in {@code [0, classes())}.
     *
     * @return the class count
     */
    public int classes() {
        return classes;
    }

    /**
     * One feature of one sample.
     *
     * @param sample the sample index
     * @param i the feature index
     * @return the feature value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double feature(int sample, int i) {
        Objects.checkIndex(sample, size());
        Objects.checkIndex(i, inputs);
        return features[sample * inputs + i];
    }

    /**
     * The label of one sample.
     *
     * @param sample the sample index
     * @return the class label
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int label(int sample) {
        return labels[Objects.checkIndex(sample, size())];
    }

    /**
     * The features of the first {@code count} samples, row-major {@code [count][inputs()]}.
     *
     * @param count how many samples, in {@code [0, size()]}
     * @return a fresh array of {@code count * inputs()} features
     * @throws IndexOutOfBoundsException if {@code count} is out of range
     */
    public double[] features(int count) {
        Objects.checkFromToIndex(0, count, size());
        return Arrays.copyOf(features, count * inputs);
    }

    /**
     * The labels of the first {@code count} samples.
     *
     * @param count how many samples, in {@code [0, size()]}
     * @return a fresh array of {@code count} labels
     * @throws IndexOutOfBoundsException if {@code count} is out of range
     */
    public int[] labels(int count) {
        Objects.checkFromToIndex(0, count, size());
        return Arrays.copyOf(labels, count);
    }

    /**
     * The name, size and shape, for example {@code digits: 1797 samples, 64 inputs, 10 classes}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return name + ": " + size() + " samples, " + inputs + " inputs, " + classes + " classes";
    }

    private static void require(String what, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
        }
    }
}
