package org.dualtape.compare.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One worker JVM: the same {@code java} executable and class path as this JVM, running the
 * hidden {@code worker} subcommand of {@code org.dualtape.compare.Main} for one method.
 *
 * <p>Its result lines are read on a separate thread so that the caller can wait with a timeout;
 * its standard error goes to a temporary file whose last lines explain a crash.
 */
final class WorkerProcess implements AutoCloseable {
    /** The class whose {@code worker} subcommand runs {@link Worker}. */
    static final String MAIN_CLASS = "org.dualtape.compare.Main";
    private static final String END = new String("end of stream"); // compared by identity

    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private WorkerProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread reader = new Thread(this::readLines, "worker-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a worker.
     *
     * @param config the sweep (family, budget, chunk, JVM options)
     * @param method the method the worker measures
     * @param widths the widths, in order
     * @return the running worker
     * @throws IOException if the JVM cannot be started
     */
    static WorkerProcess start(SweepConfig config, Method method, List<Integer> widths)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.workerJvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.add("worker");
        command.add("--family=" + config.familyClass());
        command.add("--method=" + method.label());
        command.add("--widths=" + widths.stream().map(String::valueOf).collect(Collectors.joining(",")));
        command.add("--budget=" + config.budgetSeconds());
        command.add("--chunk=" + config.chunk());
        Path errors = Files.createTempFile("dualtape-worker-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        return new WorkerProcess(process, errors);
    }

    /**
     * Waits for the next result line.
     *
     * @param timeoutSeconds how long to wait
     * @return the line, or null if the worker's output ended
     * @throws InterruptedException if interrupted while waiting
     * @throws java.util.concurrent.TimeoutException if no line came in time
     */
    String nextLine(double timeoutSeconds) throws InterruptedException,
            java.util.concurrent.TimeoutException {
        String line = lines.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new java.util.concurrent.TimeoutException("no result from the worker in "
                    + timeoutSeconds + " s");
        }
        return line == END ? null : line;
    }

    /**
     * Explains why the worker stopped: its exit code and the last lines of its standard error.
     *
     * @return a one-line explanation
     */
    String exitReason() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                return "worker JVM stopped answering";
            }
            List<String> tail = Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                    .filter(s -> !s.isBlank()).collect(Collectors.toList());
            String last = tail.isEmpty() ? "no error output"
                    : String.join(" | ", tail.subList(Math.max(0, tail.size() - 3), tail.size()));
            return "worker JVM exited with code " + process.exitValue() + ": " + last;
        } catch (IOException e) {
            return "worker JVM exited with code " + process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the worker JVM";
        }
    }

    /** Stops the worker if it still runs and deletes its error log. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            // A leftover log in the temporary folder is harmless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(Measurement.PREFIX)) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the worker is destroyed; the end marker follows.
        } finally {
            lines.add(END);
        }
    }
}
