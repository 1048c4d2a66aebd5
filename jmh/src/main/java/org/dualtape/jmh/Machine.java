package org.dualtape.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** A one-line description of the machine a benchmark ran on: CPU, cores, memory, JVM, OS. */
final class Machine {
    private Machine() {
    }

    /**
     * Describes this machine.
     *
     * @return for example {@code "Intel Xeon ..., 2 cores, 24.0 GiB max heap, OpenJDK 17.0.15, Linux 6.1"}
     */
    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format(java.util.Locale.ROOT, "%s, %d cores, JVM %s %s, %s %s", cpuModel(),
                rt.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String cpuModel() {
        Path info = Paths.get("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
