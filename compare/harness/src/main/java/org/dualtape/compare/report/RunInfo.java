package org.dualtape.compare.report;

/**
 * What the report says about how a sweep was run.
 *
 * @param command the command line, as a user would type it
 * @param family the loss family's description
 * @param reference how the reference partials were computed
 * @param budgetSeconds the time budget per cell
 * @param chunk the chunk of the chunked methods, as asked ("policy" for the default)
 * @param elapsedSeconds the wall-clock time of the whole run
 * @param machine the machine
 */
public record RunInfo(String command, String family, String reference, double budgetSeconds,
        String chunk, double elapsedSeconds, MachineInfo machine) {
}
