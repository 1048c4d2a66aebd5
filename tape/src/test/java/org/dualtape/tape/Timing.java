package org.dualtape.tape;
public class Timing {
    public static void main(String[] a) throws Throwable {
        int n = Integer.parseInt(a[0]);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + (i % 7) * 0.1;
        Replay r = Reverse.record(CompiledReplayTest::rosenbrock, x);
        Tape t = r.tape();
        int[] in = new int[n];
        for (int i = 0; i < n; i++) in[i] = i;
        int[] out = {t.entries() - 1};
        for (int k = 0; k < 8; k++) {
            long t0 = System.nanoTime();
            Generator g = new Generator(t, in, out, t.entries(), Generator.BUDGET);
            Code c = g.reverse(false);
            long t1 = System.nanoTime();
            Layout l = new Layout(c);
            long t2 = System.nanoTime();
            Bytecode b = new Bytecode(c, l);
            byte[] bytes = b.bytes();
            long t3 = System.nanoTime();
            java.lang.invoke.MethodHandles.Lookup h = java.lang.invoke.MethodHandles.privateLookupIn(Replay.class, java.lang.invoke.MethodHandles.lookup()).defineHiddenClass(bytes, true);
            long t4 = System.nanoTime();
            System.out.printf("gen %.1f layout %.1f asm %.1f define %.1f ms; %d instr, %d bytes%n", (t1-t0)/1e6, (t2-t1)/1e6, (t3-t2)/1e6, (t4-t3)/1e6, c.size, bytes.length);
        }
    }
}
