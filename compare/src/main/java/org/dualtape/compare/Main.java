package org.dualtape.compare;

/**
 * The comparison's command line (placeholder until the comparison lands).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.out.println("dualtape: the comparison is not built yet");
    }
}
