package org.dualtape.dual;

import org.junit.jupiter.api.Nested;

/**
 * The {@link RealFieldElementContract} for {@link MultiDual} of widths 1, 3 and 13 (13: more than
 * the default largest chunk, and not a power of two).
 */
class MultiDualContractTest {

    /** The contract at one width. */
    abstract static class AtWidth extends RealFieldElementContract<MultiDual> {

        @Override
        MultiDual build(double value, double[] tangents) {
            return MultiDual.of(value, tangents);
        }

        @Override
        double value(MultiDual x) {
            return x.value();
        }

        @Override
        double tangent(MultiDual x, int i) {
            return x.tangent(i);
        }
    }

    @Nested
    class Width1 extends AtWidth {
        @Override
        int width() {
            return 1;
        }
    }

    @Nested
    class Width3 extends AtWidth {
        @Override
        int width() {
            return 3;
        }
    }

    @Nested
    class Width13 extends AtWidth {
        @Override
        int width() {
            return 13;
        }
    }
}
