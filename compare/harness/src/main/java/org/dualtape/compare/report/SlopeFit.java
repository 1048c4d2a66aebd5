package org.dualtape.compare.report;

/**
 * A least-squares straight line through points on log-log axes: {@code log y = intercept +
 * slope · log x}. The slope of cost against parameters is the exponent of the cost's growth
 * (forward mode ≈ 2 on the standard sweep, reverse mode ≈ 1).
 *
 * @param slope the fitted exponent
 * @param intercept the fitted natural log of y at x = 1
 * @param points how many points the fit used
 * @param rSquared the coefficient of determination on the log scale (1 for a perfect line; NaN
 *     if all y are equal)
 */
record SlopeFit(double slope, double intercept, int points, double rSquared) {

    /**
     * Fits a line to the points with positive finite x and y; the others are skipped.
     *
     * @param x the x values; not modified
     * @param y the y values, same length; not modified
     * @return the fit, or null if fewer than two usable points with distinct x remain
     * @throws IllegalArgumentException if the lengths differ
     */
    public static SlopeFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("need as many x as y values, got " + x.length
                    + " and " + y.length);
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], y[i])) {
                n++;
                sx += Math.log(x[i]);
                sy += Math.log(y[i]);
            }
        }
        if (n < 2) {
            return null;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], y[i])) {
                double dx = Math.log(x[i]) - mx;
                double dy = Math.log(y[i]) - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? Double.NaN : sxy * sxy / (sxx * syy);
        return new SlopeFit(slope, my - slope * mx, n, r2);
    }

    private static boolean usable(double x, double y) {
        return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
    }
}
