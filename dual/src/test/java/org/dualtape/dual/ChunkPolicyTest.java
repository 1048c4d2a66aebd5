package org.dualtape.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The chunk policy's documented rule, checked by counting passes by hand. */
class ChunkPolicyTest {

    @Test
    void smallInputsTakeOnePass() {
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
    void theLargestSizesFollowTheRuleWithoutOverflow() {
        // ⌈n / 256⌉ computed as n + 255 over 256 overflowed: chunkSize(Integer.MAX_VALUE) was -255
        for (int n : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 255,
                1 << 30, (1 << 30) + 1, 2_000_000_001}) {
            int k = ChunkPolicy.chunkSize(n);
            long passes = ((long) n + k - 1) / k;
            long fewest = ((long) n + ChunkPolicy.WIDEST_CHUNK - 1) / ChunkPolicy.WIDEST_CHUNK;
            assertTrue(k >= 1 && k <= ChunkPolicy.WIDEST_CHUNK, "n = " + n + ": k = " + k);
            assertEquals(fewest, passes, "n = " + n + ": the fewest passes");
            assertTrue(passes * k - n < passes, "n = " + n + ": less than one wasted column per pass");
        }
        assertEquals(ChunkPolicy.WIDEST_CHUNK, ChunkPolicy.chunkSize(Integer.MAX_VALUE - 127)); // 8388608 passes of 256, the last 128 short
    }

    @Test
    void sizesBelowOneAreRejectedNamingTheSize() {
        for (int n : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChunkPolicy.chunkSize(n));
            assertTrue(e.getMessage().contains(Integer.toString(n)) && e.getMessage().contains("at least 1"), e.getMessage());
        }
    }

    @Test
    void passesAreNeverWiderThanTheWidestChunk() {
        assertEquals(5, ChunkPolicy.passWidth(5, 100));
        assertEquals(3, ChunkPolicy.passWidth(5, 3));
        assertEquals(1, ChunkPolicy.passWidth(5, 0));
        assertEquals(ChunkPolicy.WIDEST_CHUNK, ChunkPolicy.passWidth(6000, 6000));
        assertEquals(ChunkPolicy.WIDEST_CHUNK, ChunkPolicy.passWidth(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ChunkPolicy.passWidth(0, 5));
        assertThrows(IllegalArgumentException.class, () -> ChunkPolicy.passWidth(1, -1));
        assertEquals(ChunkPolicy.passes(Integer.MAX_VALUE, 256), (int) (((long) Integer.MAX_VALUE + 255) / 256));
    }
}
