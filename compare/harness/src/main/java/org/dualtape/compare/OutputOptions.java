package org.dualtape.compare;

import java.nio.file.Path;
import org.dualtape.compare.sweep.SweepConfig;
import picocli.CommandLine.Option;

/** The options {@code sweep} and {@code steps} share: the output folder and the (hidden) loss family. */
final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Output folder, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--family", hidden = true, defaultValue = SweepConfig.STANDARD_FAMILY,
            description = "Class name of the ProblemFamily (for tests).")
    String family;
}
