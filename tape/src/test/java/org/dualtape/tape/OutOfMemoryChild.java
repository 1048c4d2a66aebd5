package org.dualtape.tape;

/**
 * Run by {@link FaultsTest} in a JVM with a small heap: records until the tape's growth runs out of
 * memory, then checks that the arrays still have matching capacities, that the tape fills to its
 * capacity without {@link ArrayIndexOutOfBoundsException}, and that a gradient after
 * {@link Tape#clear()} is right. Exits 0 when all hold, 1 (with a message) when not.
 */
final class OutOfMemoryChild {
    private OutOfMemoryChild() {
    }

    public static void main(String[] args) {
        Tape tape = new Tape();
        Var x = tape.variable(1);
        Var s = x;
        int entries = 0;
        try {
            for (;;) {
                s = s.add(x);
                entries++;
            }
        } catch (OutOfMemoryError e) {
            s = null; // let go of nothing the tape does not hold; the tape keeps its arrays
        }
        String what = "after " + entries + " entries: op " + tape.op.length + ", value " + tape.value.length + ", start "
            + tape.start.length + ", arg " + tape.arg.length + ", partial " + tape.partial.length;
        if (tape.op.length != tape.value.length || tape.start.length != tape.op.length + 1
            || tape.arg.length != tape.partial.length) {
            System.out.println("inconsistent " + what);
            System.exit(1);
        }
        try {
            tape.clear();
            Var y = tape.variable(2);
            Var t = y;
            while (tape.entries() < tape.op.length && tape.partials() + 2 <= tape.arg.length) {
                t = t.add(y); // fills the capacity the tape says it has, no growth needed
            }
            tape.clear();
            Var a = tape.variable(3);
            Var f = a.multiply(a).add(a.sin());
            tape.reverse(f);
            if (Math.abs(a.adjoint() - (6 + Math.cos(3))) > 1e-12) {
                System.out.println("wrong gradient " + a.adjoint() + " " + what);
                System.exit(1);
            }
        } catch (RuntimeException e) {
            System.out.println(e + " " + what);
            System.exit(1);
        }
        System.out.println("consistent " + what);
    }
}
