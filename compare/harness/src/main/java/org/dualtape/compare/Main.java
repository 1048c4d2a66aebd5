package org.dualtape.compare;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The comparison's command line: {@code sweep} (the default), {@code steps}, {@code check}, {@code train},
 * {@code second-order}, and the hidden
 * {@code worker} the sweep starts in a JVM of its own for each method.
 *
 * <p><b>Exit codes</b>: 0 on success, 2 for bad input (an unknown method, a width or budget out
 * of range, an output folder that cannot be written), 1 if the run itself fails.
 *
 * <p><b>Adding a subcommand</b>: write a {@code @Command} class implementing
 * {@code Callable<Integer>} and list it in {@code subcommands} below.
 */
@Command(name = "dualtape-compare", mixinStandardHelpOptions = true,
        version = "dualtape-compare 0.1.0",
        description = {"Compares forward mode, reverse mode and numerical differentiation on MLP"
                + " losses as the number of parameters grows.",
                "With no command, runs the quick sweep (same as 'sweep');"
                        + " 'dualtape-compare COMMAND --help' explains each command's options."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad input", "1:the run failed"},
        subcommands = {SweepCommand.class, StepsCommand.class, CheckCommand.class, TrainCommand.class,
                SecondOrderCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Creates the top-level command (picocli instantiates it). */
    public Main() {
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args command-line arguments; not modified
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args command-line arguments; not modified; empty means {@code sweep}
     * @param out standard output (tables, help)
     * @param err standard error (progress, error messages)
     * @return the exit code: 0 success, 1 failure, 2 bad input
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args.length == 0 ? new String[] {"sweep"} : args);
    }

    /** Without a subcommand name but with options, prints the usage. */
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
