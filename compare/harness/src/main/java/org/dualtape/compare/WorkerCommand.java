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
final class WorkerCommand implements Callable<Integer> {
    /** Exit code of a worker whose parent JVM ended before it. */
    private static final int ORPHANED = 4;

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
        // A worker outliving its sweep (interrupted with Ctrl-C, or killed) would keep a core busy
        // for nothing: stop when the parent JVM is gone.
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
        // System.out itself, not picocli's writer: the parent reads this JVM's standard output.
        Worker.run(ProblemFamily.forName(family), Method.byLabel(method), widths, budget, chunk,
                System.out);
        return 0;
    }
}
