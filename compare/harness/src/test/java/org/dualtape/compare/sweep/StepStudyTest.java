package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The step study on the Rosenbrock test family (5 parameters at width 4). */
class StepStudyTest {

    private static Map<String, Map<Double, Double>> byMethod(List<StepPoint> points) {
        return points.stream().collect(Collectors.groupingBy(StepPoint::method,
                Collectors.toMap(StepPoint::step, StepPoint::maxRelError)));
    }

    @Test
    void everyMethodHasEveryStepAndTheTextbookShape() {
        StringWriter progress = new StringWriter();
        List<StepPoint> points = StepStudy.run(new RosenbrockFamily(), new PrintWriter(progress, true));
        double[] steps = StepStudy.steps();
        assertEquals(16, steps.length);
        assertEquals(1e-1, steps[0]);
        assertEquals(1e-16, steps[15]);
        assertEquals((StepStudy.METHODS.size() + 1) * steps.length, points.size(), progress.toString());

        Map<String, Map<Double, Double>> error = byMethod(points);
        // Truncation: large steps are inaccurate; rounding: tiny steps are too.
        Map<Double, Double> forward = error.get("forward-difference");
        assertTrue(forward.get(1e-8) < 1e-6, "forward at its best step: " + forward);
        assertTrue(forward.get(1e-1) > 1e-3 && forward.get(1e-14) > 1e-4, "forward: " + forward);
        Map<Double, Double> central = error.get("central-difference");
        assertTrue(central.get(1e-5) < 1e-8 && central.get(1e-5) < forward.get(1e-5), "central: " + central);
        // The complex step takes no difference: tiny steps are as good as any.
        assertTrue(error.get("complex-step").get(1e-16) < 1e-14, error.get("complex-step").toString());
        // The AD line is flat and at rounding level.
        Map<Double, Double> ad = error.get(StepStudy.AD.label());
        assertEquals(1, ad.values().stream().distinct().count());
        assertTrue(ad.get(1e-1) < 1e-14, ad.toString());
    }
}
