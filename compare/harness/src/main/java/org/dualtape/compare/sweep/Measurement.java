package org.dualtape.compare.sweep;

import java.util.HashMap;
import java.util.Map;

/**
 * What a worker JVM measured for one (method, width) cell, and its line on the worker's standard
 * output.
 *
 * <p>A line starts with {@link #PREFIX} and holds tab-separated {@code key=value} fields; the
 * partials are comma-separated in {@link Double#toString(double)} form, which reads back exactly.
 * A failed cell has a {@code failure} field and NaN measurements.
 *
 * @param method the method's name
 * @param width the width
 * @param parameters the parameter count
 * @param chunk the chunk used by the chunked methods (1 for the others)
 * @param seconds median seconds per full gradient (extrapolated if {@code estimated})
 * @param lossSeconds median seconds per plain {@code double} loss evaluation
 * @param passes passes over the loss per full gradient
 * @param bytesPerGradient bytes allocated per full gradient (extrapolated if {@code estimated})
 * @param tapeEntries tape entries per gradient, -1 without a tape
 * @param tapeBytes bytes of the tape's arrays, -1 without a tape
 * @param estimated whether part of the gradient was timed and the rest extrapolated
 * @param timedCoordinates how many coordinates were timed
 * @param samples samples behind the median
 * @param partials the partials at {@link AccuracyPlan#coordinates}; empty if failed
 * @param failure why the cell failed, or null
 * @param flag why the estimate is not to be trusted, or null ({@link CellResult#flag()})
 */
record Measurement(String method, int width, int parameters, int chunk, double seconds,
        double lossSeconds, long passes, double bytesPerGradient, long tapeEntries, long tapeBytes,
        boolean estimated, int timedCoordinates, int samples, double[] partials, String failure,
        String flag) {

    /**
     * A measurement without a flag.
     *
     * @param method the method's name
     * @param width the width
     * @param parameters the parameter count
     * @param chunk the chunk
     * @param seconds seconds per gradient
     * @param lossSeconds seconds per loss
     * @param passes passes per gradient
     * @param bytesPerGradient bytes per gradient
     * @param tapeEntries tape entries or -1
     * @param tapeBytes tape bytes or -1
     * @param estimated whether extrapolated
     * @param timedCoordinates coordinates timed
     * @param samples samples behind the median
     * @param partials the checked partials
     * @param failure why the cell failed, or null
     */
    public Measurement(String method, int width, int parameters, int chunk, double seconds,
            double lossSeconds, long passes, double bytesPerGradient, long tapeEntries, long tapeBytes,
            boolean estimated, int timedCoordinates, int samples, double[] partials, String failure) {
        this(method, width, parameters, chunk, seconds, lossSeconds, passes, bytesPerGradient, tapeEntries,
                tapeBytes, estimated, timedCoordinates, samples, partials, failure, null);
    }

    /** Marks the worker's result lines among anything else on its standard output. */
    public static final String PREFIX = "@@dualtape-cell";

    /**
     * Builds the record of a failed cell.
     *
     * @param method the method's name
     * @param width the width
     * @param parameters the parameter count, or -1 if unknown
     * @param failure what went wrong
     * @return a measurement with NaN values and the failure
     */
    public static Measurement failed(String method, int width, int parameters, String failure) {
        return new Measurement(method, width, parameters, 1, Double.NaN, Double.NaN, -1, Double.NaN,
                -1, -1, false, 0, 0, new double[0], failure);
    }

    /**
     * Writes this measurement as one line (no line break).
     *
     * @return the line
     */
    public String toLine() {
        StringBuilder line = new StringBuilder(PREFIX);
        field(line, "method", method);
        field(line, "width", width);
        field(line, "parameters", parameters);
        field(line, "chunk", chunk);
        field(line, "seconds", seconds);
        field(line, "lossSeconds", lossSeconds);
        field(line, "passes", passes);
        field(line, "bytesPerGradient", bytesPerGradient);
        field(line, "tapeEntries", tapeEntries);
        field(line, "tapeBytes", tapeBytes);
        field(line, "estimated", estimated);
        field(line, "timedCoordinates", timedCoordinates);
        field(line, "samples", samples);
        StringBuilder values = new StringBuilder();
        for (int j = 0; j < partials.length; j++) {
            values.append(j == 0 ? "" : ",").append(partials[j]);
        }
        field(line, "partials", values);
        if (failure != null) {
            field(line, "failure", failure.replaceAll("[\\t\\r\\n]+", " "));
        }
        if (flag != null) {
            field(line, "flag", flag.replaceAll("[\\t\\r\\n]+", " "));
        }
        return line.toString();
    }

    /**
     * Reads a line written by {@link #toLine()}.
     *
     * @param line the line
     * @return the measurement
     * @throws IllegalArgumentException if the line is not such a line
     */
    public static Measurement parse(String line) {
        String[] parts = line.split("\t");
        if (!parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a cell line: " + line);
        }
        Map<String, String> f = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("field without '=' in cell line: " + parts[i]);
            }
            f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        try {
            String values = f.get("partials");
            double[] partials = values == null || values.isEmpty() ? new double[0]
                    : java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble)
                            .toArray();
            return new Measurement(f.get("method"), Integer.parseInt(f.get("width")),
                    Integer.parseInt(f.get("parameters")), Integer.parseInt(f.get("chunk")),
                    Double.parseDouble(f.get("seconds")), Double.parseDouble(f.get("lossSeconds")),
                    Long.parseLong(f.get("passes")), Double.parseDouble(f.get("bytesPerGradient")),
                    Long.parseLong(f.get("tapeEntries")), Long.parseLong(f.get("tapeBytes")),
                    Boolean.parseBoolean(f.get("estimated")),
                    Integer.parseInt(f.get("timedCoordinates")), Integer.parseInt(f.get("samples")),
                    partials, f.get("failure"), f.get("flag"));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed cell line: " + line, e);
        }
    }

    private static void field(StringBuilder line, String key, Object value) {
        line.append('\t').append(key).append('=').append(value);
    }
}
