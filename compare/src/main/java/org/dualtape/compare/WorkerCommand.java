package org.dualtape.compare;

import java.util.List;
import java.util.concurrent.Callable;
import org.dualtape.compare.sweep.Method;
import org.dualtape.compare.sweep.ProblemFamily;
import org.dualtape.compare.sweep.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code worker} (hidden): the body of the JVM the sweep starts for one method; prints one result
 * line per width to standard output.
 */
@Command(name = "worker", hidden = true,
        description = "Internal: measures one method at several widths (started by 'sweep').")
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--family", required = true, description = "ProblemFamily class name.")
    private String family;

    @Option(names = "--method", required = true, description = "Method name.")
    private String method;

    @Option(names = "--widths", required = true, split = ",", description = "Widths.")
    private List<Integer> widths;

    @Option(names = "--budget", required = true, description = "Seconds per cell.")
    private double budget;

    @Option(names = "--chunk", defaultValue = "0", description = "Chunk, 0 for the policy.")
    private int chunk;

    /** Creates the command (picocli instantiates it). */
    public WorkerCommand() {
    }

    @Override
    public Integer call() {
        // System.out itself, not picocli's writer: the parent reads this JVM's standard output.
        Worker.run(ProblemFamily.forName(family), Method.byLabel(method), widths, budget, chunk,
                System.out);
        return 0;
    }
}
