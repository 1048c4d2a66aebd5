package org.dualtape.compare.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.StepPoint;

/**
 * The sweep's CSV files: {@code sweep.csv} (the fixed columns every reader relies on),
 * {@code details.csv} (every measured column) and {@code steps.csv}.
 *
 * <p>Numbers are written with {@link Locale#ROOT}. A failed row keeps its method, width and
 * parameter count, leaves the measured fields empty and says {@code failed} in the
 * {@code estimated} column (details.csv also gives the reason). The last column of details.csv,
 * {@code flag}, is empty for a trusted cell and says why for a cell whose estimate is not
 * reproducible ({@link CellResult#flag()}); sweep.csv keeps its fixed columns. Files are written
 * atomically
 * ({@link AtomicFiles}).
 */
public final class Csv {
    /** The header of sweep.csv, exactly. */
    public static final String SWEEP_HEADER =
            "method,width,params,seconds,omega,passes,max_rel_error,bytes_per_gradient,estimated";
    /** The header of details.csv. */
    public static final String DETAILS_HEADER = "method,width,params,chunk,seconds,omega,passes,"
            + "max_rel_error,max_abs_error,bytes_per_gradient,tape_entries,tape_bytes,estimated,"
            + "timed_coordinates,checked_coordinates,failure,flag";
    /** The header of steps.csv, exactly. */
    public static final String STEPS_HEADER = "method,step,max_rel_error";

    private Csv() {
    }

    /**
     * Formats sweep.csv.
     *
     * @param rows the rows
     * @return the file's text, header first
     */
    public static String sweep(List<CellResult> rows) {
        StringBuilder csv = new StringBuilder(SWEEP_HEADER).append('\n');
        for (CellResult r : rows) {
            csv.append(r.method()).append(',').append(r.width()).append(',').append(r.parameters());
            if (r.failed()) {
                csv.append(",,,,,,failed\n");
                continue;
            }
            csv.append(',').append(number(r.seconds())).append(',').append(number(r.omega()))
                    .append(',').append(r.passes()).append(',').append(error(r.maxRelError()))
                    .append(',').append(bytes(r.bytesPerGradient())).append(',')
                    .append(r.estimated()).append('\n');
        }
        return csv.toString();
    }

    /**
     * Formats details.csv.
     *
     * @param rows the rows
     * @return the file's text, header first
     */
    public static String details(List<CellResult> rows) {
        StringBuilder csv = new StringBuilder(DETAILS_HEADER).append('\n');
        for (CellResult r : rows) {
            csv.append(r.method()).append(',').append(r.width()).append(',').append(r.parameters())
                    .append(',').append(r.chunk()).append(',');
            if (r.failed()) {
                csv.append(",,,,,,,,failed,,").append(quote(r.checked())).append(',')
                        .append(quote(r.failure())).append(",\n");
                continue;
            }
            csv.append(number(r.seconds())).append(',').append(number(r.omega())).append(',')
                    .append(r.passes()).append(',').append(error(r.maxRelError())).append(',')
                    .append(error(r.maxAbsError())).append(',').append(bytes(r.bytesPerGradient()))
                    .append(',').append(optional(r.tapeEntries())).append(',')
                    .append(optional(r.tapeBytes())).append(',').append(r.estimated()).append(',')
                    .append(r.timedCoordinates()).append(',').append(quote(r.checked()))
                    .append(",,").append(quote(r.flag())).append('\n');
        }
        return csv.toString();
    }

    /**
     * Formats steps.csv.
     *
     * @param points the points
     * @return the file's text, header first
     */
    public static String steps(List<StepPoint> points) {
        StringBuilder csv = new StringBuilder(STEPS_HEADER).append('\n');
        for (StepPoint p : points) {
            csv.append(p.method()).append(',').append(String.format(Locale.ROOT, "%.0e", p.step()))
                    .append(',').append(error(p.maxRelError())).append('\n');
        }
        return csv.toString();
    }

    /**
     * Writes sweep.csv and details.csv into a folder.
     *
     * @param folder an existing writable folder
     * @param rows the rows
     * @throws IOException if a file cannot be written
     */
    public static void writeSweep(Path folder, List<CellResult> rows) throws IOException {
        AtomicFiles.writeString(folder.resolve("details.csv"), details(rows));
        AtomicFiles.writeString(folder.resolve("sweep.csv"), sweep(rows));
    }

    /**
     * Writes steps.csv into a folder.
     *
     * @param folder an existing writable folder
     * @param points the points
     * @throws IOException if the file cannot be written
     */
    public static void writeSteps(Path folder, List<StepPoint> points) throws IOException {
        AtomicFiles.writeString(folder.resolve("steps.csv"), steps(points));
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    static String error(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3e", x) : String.valueOf(x);
    }

    static String bytes(double x) {
        return Double.isFinite(x) ? String.valueOf(Math.round(x)) : "";
    }

    private static String optional(long x) {
        return x < 0 ? "" : String.valueOf(x);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
