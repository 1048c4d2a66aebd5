package org.dualtape.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dualtape.compare.report.AtomicFiles;
import org.dualtape.compare.report.Charts;
import org.dualtape.compare.report.ConsoleTable;
import org.dualtape.compare.report.Csv;
import org.dualtape.compare.report.MachineInfo;
import org.dualtape.compare.report.MarkdownReport;
import org.dualtape.compare.report.RunInfo;
import org.dualtape.compare.sweep.CellResult;
import org.dualtape.compare.sweep.Method;
import org.dualtape.compare.sweep.ProblemFamily;
import org.dualtape.compare.sweep.StepPoint;
import org.dualtape.compare.sweep.StepStudy;
import org.dualtape.compare.sweep.SweepConfig;
import org.dualtape.compare.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: times every method at every width, checks its accuracy, and writes sweep.csv,
 * details.csv, steps.csv, REPORT.md and the plots into the output folder.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sweep ran (cells that failed are rows saying so)",
                "2:bad input (a width or budget out of range, an unknown method, an unwritable --out)",
                "1:the run itself failed"},
        description = {"Measures the cost and accuracy of every gradient method on the standard MLP"
                + " loss (32 -> h -> h -> 10, tanh, softmax cross-entropy, batch 32) at each width h,"
                + " each method in its own JVM, and writes sweep.csv, details.csv, steps.csv,"
                + " REPORT.md and PNG plots into the output folder. Prints the table when done.",
                "Default: the quick sweep (widths 4,8,16,32,64, budget 0.4 s per cell), under two"
                        + " minutes on a 2-core machine."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--full", description = "Run the whole standard sweep: widths 4,8,...,1024"
            + " (202 to 1,093,642 parameters) with a budget of "
            + SweepConfig.FULL_BUDGET + " s per cell unless --budget is given.")
    private boolean full;

    @Option(names = "--widths", split = ",", paramLabel = "H",
            description = "Hidden-layer widths to run, each at least 1 (instead of the quick or full"
                    + " list), e.g. --widths=4,16,64.")
    private List<Integer> widths;

    @Option(names = "--methods", paramLabel = "NAME[,NAME...]",
            description = "Methods to run (default: all), comma-separated, from: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MethodNames.class)
    private String methods;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "Timing budget per (method, width) cell in seconds, above 0 (default "
                    + SweepConfig.QUICK_BUDGET + ", or " + SweepConfig.FULL_BUDGET + " with --full)."
                    + " A method whose full gradient would not fit is timed on part of its passes and"
                    + " extrapolated; its row says estimated=true.")
    private Double budget;

    @Option(names = "--chunk", paramLabel = "K",
            description = "Tangents per pass for forward-chunked and commons-math-ds, at least 1"
                    + " (default: the dual module's chunk policy).")
    private Integer chunk;

    @Mixin
    private OutputOptions output;

    /** Creates the command (picocli instantiates it). */
    public SweepCommand() {
    }

    @Override
    public Integer call() throws Exception {
        SweepConfig config = config();
        long start = System.nanoTime();
        List<CellResult> rows = new SweepRunner(config, spec.commandLine().getErr()).run();
        ProblemFamily problems = ProblemFamily.forName(config.familyClass());
        List<StepPoint> steps = StepStudy.run(problems, spec.commandLine().getErr());
        double elapsed = (System.nanoTime() - start) * 1e-9;

        Csv.writeSweep(output.out, rows);
        Csv.writeSteps(output.out, steps);
        Charts.writeSweep(output.out, rows);
        Charts.writeSteps(output.out, steps);
        String reference = problems.create(config.widths().get(0)).referenceDescription();
        RunInfo run = new RunInfo(commandText(), problems.description(), reference,
                config.budgetSeconds(), chunk == null ? "chunk policy" : String.valueOf(chunk),
                elapsed, MachineInfo.current());
        AtomicFiles.writeString(output.out.resolve("REPORT.md"), MarkdownReport.render(run, rows, steps));

        spec.commandLine().getOut().print(ConsoleTable.render(rows));
        spec.commandLine().getOut().printf(Locale.ROOT, "%nWrote %s (sweep.csv, details.csv,"
                + " steps.csv, REPORT.md, plots) in %.0f s%n", output.out, elapsed);
        spec.commandLine().getOut().flush();
        return 0; // failed cells are rows of the report, not a failed run
    }

    private SweepConfig config() {
        try {
            if (full && widths != null) {
                throw new IllegalArgumentException("give either --full or --widths, not both");
            }
            if (chunk != null && chunk < 1) {
                throw new IllegalArgumentException("--chunk must be at least 1, got " + chunk);
            }
            List<Integer> w = widths != null ? widths
                    : full ? SweepConfig.FULL_WIDTHS : SweepConfig.QUICK_WIDTHS;
            List<Method> m = methods == null ? Arrays.asList(Method.values()) : Method.parseList(methods);
            double b = budget != null ? budget : full ? SweepConfig.FULL_BUDGET : SweepConfig.QUICK_BUDGET;
            SweepConfig config = new SweepConfig(w, m, b, chunk == null ? 0 : chunk, output.family,
                    SweepConfig.workerHeapOptions());
            ProblemFamily.forName(output.family);
            AtomicFiles.requireWritableFolder(output.out);
            return config;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String commandText() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return ("dualtape-compare sweep " + args.stream().filter(a -> !a.equals("sweep"))
                .filter(a -> !a.startsWith("--family")).collect(Collectors.joining(" "))).trim();
    }

    /** The method names, for the help text. */
    static final class MethodNames extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        MethodNames() {
            super(Arrays.stream(Method.values()).map(Method::label).collect(Collectors.toList()));
        }
    }
}
