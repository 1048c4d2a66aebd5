package org.dualtape.dual;

/** The {@link RealFieldElementContract} for {@link Dual}: one tangent. */
class DualContractTest extends RealFieldElementContract<Dual> {

    @Override
    int width() {
        return 1;
    }

    @Override
    Dual build(double value, double[] tangents) {
        return Dual.of(value, tangents[0]);
    }

    @Override
    double value(Dual x) {
        return x.value();
    }

    @Override
    double tangent(Dual x, int i) {
        return x.tangent();
    }
}
