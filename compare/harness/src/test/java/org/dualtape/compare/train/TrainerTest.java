package org.dualtape.compare.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.dualtape.compare.mlp.Activation;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Rounding carried through eight SGD steps: far below any real disagreement (central differences are ~1e-10 off). */
    private static final double EXACT_DRIFT = 1e-12;
    /** A budget no test step comes near, so the step cap decides. */
    private static final double NO_BUDGET = 300;

    private static TrainConfig digits(int hidden, int steps, double budget, List<TrainMethod> methods) {
        return new TrainConfig("digits", new int[] {hidden}, Activation.TANH, 16, budget, steps,
                TrainConfig.DEFAULT_RATE, TrainConfig.DEFAULT_DECAY, TrainConfig.DEFAULT_SEED, methods);
    }

    private static TrainResult run(TrainConfig config) {
        return Trainer.run(config, new PrintWriter(new StringWriter()));
    }

    @Test
    void theExactMethodsFollowOneCurveInStepsAndCentralDifferencesDriftFurther() {
        TrainResult r = run(digits(4, 8, NO_BUDGET, List.of(TrainMethod.values())));
        for (MethodRun m : r.runs()) {
            assertEquals(8, m.steps(), m.method().label());
        }
        assertEquals(TrainMethod.REVERSE_VECTOR_TAPE, r.drifts().get(0).reference());
        assertEquals(TrainMethod.values().length - 1, r.drifts().size());
        double worstExact = 0;
        for (Drift d : r.drifts()) {
            assertEquals(8, d.commonStep(), d.method().label());
            if (d.method().exact()) {
                assertTrue(d.lossDrift() < EXACT_DRIFT && d.weightDrift() < EXACT_DRIFT, d.toString());
                worstExact = Math.max(worstExact, d.weightDrift());
            } else {
                assertTrue(d.weightDrift() > 10 * worstExact, d.toString());
            }
        }
        List<TrainPoint> vector = r.points().stream()
                .filter(p -> p.method().equals("reverse-vector-tape")).collect(Collectors.toList());
        assertTrue(vector.get(vector.size() - 1).trainLoss() < vector.get(0).trainLoss(), "the loss went down");
    }

    @Test
    void everyMethodStartsFromTheSameWeights() {
        TrainResult r = run(digits(4, 1, NO_BUDGET, List.of(TrainMethod.REVERSE_VECTOR_TAPE,
                TrainMethod.CENTRAL_DIFFERENCE)));
        List<TrainPoint> starts = r.points().stream().filter(p -> p.step() == 0).collect(Collectors.toList());
        assertEquals(2, starts.size());
        assertEquals(starts.get(0).trainLoss(), starts.get(1).trainLoss(), 0);
        assertEquals(starts.get(0).testAccuracy(), starts.get(1).testAccuracy(), 0);
    }

    @Test
    void theNotesNetworkLearnsTheDigitsToNinetyPercentWithinTwoHundredSteps() {
        TrainConfig config = new TrainConfig("digits", new int[] {72}, Activation.TANH, TrainConfig.DEFAULT_BATCH,
                NO_BUDGET, 200, TrainConfig.DEFAULT_RATE, TrainConfig.DEFAULT_DECAY, TrainConfig.DEFAULT_SEED,
                List.of(TrainMethod.REVERSE_VECTOR_TAPE));
        MethodRun m = run(config).runs().get(0);
        assertTrue(m.stepsTo90() > 0 && m.stepsTo90() <= 200, m.toString());
        assertTrue(m.bestAccuracy() >= MethodRun.TARGET_ACCURACY, m.toString());
    }

    @Test
    void aMethodSlowerThanTheBudgetStopsWithinAPassAndSaysWhatAStepWouldCost() {
        double budget = 0.05;
        MethodRun m = run(new TrainConfig("digits", new int[] {72}, Activation.TANH, 32, budget, Integer.MAX_VALUE,
                1, 1, 1, List.of(TrainMethod.COMPLEX_STEP))).runs().get(0);
        assertEquals(0, m.steps());
        assertTrue(m.estimated());
        assertTrue(m.seconds() < budget + 0.5, "stopped near the budget: " + m);
        assertTrue(m.secondsPerStep() > budget, "a whole step costs more than the budget: " + m);
        assertEquals(-1, m.stepsTo90());
    }

    @Test
    void theTwoDimensionalSetsTrainTheThreeNeuronNetwork() {
        TrainConfig plane = TrainConfig.plane("circle");
        TrainResult r = run(new TrainConfig("circle", plane.hidden(), plane.activation(), plane.batch(), NO_BUDGET,
                20, plane.rate(), plane.decaySteps(), plane.seed(), List.of(TrainMethod.REVERSE_SCALAR_TAPE)));
        assertEquals(13, r.parameters()); // 2·3 + 3 weights and biases into the hidden layer, 3 + 1 out
        assertEquals(20, r.runs().get(0).steps());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.plane("digits"));
    }

    @Test
    void badConfigurationsAreRejectedNamingWhatWasWrong() {
        List<TrainMethod> all = List.of(TrainMethod.values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig("moons", new int[] {3}, Activation.TANH, 1, 1, 1, 1, 1, 1, all));
        assertTrue(e.getMessage().contains("moons") && e.getMessage().contains("digits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig("digits", new int[] {0}, Activation.TANH, 1, 1, 1, 1, 1, 1, all));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig("digits", new int[] {3}, Activation.TANH, 1, Double.NaN, 1, 1, 1, 1, all));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> run(new TrainConfig("digits", new int[] {3}, Activation.TANH, 5000, 1, 1, 1, 1, 1, all)));
        assertTrue(e.getMessage().contains("5000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainMethod.parseList("reverse-mode"));
        assertTrue(e.getMessage().contains("reverse-vector-tape"), e.getMessage());
        assertFalse(TrainMethod.CENTRAL_DIFFERENCE.exact());
    }
}
