package org.dualtape.compare.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Where two methods' costs cross as the parameter count grows: between two adjacent sizes one
 * method is cheaper at the first and dearer at the second.
 *
 * <p>The crossing point is interpolated linearly on log-log axes between the two sizes.
 *
 * @param parameters the interpolated parameter count at which the costs are equal
 * @param cheaperBelow the method cheaper below that count
 * @param cheaperAbove the method cheaper above it
 */
record Crossover(double parameters, String cheaperBelow, String cheaperAbove) {

    /**
     * Finds every crossing of two cost curves measured at the same sizes.
     *
     * @param nameA the first method
     * @param nameB the second method
     * @param parameters the sizes, increasing; not modified
     * @param costA the first method's costs (NaN where unknown: skipped); not modified
     * @param costB the second method's costs, same length; not modified
     * @return the crossings in order of size, empty if there are none
     * @throws IllegalArgumentException if the lengths differ
     */
    public static List<Crossover> find(String nameA, String nameB, double[] parameters,
            double[] costA, double[] costB) {
        if (parameters.length != costA.length || parameters.length != costB.length) {
            throw new IllegalArgumentException("need equal lengths, got " + parameters.length
                    + ", " + costA.length + " and " + costB.length);
        }
        List<Crossover> crossings = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < parameters.length; i++) {
            if (!(costA[i] > 0 && costB[i] > 0)) {
                continue;
            }
            if (previous >= 0) {
                double d0 = Math.log(costA[previous] / costB[previous]);
                double d1 = Math.log(costA[i] / costB[i]);
                if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) {
                    double l0 = Math.log(parameters[previous]);
                    double l1 = Math.log(parameters[i]);
                    double at = Math.exp(l0 + (l1 - l0) * d0 / (d0 - d1));
                    crossings.add(d0 < 0 ? new Crossover(at, nameA, nameB)
                            : new Crossover(at, nameB, nameA));
                }
            }
            previous = i;
        }
        return crossings;
    }
}
