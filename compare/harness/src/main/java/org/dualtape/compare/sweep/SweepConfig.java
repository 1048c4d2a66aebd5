package org.dualtape.compare.sweep;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a sweep runs: widths, methods, the time budget per cell, the chunk, the loss family and
 * the worker JVMs' options.
 *
 * <p><b>Construction</b> checks every value and throws {@link IllegalArgumentException} naming
 * the bad one. Instances are immutable.
 *
 * @param widths the widths, each at least 1, in the order they run
 * @param methods the methods, at least one
 * @param budgetSeconds seconds per cell for timing, above 0 and finite
 * @param chunk tangents per pass for the chunked methods, or 0 for the default chunk policy
 * @param familyClass class name of the {@link ProblemFamily}
 * @param workerJvmOptions options for each worker JVM, such as {@code -Xmx8g}
 */
public record SweepConfig(List<Integer> widths, List<Method> methods, double budgetSeconds,
        int chunk, String familyClass, List<String> workerJvmOptions) {

    /** The class name of the standard loss family, the default. */
    public static final String STANDARD_FAMILY = "org.dualtape.compare.sweep.StandardMlpFamily";
    /** The standard sweep's widths: 4, 8, ..., 1024. */
    public static final List<Integer> FULL_WIDTHS = IntStream.rangeClosed(2, 10)
            .mapToObj(k -> 1 << k).collect(Collectors.toUnmodifiableList());
    /** The quick sweep's widths. */
    public static final List<Integer> QUICK_WIDTHS = List.of(4, 8, 16, 32, 64);
    /** The quick sweep's budget, seconds per cell. */
    public static final double QUICK_BUDGET = 0.4;
    /** The full sweep's budget, seconds per cell. */
    public static final double FULL_BUDGET = 4.0;

    /**
     * Returns the heap options for worker JVMs: this JVM's own {@code -Xmx} and {@code -Xms} if it
     * was given any, else half of the machine's memory ({@code -XX:MaxRAMPercentage=50}, against
     * the JVM's default of a quarter), because the scalar tape of the largest standard network
     * takes several gigabytes.
     *
     * @return the options
     */
    public static List<String> workerHeapOptions() {
        List<String> inherited = java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms"))
                .collect(Collectors.toUnmodifiableList());
        return inherited.isEmpty() ? List.of("-XX:MaxRAMPercentage=50") : inherited;
    }

    /**
     * Checks and copies the values.
     *
     * @param widths the widths, each at least 1
     * @param methods the methods, at least one
     * @param budgetSeconds seconds per cell, above 0 and finite
     * @param chunk tangents per pass, at least 1, or 0 for the default chunk policy
     * @param familyClass class name of the problem family
     * @param workerJvmOptions options for each worker JVM
     * @throws IllegalArgumentException if a value is out of range
     */
    public SweepConfig {
        if (widths == null || widths.isEmpty()) {
            throw new IllegalArgumentException("need at least one width");
        }
        for (Integer width : widths) {
            if (width == null || width < 1) {
                throw new IllegalArgumentException("widths must be at least 1, got " + width);
            }
        }
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("need at least one method");
        }
        if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
            throw new IllegalArgumentException("budget must be a positive number of seconds, got "
                    + budgetSeconds);
        }
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk must be at least 1 (or 0 for the default"
                    + " policy), got " + chunk);
        }
        if (familyClass == null || familyClass.isBlank()) {
            throw new IllegalArgumentException("need a problem family class name");
        }
        widths = List.copyOf(widths);
        methods = List.copyOf(methods);
        workerJvmOptions = List.copyOf(workerJvmOptions);
    }
}
