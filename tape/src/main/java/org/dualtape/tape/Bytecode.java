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
 * form of chunk ({@link Forms}; {@code f0}, {@code f1}, ...: {@code (x, s, o, w, bases...) -> double},
 * locals for the keys, indices relative to the bases), called chunk by chunk in order, each with
 * its own bases, by {@link CompiledCode#run} through a tree of calling methods. The class is defined with
 * {@link MethodHandles.Lookup#defineHiddenClass} and not strongly linked to its loader, so it is
 * unloaded when its {@link Replay} is no longer reachable.
 */
final class Bytecode implements Opcodes {
    private static final String SELF = "org/dualtape/tape/Generated";
    private static final String BASE = "org/dualtape/tape/CompiledCode";
    private static final String ELEMENTARY = org.dualtape.dual.Elementary.class.getName().replace('.', '/');
    private static final String RUN = "([D[D[D[D)D";
    private static final String CHUNK = "([D[D[D[D[D)D";
    private static final String FORM = "([D[D[D[D[D" + "I".repeat(Forms.BASES) + ")D";
    /** Array parameters of the tree and form methods: {@code x, s, o, w} and the constants. */
    private static final int ARRAYS = 5;
    /** Chunk calls per method of the call tree above the chunks (about 30 bytes each). */
    private static final int FAN_OUT = 200;
    /** The array parameters and the bases take the first locals of a form's method. */
    private static final int FIRST_LOCAL = ARRAYS + Forms.BASES;

    private final Code code;
    private final Layout layout;
    private final Forms forms;
    private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    /** Bytecode bytes of each form's method. */
    final int[] methodBytes;
    private final int[] local;
    private final int[] localStamp;

    Bytecode(Code code, Layout layout) {
        this.code = code;
        this.layout = layout;
        this.forms = new Forms(code, layout);
        this.methodBytes = new int[forms.count];
        this.local = new int[code.keys];
        this.localStamp = new int[code.keys];
        Arrays.fill(localStamp, -1);
    }

    /** Generates, defines and instantiates the class. */
    CompiledCode define() {
        byte[] bytes = bytes();
        try {
            MethodHandles.Lookup h = MethodHandles.lookup().defineHiddenClass(bytes, true);
            CompiledCode c = (CompiledCode) h.findConstructor(h.lookupClass(), MethodType.methodType(void.class)).invoke();
            c.constants = forms.constants;
            return c;
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
        for (int f = 0; f < forms.count; f++) {
            form(f);
        }
        String top = tree(0, layout.methods);
        MethodVisitor run = cw.visitMethod(0, "run", RUN, null, null);
        run.visitCode();
        for (int p = 1; p <= 4; p++) {
            run.visitVarInsn(ALOAD, p);
        }
        run.visitVarInsn(ALOAD, 0);
        run.visitFieldInsn(GETFIELD, BASE, "constants", "[D");
        run.visitMethodInsn(INVOKESTATIC, SELF, top, CHUNK, false);
        run.visitInsn(DRETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The method that calls chunks {@code [from, to)} in order and returns the last one's result. */
    private String tree(int from, int to) {
        int step = 1;
        while ((long) step * FAN_OUT < to - from) {
            step *= FAN_OUT;
        }
        String[] parts = new String[(to - from + step - 1) / step];
        for (int p = 0; p < parts.length && step > 1; p++) {
            parts[p] = tree(from + p * step, Math.min(to, from + (p + 1) * step));
        }
        String name = "g" + from + "_" + to;
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, CHUNK, null, null);
        mv.visitCode();
        for (int p = 0; p < parts.length; p++) {
            for (int v = 0; v < ARRAYS; v++) {
                mv.visitVarInsn(ALOAD, v);
            }
            if (step > 1) {
                mv.visitMethodInsn(INVOKESTATIC, SELF, parts[p], CHUNK, false);
            } else {
                int m = from + p;
                for (int b : forms.base[m]) {
                    push(mv, b);
                }
                mv.visitMethodInsn(INVOKESTATIC, SELF, "f" + forms.formOf[m], FORM, false);
            }
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

    /** The method of form {@code f}, written from its template chunk with indices relative to its bases. */
    private void form(int f) {
        int m = forms.template[f];
        bases = forms.base[m];
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "f" + f, FORM, null, null);
        mv.visitCode();
        nextLocal = FIRST_LOCAL;
        for (int k : layout.loads[m]) {
            workspaceIndex(mv, k);
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(DSTORE, local(k, m));
        }
        ArrayDeque<Label> open = new ArrayDeque<>();
        boolean returned = false;
        int end = Forms.end(layout, m);
        for (int i = layout.begin[m]; i < end; i++) {
            int a = code.a[i];
            switch (code.op[i]) {
                case Code.LOAD -> mv.visitVarInsn(DLOAD, local(a, m));
                case Code.STORE -> mv.visitVarInsn(DSTORE, local(a, m));
                case Code.CONST -> constantAt(mv, i);
                case Code.INPUT -> {
                    relative(mv, 0, 0, a);
                    mv.visitInsn(DALOAD);
                }
                case Code.SEED -> {
                    relative(mv, 1, 1, a);
                    mv.visitInsn(DALOAD);
                }
                case Code.OUT -> {
                    relative(mv, 2, 2, a);
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
                    constantAt(mv, i);
                    mv.visitMethodInsn(INVOKESTATIC, "org/dualtape/tape/Rules", "same", "(DD)Z", false);
                    mv.visitJumpInsn(IFNE, same);
                    mv.visitVarInsn(ILOAD, ARRAYS + 3);
                    push(mv, a - bases[3]);
                    mv.visitInsn(IADD);
                    constantAt(mv, i);
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
            workspaceIndex(mv, k);
            mv.visitVarInsn(DLOAD, local(k, m));
            mv.visitInsn(DASTORE);
        }
        if (!returned) {
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DRETURN);
        }
        Label endLabel = new Label();
        mv.visitLabel(endLabel);
        methodBytes[f] = endLabel.getOffset();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The bases of the form being written (its template chunk's). */
    private int[] bases;

    /** Pushes array parameter {@code array} and the index {@code base j + (i - template's base j)}. */
    private void relative(MethodVisitor mv, int array, int j, int i) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, ARRAYS + j);
        int rel = i - bases[j];
        if (rel != 0) {
            push(mv, rel);
            mv.visitInsn(IADD);
        }
    }

    /** Pushes {@code w} and key {@code k}'s index in it: relative to its region's base, or absolute. */
    private void workspaceIndex(MethodVisitor mv, int k) {
        int r = layout.region[k];
        if (r < Layout.OTHER) {
            int rel = layout.index[k] - bases[4 + r];
            mv.visitVarInsn(ALOAD, 3);
            mv.visitVarInsn(ILOAD, ARRAYS + 4 + r);
            push(mv, layout.regionStart[r] + rel);
            mv.visitInsn(IADD);
        } else {
            mv.visitVarInsn(ALOAD, 3);
            push(mv, layout.slot[k]);
        }
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
            frame[i] = i < ARRAYS ? "[D" : INTEGER;
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

    /** Pushes instruction {@code i}'s constant: from the constants array, or an immediate 0 or 1. */
    private void constantAt(MethodVisitor mv, int i) {
        int j = forms.constant[i];
        if (j < 0) {
            constant(mv, code.d[i]);
            return;
        }
        relative(mv, 4, Forms.CONSTANTS, j);
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
