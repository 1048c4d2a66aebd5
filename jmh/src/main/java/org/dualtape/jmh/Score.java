package org.dualtape.jmh;

import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's result, reduced to what the report needs.
 *
 * @param benchmark the class's simple name, for example {@code RosenbrockGradientBenchmark}
 * @param method the benchmark method, for example {@code reverse}
 * @param params the {@code @Param} values, in name order, for example {@code n=100}
 * @param score the mean time per operation
 * @param error the 99.9% confidence half-width of {@code score}
 * @param unit the time unit of {@code score}, for example {@code ns/op}
 * @param bytesPerOp bytes allocated per operation ({@code gc.alloc.rate.norm}), NaN if unknown
 */
public record Score(String benchmark, String method, String params, double score, double error,
        String unit, double bytesPerOp) {

    /**
     * Reduces a JMH run result.
     *
     * @param r the result
     * @return the score
     */
    static Score of(RunResult r) {
        String label = r.getParams().getBenchmark();
        int dot = label.lastIndexOf('.');
        String method = label.substring(dot + 1);
        String fqcn = label.substring(0, dot);
        String benchmark = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        Map<String, String> params = new TreeMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            params.put(key, r.getParams().getParam(key));
        }
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.length() == 0 ? "" : ",").append(k).append('=').append(v));
        Result<?> primary = r.getPrimaryResult();
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Score(benchmark, method, p.toString(), primary.getScore(), primary.getScoreError(),
                primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore());
    }

    /**
     * The score in nanoseconds per operation, whatever unit JMH reported.
     *
     * @return nanoseconds per operation
     */
    public double nanos() {
        String u = unit.replace("/op", "");
        switch (u) {
            case "ns": return score;
            case "us": return score * 1e3;
            case "ms": return score * 1e6;
            case "s": return score * 1e9;
            default: throw new IllegalStateException("unexpected unit " + unit);
        }
    }
}
