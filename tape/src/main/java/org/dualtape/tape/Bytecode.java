package org.dualtape.tape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns a {@link Code} into a hidden class extending {@link CompiledCode}: one static method per
 * chunk ({@code c0}, {@code c1}, ...: {@code (x, s, o, w) -> double}, locals for the keys), called in
 * order by {@link CompiledCode#run}. The class is defined with
 * {@link MethodHandles.Lookup#defineHiddenClass} and not strongly linked to its loader, so it is
 * unloaded when its {@link Replay} is no longer reachable.
 */
final class Bytecode implements Opcodes {
    private static final String SELF = "org/dualtape/tape/Generated";
    private static final String BASE = "org/dualtape/tape/CompiledCode";
    private static final String ELEMENTARY = org.dualtape.dual.Elementary.class.getName().replace('.', '/');
    private static final String CHUNK = "([D[D[D[D)D";
    /** Chunk calls per method of the call tree above the chunks. */
    private static final int FAN_OUT = 400;
    /** Parameters {@code x, s, o, w} take locals 0 to 3 of a chunk. */
    private static final int FIRST_LOCAL = 4;

    private final Code code;
    private final Layout layout;
    private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    /** Bytecode bytes of each chunk method. */
    final int[] methodBytes;
    private final int[] local;
    private final int[] localStamp;

    Bytecode(Code code, Layout layout) {
        this.code = code;
        this.layout = layout;
        this.methodBytes = new int[layout.methods];
        this.local = new int[code.keys];
        this.localStamp = new int[code.keys];
        Arrays.fill(localStamp, -1);
    }

    /** Generates, defines and instantiates the class. */
    CompiledCode define() {
        byte[] bytes = bytes();
        try {
            MethodHandles.Lookup h = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (CompiledCode) h.findConstructor(h.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("defining the generated class failed", e);
        }
    }

    byte[] bytes() {
        cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, SELF, null, BASE, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, BASE, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (int m = 0; m < layout.methods; m++) {
            chunk(m);
        }
        String top = tree(0, layout.methods);
        MethodVisitor run = cw.visitMethod(0, "run", CHUNK, null, null);
        run.visitCode();
        for (int p = 1; p <= 4; p++) {
            run.visitVarInsn(ALOAD, p);
        }
        run.visitMethodInsn(INVOKESTATIC, SELF, top, CHUNK, false);
        run.visitInsn(DRETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The method that calls chunks {@code [from, to)} in order and returns the last one's result. */
    private String tree(int from, int to) {
        if (to - from == 1) {
            return "c" + from;
        }
        int step = 1;
        while ((long) step * FAN_OUT < to - from) {
            step *= FAN_OUT;
        }
        String[] parts = new String[(to - from + step - 1) / step];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = tree(from + p * step, Math.min(to, from + (p + 1) * step));
        }
        String name = "g" + from + "_" + to;
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK, null, null);
        mv.visitCode();
        for (int p = 0; p < parts.length; p++) {
            for (int v = 0; v < 4; v++) {
                mv.visitVarInsn(ALOAD, v);
            }
            mv.visitMethodInsn(INVOKESTATIC, SELF, parts[p], CHUNK, false);
            if (p < parts.length - 1) {
                mv.visitInsn(POP2);
            }
        }
        mv.visitInsn(DRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return name;
    }

    private int nextLocal;

    /** The local of key {@code k} in method {@code m}, given out on first use. */
    private int local(int k, int m) {
        if (localStamp[k] != m) {
            localStamp[k] = m;
            local[k] = nextLocal;
            nextLocal += 2;
        }
        return local[k];
    }

    private void chunk(int m) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "c" + m, CHUNK, null, null);
        mv.visitCode();
        Label startLabel = new Label();
        mv.visitLabel(startLabel);
        nextLocal = FIRST_LOCAL;
        for (int k : layout.loads[m]) {
            mv.visitVarInsn(ALOAD, 3);
            push(mv, layout.slot[k]);
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(DSTORE, local(k, m));
        }
        ArrayDeque<Label> open = new ArrayDeque<>();
        boolean returned = false;
        int end = layout.begin[m + 1] - (m + 1 < layout.methods ? 1 : 0); // the CHUNK marker is not code
        for (int i = layout.begin[m]; i < end; i++) {
            int a = code.a[i];
            switch (code.op[i]) {
                case Code.LOAD -> mv.visitVarInsn(DLOAD, local(a, m));
                case Code.STORE -> mv.visitVarInsn(DSTORE, local(a, m));
                case Code.CONST -> constant(mv, code.d[i]);
                case Code.INPUT -> element(mv, 0, a);
                case Code.SEED -> element(mv, 1, a);
                case Code.OUT -> {
                    mv.visitVarInsn(ALOAD, 2);
                    push(mv, a);
                    value(mv, code.b[i], code.d[i], m);
                    mv.visitInsn(DASTORE);
                }
                case Code.ADD -> mv.visitInsn(DADD);
                case Code.SUB -> mv.visitInsn(DSUB);
                case Code.MUL -> mv.visitInsn(DMUL);
                case Code.DIV -> mv.visitInsn(DDIV);
                case Code.NEG -> mv.visitInsn(DNEG);
                case Code.RECEIVER -> mv.visitFieldInsn(GETSTATIC, ELEMENTARY, Op.ELEMENTARY[a].name(),
                    "L" + ELEMENTARY + ";");
                case Code.CALL_F -> mv.visitMethodInsn(INVOKEVIRTUAL, ELEMENTARY, "f", "(D)D", false);
                case Code.CALL_DF -> mv.visitMethodInsn(INVOKEVIRTUAL, ELEMENTARY, "df", "(DD)D", false);
                case Code.SCRATCH_REF -> {
                    mv.visitVarInsn(ALOAD, 3);
                    mv.visitInsn(ICONST_0);
                }
                case Code.INT -> push(mv, a);
                case Code.CALL -> {
                    Code.Call c = Code.Call.values()[a];
                    mv.visitMethodInsn(INVOKESTATIC, c.owner, c.name, c.descriptor, false);
                }
                case Code.SCRATCH_READ -> {
                    element(mv, 3, a);
                    mv.visitVarInsn(DSTORE, local(code.b[i], m));
                }
                case Code.IF_NONZERO -> {
                    Label skip = new Label();
                    mv.visitVarInsn(DLOAD, local(a, m));
                    mv.visitInsn(DCONST_0);
                    mv.visitInsn(DCMPL);
                    mv.visitJumpInsn(IFEQ, skip);
                    open.push(skip);
                }
                case Code.END_IF -> label(mv, open.pop());
                case Code.CHECK -> {
                    Label same = new Label();
                    int k = local(code.b[i], m);
                    mv.visitVarInsn(DLOAD, k);
                    constant(mv, code.d[i]);
                    mv.visitMethodInsn(INVOKESTATIC, "org/dualtape/tape/Rules", "same", "(DD)Z", false);
                    mv.visitJumpInsn(IFNE, same);
                    push(mv, a);
                    constant(mv, code.d[i]);
                    mv.visitVarInsn(DLOAD, k);
                    mv.visitMethodInsn(INVOKESTATIC, BASE, "changed", "(IDD)Ljava/lang/RuntimeException;", false);
                    mv.visitInsn(ATHROW);
                    label(mv, same);
                }
                case Code.RETURN -> {
                    value(mv, a, code.d[i], m);
                    mv.visitInsn(DRETURN);
                    returned = true;
                }
                case Code.ARRAY -> {
                    push(mv, a);
                    mv.visitIntInsn(NEWARRAY, T_DOUBLE);
                }
                case Code.ELEMENT -> {
                    mv.visitInsn(DUP);
                    push(mv, a);
                }
                case Code.ELEMENT_END -> mv.visitInsn(DASTORE);
                default -> {
                    // ENTRY: a comment in the source only
                }
            }
        }
        for (int k : layout.stores[m]) {
            mv.visitVarInsn(ALOAD, 3);
            push(mv, layout.slot[k]);
            mv.visitVarInsn(DLOAD, local(k, m));
            mv.visitInsn(DASTORE);
        }
        if (!returned) {
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DRETURN);
        }
        Label endLabel = new Label();
        mv.visitLabel(endLabel);
        methodBytes[m] = endLabel.getOffset();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Places a jump target with its stack map frame: the four array parameters and every double
     * local given out so far. Locals first written inside an if block are never read after it (the
     * generator initialises adjoints before the test), so this frame holds on both paths, and the
     * frames need not be computed by data flow.
     */
    private void label(MethodVisitor mv, Label l) {
        mv.visitLabel(l);
        int doubles = (nextLocal - FIRST_LOCAL) / 2;
        if (frame.length < FIRST_LOCAL + doubles) {
            frame = Arrays.copyOf(frame, Math.max(FIRST_LOCAL + doubles, 2 * frame.length));
        }
        for (int i = 0; i < FIRST_LOCAL; i++) {
            frame[i] = "[D";
        }
        Arrays.fill(frame, FIRST_LOCAL, FIRST_LOCAL + doubles, DOUBLE);
        mv.visitFrame(F_NEW, FIRST_LOCAL + doubles, frame, 0, new Object[0]);
    }

    private Object[] frame = new Object[64];

    /** Pushes key {@code k} or, if it is -1, the constant {@code d}. */
    private void value(MethodVisitor mv, int k, double d, int m) {
        if (k >= 0) {
            mv.visitVarInsn(DLOAD, local(k, m));
        } else {
            constant(mv, d);
        }
    }

    /** Pushes element {@code i} of the array parameter {@code array}. */
    private static void element(MethodVisitor mv, int array, int i) {
        mv.visitVarInsn(ALOAD, array);
        push(mv, i);
        mv.visitInsn(DALOAD);
    }

    private static void constant(MethodVisitor mv, double c) {
        if (Double.doubleToRawLongBits(c) == 0L) {
            mv.visitInsn(DCONST_0);
        } else if (c == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(c);
        }
    }

    private static void push(MethodVisitor mv, int n) {
        if (n >= -1 && n <= 5) {
            mv.visitInsn(ICONST_0 + n);
        } else if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, n);
        } else if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, n);
        } else {
            mv.visitLdcInsn(n);
        }
    }
}
