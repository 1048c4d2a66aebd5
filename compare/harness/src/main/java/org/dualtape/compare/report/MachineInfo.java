package org.dualtape.compare.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a sweep ran on, for the report: CPU model, cores, memory, JVM and operating system.
 *
 * @param cpu the CPU model (from /proc/cpuinfo; the architecture where that is missing)
 * @param cores the processors available to the JVM
 * @param memory total memory (from /proc/meminfo), or "unknown"
 * @param jvm the JVM's name, vendor and version
 * @param os the operating system's name, version and architecture
 */
public record MachineInfo(String cpu, int cores, String memory, String jvm, String os) {

    /**
     * Describes this machine.
     *
     * @return the description
     */
    public static MachineInfo current() {
        String arch = System.getProperty("os.arch");
        return new MachineInfo(
                procField("/proc/cpuinfo", "model name", arch),
                Runtime.getRuntime().availableProcessors(),
                gib(procField("/proc/meminfo", "MemTotal", "unknown")),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor")
                        + ") " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
    }

    /** "24684092 kB" as "23.5 GiB"; anything else unchanged. */
    static String gib(String meminfo) {
        String[] parts = meminfo.trim().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
            try {
                return String.format(java.util.Locale.ROOT, "%.1f GiB",
                        Long.parseLong(parts[0]) / (1024.0 * 1024.0));
            } catch (NumberFormatException e) {
                return meminfo;
            }
        }
        return meminfo;
    }

    private static String procField(String file, String key, String fallback) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: fall back.
        }
        return fallback;
    }
}
