package org.dualtape.compare.report;

import org.dualtape.compare.sweep.CellResult;

/** Hand-made sweep rows for the report tests. */
final class Rows {
    private Rows() {
    }

    static CellResult ok(String method, int width, int params, double seconds, double error,
            boolean estimated) {
        return new CellResult(method, width, params, 1, seconds, seconds / 1e-5, 2, error,
                error / 10, 4096, -1, -1, estimated, params, "all", null);
    }

    static CellResult failed(String method, int width, int params, String why) {
        return new CellResult(method, width, params, 1, Double.NaN, Double.NaN, -1, Double.NaN,
                Double.NaN, Double.NaN, -1, -1, false, 0, "all", why);
    }
}
