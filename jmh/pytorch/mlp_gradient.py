#!/usr/bin/env python3
"""The PyTorch peer of MlpGradientBenchmark: the comparison's standard MLP (32 -> h -> h -> 10,
tanh, softmax cross-entropy, batch 32, float64) timed on one thread, gradient and plain forward.

Run with Debian's python3-torch and OpenBLAS (see jmh/RESULTS.md for the exact command):

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 jmh/pytorch/mlp_gradient.py

Prints, per width, the median time of one gradient (forward, backward, gradients of every weight
and bias) and of one forward loss, each the median of --rounds rounds of at least --round-seconds,
and names the BLAS library the process actually mapped.
"""
import argparse
import os
import statistics
import time

import torch
import torch.nn.functional as F

BATCH, INPUTS, CLASSES = 32, 32, 10
CLOCK = time.perf_counter


def blas_libraries():
    """The BLAS/LAPACK shared objects mapped into this process (what torch really calls)."""
    with open("/proc/%d/maps" % os.getpid()) as maps:
        names = {line.split()[-1] for line in maps if "/" in line}
    return sorted(n for n in names if any(k in os.path.basename(n) for k in ("blas", "lapack", "mkl")))


def network(width, generator):
    shapes = [(width, INPUTS), (width, width), (CLASSES, width)]
    params = []
    for out, inp in shapes:
        bound = 1.0 / inp ** 0.5
        w = (torch.rand(out, inp, dtype=torch.float64, generator=generator) * 2 - 1) * bound
        b = (torch.rand(out, dtype=torch.float64, generator=generator) * 2 - 1) * bound
        params += [w.requires_grad_(), b.requires_grad_()]
    return params


def loss(params, x, labels):
    a = x
    for layer in range(3):
        a = F.linear(a, params[2 * layer], params[2 * layer + 1])
        if layer < 2:
            a = torch.tanh(a)
    return F.cross_entropy(a, labels)


def gradient(params, x, labels):
    for p in params:
        p.grad = None
    value = loss(params, x, labels)
    value.backward()
    return value


def forward(params, x, labels):
    with torch.no_grad():
        return loss(params, x, labels)


def median_seconds(step, rounds, round_seconds):
    for _ in range(20):  # warm-up: allocator caches, first-call dispatch
        step()
    times = []
    for _ in range(rounds):
        n, start = 0, CLOCK()
        while True:
            step()
            n += 1
            elapsed = CLOCK() - start
            if elapsed >= round_seconds:
                break
        times.append(elapsed / n)
    return statistics.median(times), min(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--widths", default="16,64,256,1024")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--round-seconds", type=float, default=0.5)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall: perf_counter (as JMH); cpu: this thread's CPU time, steadier on a loaded machine")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.perf_counter if args.clock == "wall" else time.thread_time
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(1)
    x = torch.rand(BATCH, INPUTS, dtype=torch.float64, generator=generator) * 2 - 1
    labels = torch.randint(0, CLASSES, (BATCH,), generator=generator)
    print("torch %s, threads %d, OPENBLAS_NUM_THREADS=%s, clock %s" % (
        torch.__version__, torch.get_num_threads(), os.environ.get("OPENBLAS_NUM_THREADS", "unset"), args.clock))
    print("| h | parameters | gradient µs (median) | range | forward µs (median) | range | gradient ÷ forward |")
    print("|---|---|---:|---|---:|---|---:|")
    for width in (int(w) for w in args.widths.split(",")):
        params = network(width, generator)
        count = sum(p.numel() for p in params)
        g, g_lo, g_hi = median_seconds(lambda: gradient(params, x, labels), args.rounds, args.round_seconds)
        f, f_lo, f_hi = median_seconds(lambda: forward(params, x, labels), args.rounds, args.round_seconds)
        print("| %d | %d | %.1f | %.1f–%.1f | %.1f | %.1f–%.1f | %.2f |" % (
            width, count, g * 1e6, g_lo * 1e6, g_hi * 1e6, f * 1e6, f_lo * 1e6, f_hi * 1e6, g / f))
    print("BLAS mapped: " + (", ".join(blas_libraries()) or "none"))


if __name__ == "__main__":
    main()
