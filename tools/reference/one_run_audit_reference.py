#!/usr/bin/env python3
"""Golden values for MiaRepro.Privacy.OneRunAudit (the one-run privacy audit), computed independently with numpy and scipy.

Writes src/MiaRepro.Tests/Privacy/golden/one_run_audit_golden.json. Reference only (Debian's python3-numpy,
python3-scipy); never a runtime dependency of MiaRepro. Run: /usr/bin/python3 tools/reference/one_run_audit_reference.py

Steinke, Nasr & Jagielski 2023, "Privacy Auditing with One (1) Training Run" (NeurIPS 2023), Appendix D's test:
m canaries, each included independently with probability 1/2; the auditor makes r guesses (abstains on m - r) of
which v are correct. Under (eps, delta)-DP the p-value of >= v correct guesses is at most
    p(eps, delta) = min(1, P[Binomial(r, q) >= v] + 2 m delta max_{i=1..v} P[v - i <= Binomial(r, q) < v] / i),
    q = e^eps / (1 + e^eps)   (the accuracy of eps-DP randomized response).
The eps lower bound at confidence 1 - beta is the eps where p(eps, delta) crosses beta (0 when p(0, delta) >= beta).

Unlike the C# code (regularized incomplete beta, bisection), the tail is scipy.stats.binom.sf, the pmf sums are
numpy cumulative sums of scipy.stats.binom.pmf, and the crossing is found by scipy.optimize.brentq (xtol 1e-13).
p(eps) is checked increasing on a grid of eps for every point written (the bisection in the paper assumes it).
"""
import math
import numpy as np
import scipy
from scipy import optimize, stats

from golden_writer import write_golden

# (name, m, r, v, delta, beta)
POINTS = [
    ("all-correct-r10", 1000, 10, 10, 0.0, 0.05),
    ("all-correct-r100", 1000, 100, 100, 0.0, 0.05),
    ("all-correct-r1000", 1000, 1000, 1000, 0.0, 0.05),
    ("all-correct-r10-delta", 1000, 10, 10, 1e-5, 0.05),
    ("all-correct-r100-delta", 1000, 100, 100, 1e-5, 0.05),
    ("all-correct-r1000-delta", 1000, 1000, 1000, 1e-5, 0.05),
    ("near-chance", 1000, 100, 52, 0.0, 0.05),
    ("near-chance-delta", 1000, 100, 50, 1e-5, 0.05),
    ("ninety-percent", 1000, 100, 90, 0.0, 0.05),
    ("ninety-percent-delta", 1000, 100, 90, 1e-5, 0.05),
    ("ninety-percent-99", 1000, 100, 90, 0.0, 0.01),
    ("abstain-most", 10000, 200, 170, 1e-5, 0.05),
    ("many-guesses", 5000, 2000, 1400, 0.0, 0.05),
    ("many-guesses-delta", 5000, 2000, 1400, 1e-6, 0.05),
    ("large-delta", 1000, 500, 450, 1e-4, 0.05),
    ("confidence-90", 100, 60, 55, 0.0, 0.10),
]


def p_value(m, r, v, eps, delta):
    q = 1.0 / (1.0 + math.exp(-eps))
    tail = stats.binom.sf(v - 1, r, q)                     # P[Bin(r, q) >= v]
    if delta == 0 or v == 0:
        return min(1.0, tail)
    below = stats.binom.pmf(np.arange(v - 1, -1, -1), r, q)  # pmf(v - i), i = 1..v
    alpha = np.max(np.cumsum(below) / np.arange(1, v + 1))
    return min(1.0, tail + alpha * delta * 2 * m)


def eps_lower_bound(m, r, v, delta, beta):
    f = lambda e: p_value(m, r, v, e, delta) - beta
    if f(0.0) >= 0:
        return 0.0
    hi = 1.0
    while f(hi) < 0:
        hi += 1.0
    return optimize.brentq(f, hi - 1.0, hi, xtol=1e-13, rtol=1e-15, maxiter=500)


def check_increasing(m, r, v, delta, hi):
    grid = np.linspace(0, hi + 2, 400)
    ps = [p_value(m, r, v, e, delta) for e in grid]
    assert all(b >= a - 1e-15 for a, b in zip(ps, ps[1:])), "p-value not increasing in eps"


def main():
    points = []
    for name, m, r, v, delta, beta in POINTS:
        eps = eps_lower_bound(m, r, v, delta, beta)
        check_increasing(m, r, v, delta, eps)
        points.append(dict(name=name, m=m, r=r, v=v, delta=delta, beta=beta, epsilon=eps,
                           pValueAtEpsilon=p_value(m, r, v, eps, delta),
                           pValueAtOne=p_value(m, r, v, 1.0, delta)))
        print(f"{name:26s} m={m:5d} r={r:4d} v={v:4d} delta={delta:g} beta={beta}: eps_lo = {eps:.10f}")
    # Hand check: r = v, delta = 0 solves q^r = beta.
    for p in points:
        if p["v"] == p["r"] and p["delta"] == 0:
            q = p["beta"] ** (1 / p["r"])
            assert abs(p["epsilon"] - math.log(q / (1 - q))) < 1e-9
    write_golden("Privacy/golden/one_run_audit_golden.json", dict(
        generator="tools/reference/one_run_audit_reference.py", numpy=np.__version__, scipy=scipy.__version__, points=points))


if __name__ == "__main__":
    main()
