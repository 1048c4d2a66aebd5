package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.Field;
import org.junit.jupiter.api.Test;

/**
 * Memory at the edges: a wide user chunk seeds at most {@link ChunkPolicy#WIDEST_CHUNK} inputs per
 * pass, the per-width fields stay bounded whatever widths are used, and
 * {@link Forward#releaseCaches()} lets them go.
 */
class ForwardMemoryTest {

    /** The case: one chunk of 6000 would seed 6000 unit vectors of 6000 tangents (288 MB). */
    private static final int WIDE = 6000;
    /** Seeds of 256 × 256 tangents are 512 KB; the rest of the call (constants, tags) is smaller. */
    private static final long SEED_BYTES_BOUND = 16L << 20;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aWideUserChunkSeedsInPassesOfBoundedWidth() {
        double[] x = new double[WIDE];
        for (int i = 0; i < WIDE; i++) {
            x[i] = i * 1e-3;
        }
        int[] widest = {0};
        // f reads one input and does nothing: what the call allocates is its seeding
        double[] gradient = Forward.gradient(v -> {
            widest[0] = Math.max(widest[0], v[0].width());
            return v[WIDE - 1];
        }, x, WIDE);
        long before = allocatedBytes();
        Forward.gradient(v -> v[WIDE - 1], x, WIDE);
        long seeding = allocatedBytes() - before;
        assertEquals(ChunkPolicy.WIDEST_CHUNK, widest[0], "pass width");
        assertTrue(seeding < SEED_BYTES_BOUND, "one call allocated " + seeding + " bytes");
        double[] expected = new double[WIDE];
        expected[WIDE - 1] = 1;
        assertArrayEquals(expected, gradient, 0.0);
        // and a function of every input, against its gradient by hand
        double[] squares = Forward.gradient(v -> {
            MultiDual sum = v[0].getField().getZero();
            for (MultiDual vi : v) {
                sum = sum.add(vi.multiply(vi));
            }
            return sum;
        }, x, WIDE);
        for (int i = 0; i < WIDE; i++) {
            assertEquals(2 * x[i], squares[i], 0.0, "∂" + i);
        }
    }

    @Test
    void aWideJacobianChunkIsBoundedToo() {
        int n = ChunkPolicy.WIDEST_CHUNK + 44;
        double[] x = new double[n];
        int[] widest = {0};
        double[][] jacobian = Forward.jacobian(v -> {
            widest[0] = Math.max(widest[0], v[0].width());
            return new MultiDual[] {v[0].multiply(3), v[n - 1]};
        }, x, n);
        assertEquals(ChunkPolicy.WIDEST_CHUNK, widest[0]);
        double[] first = new double[n];
        first[0] = 3;
        double[] last = new double[n];
        last[n - 1] = 1;
        assertArrayEquals(first, jacobian[0], 0.0);
        assertArrayEquals(last, jacobian[1], 0.0);
    }

    /** Runs the collector until {@code done} holds or a few rounds have passed. */
    private static boolean collectUntil(java.util.function.BooleanSupplier done) {
        for (int round = 0; round < 10 && !done.getAsBoolean(); round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return done.getAsBoolean();
    }

    @Test
    void fieldsOfManyWidthsAreNotAllKept() {
        // widths 1 … 4000 kept 125 MB of zero arrays for the life of the JVM
        List<WeakReference<Field<MultiDual>>> wide = new ArrayList<>();
        for (int width = ChunkPolicy.WIDEST_CHUNK + 1; width <= 4000; width++) {
            wide.add(new WeakReference<>(MultiDual.constant(1, width).getField()));
        }
        collectUntil(() -> wide.stream().filter(r -> r.get() != null).count() <= MultiDualField.WIDE_SLOTS);
        long kept = wide.stream().filter(r -> r.get() != null).count();
        assertTrue(kept <= MultiDualField.WIDE_SLOTS, kept + " wide fields kept");
    }

    @Test
    void releaseLetsTheFieldsGoAndNumbersKeepWorking() {
        MultiDual old = MultiDual.constant(2, 100);
        WeakReference<Field<MultiDual>> field = new WeakReference<>(MultiDual.constant(1, 50).getField());
        Field<MultiDual> before = old.getField();
        Forward.releaseCaches();
        Field<MultiDual> after = MultiDual.constant(3, 100).getField();
        assertNotSame(before, after);
        assertEquals(before, after, "fields of one width are equal");
        assertEquals(before.hashCode(), after.hashCode());
        MultiDual sum = old.add(MultiDual.variable(1, 4, 100)).multiply(after.getOne());
        assertEquals(3, sum.value(), 0.0);
        assertEquals(1, sum.tangent(4), 0.0);
        assertEquals(0, sum.tangent(5), 0.0);
        assertTrue(collectUntil(() -> field.get() == null), "a released field is collected");
        assertNull(field.get());
        assertArrayEquals(new double[] {2, 0}, Forward.gradient(v -> v[0].multiply(v[0]), new double[] {1, 3}), 0.0);
    }
}
