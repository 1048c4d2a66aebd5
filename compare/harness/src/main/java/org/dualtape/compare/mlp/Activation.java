package org.dualtape.compare.mlp;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.Elementary;

/**
 * The activation function of an MLP's hidden layers, in plain {@code double} code and once
 * generically for any {@link RealFieldElement}, with bitwise the same values.
 *
 * <h2>Values</h2>
 * The {@code double} form is {@link Elementary#f(double)} of {@link #elementary()}. The generic
 * form uses the number type's own method where it has one: {@code tanh()} always, and
 * {@code sigmoid()}, {@code relu()} of the project's {@code Dual}, {@code MultiDual} and
 * {@code Var}, which apply the same rule-table entry (one tape entry; relu's branch recorded for
 * replay). Other types (Commons Math's, {@code Dfp}, complex step) get a composition of field
 * operations written as the rule table computes in {@code double}: for {@link #SIGMOID} the two
 * branches of {@link Elementary#sigmoid(double)} ({@code 1 / (1 + exp(-x))} for {@code x >= 0},
 * {@code e / (1 + e)} with {@code e = exp(x)} otherwise, the branch chosen on
 * {@link RealFieldElement#getReal()}); for {@link #RELU} {@code x} itself when
 * {@code getReal() > 0} or NaN, the field's zero otherwise. So every number type whose value
 * part computes exactly as {@code java.lang.Math} does gives bitwise the {@code double} values.
 *
 * <h2>Conventions</h2>
 * {@code relu'(0) = 0}, as in {@link Elementary#RELU}; the composed relu of a number whose real
 * part is NaN returns that number (value NaN, as {@code Math.max(0.0, NaN)}).
 */
public enum Activation {
    /** The hyperbolic tangent. */
    TANH(Elementary.TANH),
    /** The logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID(Elementary.SIGMOID),
    /** The rectified linear unit {@code max(0, x)}, with {@code relu'(0) = 0}. */
    RELU(Elementary.RELU);

    private final Elementary rule;

    Activation(Elementary rule) {
        this.rule = rule;
    }

    /**
     * The rule-table entry this activation applies.
     *
     * @return the {@link Elementary} constant giving its value and derivative
     */
    public Elementary elementary() {
        return rule;
    }

    /**
     * The activation's value in plain {@code double} code.
     *
     * @param x the pre-activation
     * @return {@code f(x)}, exactly {@code elementary().f(x)}
     */
    public double apply(double x) {
        return rule.f(x);
    }

    /**
     * The activation's derivative, given its value.
     *
     * @param x the pre-activation
     * @param y the value {@code f(x)}
     * @return {@code f'(x)}, exactly {@code elementary().df(x, y)}
     */
    public double derivative(double x, double y) {
        return rule.df(x, y);
    }

    /**
     * The activation evaluated generically, with bitwise the value of {@link #apply(double)} on
     * number types whose value part computes as {@code java.lang.Math} does.
     *
     * @param x the pre-activation
     * @param <T> the number type
     * @return {@code f(x)}
     */
    public <T extends RealFieldElement<T>> T apply(T x) {
        switch (this) {
            case TANH:
                return x.tanh();
            case SIGMOID:
                return sigmoid(x);
            case RELU:
                return relu(x);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * The logistic function: the number type's own {@code sigmoid()} (Dual, MultiDual, Var), else
     * field operations exactly as {@link Elementary#sigmoid(double)} computes it.
     *
     * @param x the argument
     * @param <T> the number type
     * @return {@code σ(x)}
     */
    public static <T extends RealFieldElement<T>> T sigmoid(T x) {
        T own = NativeActivations.sigmoid(x);
        if (own != null) {
            return own;
        }
        if (x.getReal() >= 0) {
            return x.negate().exp().add(1.0).reciprocal();
        }
        T e = x.exp();
        return e.divide(e.add(1.0));
    }

    /**
     * {@code log(1 + e^x)}: the number type's own {@code softplus()} (Dual, MultiDual, Var), else
     * field operations exactly as {@link Elementary#softplus(double)} computes it.
     *
     * @param x the argument
     * @param <T> the number type
     * @return {@code softplus(x)}
     */
    public static <T extends RealFieldElement<T>> T softplus(T x) {
        T own = NativeActivations.softplus(x);
        if (own != null) {
            return own;
        }
        if (x.getReal() > 0) {
            return x.add(x.negate().exp().log1p());
        }
        return x.exp().log1p();
    }

    /**
     * The rectified linear unit: the number type's own {@code relu()} (Dual, MultiDual, Var; the
     * tape records the branch), else {@code x} when its real part is positive or NaN and the
     * field's zero (value {@code +0.0}, derivative 0) otherwise, matching {@code Math.max(0.0, x)}.
     *
     * @param x the argument
     * @param <T> the number type
     * @return {@code relu(x)}
     */
    public static <T extends RealFieldElement<T>> T relu(T x) {
        T own = NativeActivations.relu(x);
        if (own != null) {
            return own;
        }
        double v = x.getReal();
        if (v > 0 || Double.isNaN(v)) {
            return x;
        }
        return x.getField().getZero();
    }
}
