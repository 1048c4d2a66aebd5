package org.dualtape.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dualtape.compare.report.AtomicFiles;
import org.dualtape.compare.report.MachineInfo;
import org.dualtape.compare.report.SecondOrderReport;
import org.dualtape.compare.sweep.SecondOrderRow;
import org.dualtape.compare.sweep.SecondOrderStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code second-order}: the Hessian-vector product and Hessian study; writes second-order.csv and SECOND_ORDER.md. */
@Command(name = "second-order", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad input (a width below 1, a budget not above 0, an unwritable --out)",
            "1:the run failed"},
        description = {"Second order on the standard MLP: ω of one Hessian-vector product and of one gradient"
                + " (both replayed from the vector tape) against the number of parameters, the whole Hessian's"
                + " cost (P HVPs; estimated where the budget or its P² memory does not allow it), and Commons"
                + " Math's DerivativeStructure of order 2 where it can run. Writes second-order.csv and"
                + " SECOND_ORDER.md into the output folder and prints the CSV."})
final class SecondOrderCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Output folder, created if missing (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--widths", paramLabel = "H", split = ",",
            description = "Hidden widths (default: 2,4,8,16,32,64,128).")
    private int[] widths;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds per timed operation; also the largest measured Hessian (default: ${DEFAULT-VALUE}).")
    private double budget;

    /** Creates the command (picocli instantiates it). */
    public SecondOrderCommand() {
    }

    @Override
    public Integer call() throws Exception {
        int[] h = widths == null ? SecondOrderStudy.DEFAULT_WIDTHS : widths;
        SecondOrderStudy study;
        try {
            study = new SecondOrderStudy(budget, spec.commandLine().getErr());
            for (int width : h) {
                if (width < 1) {
                    throw new IllegalArgumentException("--widths must be at least 1, got " + width);
                }
            }
            AtomicFiles.requireWritableFolder(out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<SecondOrderRow> rows = study.run(h);
        String csv = SecondOrderReport.csv(rows);
        MachineInfo m = MachineInfo.current();
        String machine = m.cpu() + ", " + m.cores() + " cores, " + m.jvm();
        AtomicFiles.writeString(out.resolve("second-order.csv"), csv);
        AtomicFiles.writeString(out.resolve("SECOND_ORDER.md"), SecondOrderReport.markdown(rows,
            "dualtape-compare second-order --budget " + budget + (widths == null ? "" : " --widths "
                + String.join(",", java.util.Arrays.stream(h).mapToObj(Integer::toString).toList())), machine));
        spec.commandLine().getOut().print(csv);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
