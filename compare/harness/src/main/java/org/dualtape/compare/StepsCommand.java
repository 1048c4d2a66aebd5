package org.dualtape.compare;

import java.util.List;
import java.util.concurrent.Callable;
import org.dualtape.compare.report.AtomicFiles;
import org.dualtape.compare.report.Charts;
import org.dualtape.compare.report.Csv;
import org.dualtape.compare.sweep.ProblemFamily;
import org.dualtape.compare.sweep.StepPoint;
import org.dualtape.compare.sweep.StepStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steps}: the step-size study alone; writes steps.csv and error-vs-step.png. */
@Command(name = "steps", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad input (an unwritable --out)", "1:the run failed"},
        description = {"Step-size study: max relative error of forward, central and Richardson"
                + " differences and the complex step at h = 1e-1 ... 1e-16 on one fixed loss (the"
                + " standard MLP at width " + StepStudy.WIDTH + "), with reverse-mode AD's error as a"
                + " flat reference line. Writes steps.csv and error-vs-step.png into the output"
                + " folder and prints the points."})
final class StepsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    /** Creates the command (picocli instantiates it). */
    public StepsCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ProblemFamily problems;
        try {
            problems = ProblemFamily.forName(output.family);
            AtomicFiles.requireWritableFolder(output.out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<StepPoint> points = StepStudy.run(problems, spec.commandLine().getErr());
        Csv.writeSteps(output.out, points);
        Charts.writeSteps(output.out, points);
        spec.commandLine().getOut().print(Csv.steps(points));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
