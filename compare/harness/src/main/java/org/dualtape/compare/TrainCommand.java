package org.dualtape.compare;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dualtape.compare.mlp.Activation;
import org.dualtape.compare.report.AtomicFiles;
import org.dualtape.compare.report.TrainReport;
import org.dualtape.compare.train.MethodRun;
import org.dualtape.compare.train.TrainConfig;
import org.dualtape.compare.train.TrainMethod;
import org.dualtape.compare.train.TrainResult;
import org.dualtape.compare.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains the lecture notes' digits network once per gradient method with the same
 * weights, minibatches and budget, and writes train.csv, TRAIN.md and two accuracy plots.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad input (an unknown method or data set, a width, batch or budget"
                + " out of range, an unwritable --out)", "1:the run failed"},
        description = {"Trains a network by minibatch SGD once per gradient method: the same initial"
                + " weights, the same minibatches in the same order and the same clock budget for each."
                + " Default: the lecture notes' digits network, 64 -> 72 tanh -> 10 with softmax"
                + " cross-entropy on the 8x8 digits (a seeded quarter held out for testing), "
                + TrainConfig.DEFAULT_BUDGET + " s per method, about a minute in all. Writes train.csv,"
                + " TRAIN.md, train-accuracy-vs-seconds.png and train-accuracy-vs-steps.png."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "SET", defaultValue = "digits",
            description = "digits (default), or circle / cross: the notes' 2-D sets with a 2 -> 3"
                    + " sigmoid -> 1 network and binary cross-entropy.")
    private String data;

    @Option(names = "--hidden", split = ",", paramLabel = "H",
            description = "Hidden widths, each at least 1 (default 72 for digits, 3 for circle/cross),"
                    + " e.g. --hidden=72 or --hidden=32,32.")
    private List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden activation: tanh (default for digits), sigmoid (default for"
                    + " circle/cross) or relu.")
    private String activation;

    @Option(names = "--methods", paramLabel = "NAME[,NAME...]",
            description = "Methods to train with (default: all), from: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MethodNames.class)
    private String methods;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "Clock time per method in seconds, above 0 (default " + TrainConfig.DEFAULT_BUDGET + ").")
    private Double budget;

    @Option(names = "--steps", paramLabel = "N", description = "At most N steps per method, at least 1"
            + " (default: as many as the budget allows).")
    private Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size, at least 1 (default "
            + TrainConfig.DEFAULT_BATCH + ").")
    private Integer batch;

    @Option(names = "--rate", paramLabel = "ETA", description = "Initial learning rate, above 0"
            + " (default " + TrainConfig.DEFAULT_RATE + " for digits, 2 for circle/cross); step t uses"
            + " ETA / (1 + t / TAU).")
    private Double rate;

    @Option(names = "--decay", paramLabel = "TAU", description = "Steps after which the rate is halved,"
            + " above 0 (default " + TrainConfig.DEFAULT_DECAY + ").")
    private Double decay;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Output folder, created if missing (default: ${DEFAULT-VALUE}).")
    private Path out;

    /** Creates the command (picocli instantiates it). */
    public TrainCommand() {
    }

    @Override
    public Integer call() throws Exception {
        TrainConfig config = config();
        TrainResult result = Trainer.run(config, spec.commandLine().getErr());
        String command = ("dualtape-compare " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .trim();
        TrainReport.write(out, result, command);
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-20s %8s %12s %10s %12s%n", "method", "steps", "s per step", "best acc", "time to 90%");
        for (MethodRun m : result.runs()) {
            o.printf(Locale.ROOT, "%-20s %8d %12s %9.1f%% %12s%n", m.method().label(), m.steps(),
                    String.format(Locale.ROOT, "%.3g%s", m.secondsPerStep(), m.estimated() ? "*" : ""),
                    100 * m.bestAccuracy(), m.stepsTo90() < 0 ? "-"
                            : String.format(Locale.ROOT, "%.3g s", m.secondsTo90()));
        }
        o.printf(Locale.ROOT, "%nWrote %s (%s, %s, plots) in %.0f s%n", out, TrainReport.CSV,
                TrainReport.MARKDOWN, result.wallSeconds());
        o.flush();
        return 0;
    }

    private TrainConfig config() {
        try {
            TrainConfig base = "digits".equals(data) ? TrainConfig.digits() : TrainConfig.plane(data);
            int[] h = hidden == null ? base.hidden() : hidden.stream().mapToInt(Integer::intValue).toArray();
            Activation a = activation == null ? base.activation() : activation(activation);
            List<TrainMethod> m = methods == null ? base.methods() : TrainMethod.parseList(methods);
            TrainConfig config = new TrainConfig(base.data(), h, a, batch == null ? base.batch() : batch,
                    budget == null ? base.budgetSeconds() : budget, steps == null ? base.maxSteps() : steps,
                    rate == null ? base.rate() : rate, decay == null ? base.decaySteps() : decay, base.seed(), m);
            AtomicFiles.requireWritableFolder(out);
            return config;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static Activation activation(String name) {
        try {
            return Activation.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                    + Arrays.stream(Activation.values()).map(v -> v.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }

    /** The method names, for the help text. */
    static final class MethodNames extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        MethodNames() {
            super(Arrays.stream(TrainMethod.values()).map(TrainMethod::label).collect(Collectors.toList()));
        }
    }
}
