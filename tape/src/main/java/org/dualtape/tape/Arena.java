package org.dualtape.tape;

/**
 * Storage of a tape's vector nodes (work in progress: no vector node yet).
 */
final class Arena {
    private final Tape tape;
    int nodes;

    Arena(Tape tape) {
        this.tape = tape;
    }

    void clear() {
        nodes = 0;
    }

    long bytes() {
        return 0;
    }

    long capacityBytes() {
        return 0;
    }

    void clearAdjoints() {
    }

    void clearTangents() {
    }

    int nodesUpTo(int last) {
        return nodes;
    }

    void reverse(int node) {
        throw new UnsupportedOperationException(tape.id());
    }

    boolean replay(int node) {
        throw new UnsupportedOperationException(tape.id());
    }

    String describeChange(int entry) {
        return "";
    }

    String arguments(int entry) {
        return "";
    }

    int inputWidth(int entry) {
        throw new UnsupportedOperationException();
    }

    int setInput(int entry, double[] x, int at) {
        throw new UnsupportedOperationException();
    }

    int readAdjoint(int entry, double[] g, int at) {
        throw new UnsupportedOperationException();
    }

    int seedTangent(int entry, double[] v, int at) {
        throw new UnsupportedOperationException();
    }

    void forward(int node) {
        throw new UnsupportedOperationException(tape.id());
    }
}
