package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The chunk policy's documented rule, checked by counting passes by hand. */
class ChunkPolicyTest {

    @Test
    void smallInputsTakeOnePass() {
        assertEquals(1, ChunkPolicy.chunkSize(0));
        assertEquals(1, ChunkPolicy.chunkSize(1));
        assertEquals(7, ChunkPolicy.chunkSize(7));
        assertEquals(ChunkPolicy.MAX_CHUNK, ChunkPolicy.chunkSize(ChunkPolicy.MAX_CHUNK));
    }

    @Test
    void largerInputsTakeTheFewestPassesOfEvenWidth() {
        int max = ChunkPolicy.MAX_CHUNK;
        // one more than the largest chunk: two passes of about half
        assertEquals((max + 2) / 2, ChunkPolicy.chunkSize(max + 1));
        // exactly two and three full chunks
        assertEquals(max, ChunkPolicy.chunkSize(2 * max));
        assertEquals(max, ChunkPolicy.chunkSize(3 * max));
        for (int n = 1; n <= 500; n++) {
            int k = ChunkPolicy.chunkSize(n);
            int passes = (n + k - 1) / k;
            int fewest = (n + max - 1) / max;
            assertTrue(k >= 1 && k <= max, "n = " + n);
            assertEquals(fewest, passes, "n = " + n + ": the fewest passes");
            assertTrue((passes - 1) * k < n && n <= passes * k, "n = " + n + ": no empty pass");
            assertTrue(passes * k - n < passes, "n = " + n + ": less than one wasted column per pass");
        }
    }

    @Test
    void manyInputsTakeAboutSquareRootOfNPassesOfWidthAboutSquareRootOfN() {
        assertEquals(ChunkPolicy.MAX_CHUNK, ChunkPolicy.chunkSize(576)); // 24² inputs: 24 passes of 24
        assertEquals(25, ChunkPolicy.chunkSize(577)); // widest ⌈√577⌉ = 25: 24 passes of 25 (24.04 rounded up)
        assertEquals(32, ChunkPolicy.chunkSize(1000)); // widest 32: 32 passes, 1000 / 32 = 31.25 rounded up
        assertEquals(100, ChunkPolicy.chunkSize(10_000)); // 100 passes of 100
        assertEquals(ChunkPolicy.WIDEST_CHUNK, ChunkPolicy.chunkSize(65_536)); // √65536 = 256
        assertEquals(ChunkPolicy.WIDEST_CHUNK, ChunkPolicy.chunkSize(1 << 20)); // capped: 4096 passes of 256
        for (int n = 577; n <= 70_000; n += 97) {
            int k = ChunkPolicy.chunkSize(n);
            int widest = (int) Math.min(ChunkPolicy.WIDEST_CHUNK, Math.ceil(Math.sqrt(n)));
            int passes = (n + k - 1) / k;
            assertTrue(k <= widest, "n = " + n);
            assertEquals((n + widest - 1) / widest, passes, "n = " + n + ": the fewest passes");
            assertTrue(passes * k - n < passes, "n = " + n + ": less than one wasted column per pass");
        }
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ChunkPolicy.chunkSize(-1));
    }
}
