#!/usr/bin/env python3
"""Golden values for MiaRepro.Privacy (the DP-SGD accountant, issue 40), computed independently with numpy and scipy.

Writes src/MiaRepro.Tests/Privacy/golden/dp_accountant_golden.json. Reference only (Debian's python3-numpy,
python3-scipy, python3-mpmath); never a runtime dependency of MiaRepro. Run: /usr/bin/python3 tools/reference/dp_accountant_reference.py

The mechanism: one step of DP-SGD is the Poisson-subsampled Gaussian mechanism with sampling rate q and noise
multiplier sigma, i.e. the pair (mixture, N0) with mixture = (1 - q) N(0, sigma^2) + q N(1, sigma^2), N0 = N(0, sigma^2).
"remove" is (P, Q) = (mixture, N0), "add" is (P, Q) = (N0, mixture); an accountant must take the worse of the two.

RDP (no binomial series here, unlike the C# code and Mironov et al. 2019 section 3.3): the Renyi divergence of each
direction by direct numerical integration (scipy.integrate.quad over subintervals, float64),
    D_alpha(P || Q) = 1/(alpha - 1) ln E_N0[r^a],  r(x) = mixture(x) / N0(x) = 1 - q + q exp((2x - 1) / (2 sigma^2)),
with a = alpha (remove) or a = 1 - alpha (add); E[r^a] - 1 is integrated directly when it is small (so ln A keeps its
relative precision at small q), else ln A is integrated scaled by its largest term. A few orders are checked again with
mpmath.quad at 40 digits. Composition over steps and Balle et al. 2020 (Theorem 21)'s conversion then give epsilon,
    eps = min_alpha steps * rdp(alpha) - (ln delta + ln alpha) / (alpha - 1) + ln((alpha - 1) / alpha),
over Opacus's orders (1.1 ... 10.9 by 0.1, then 12 ... 63).

PLD (not the C# code's connect-the-dots): the privacy loss L = ln(P(x) / Q(x)), x ~ P, is put on a grid of step h by
CDF differences over the x-intervals between loss values (the loss is monotone in x, inverted in closed form), in
three roundings of each bucket's mass: to the grid point nearest the bucket's centre (an estimate, error O(h^2) per
step), down (optimistic, a lower bracket) and up (pessimistic, an upper bracket); outputs beyond 12 sd go to +inf when
their loss is above the grid, to its lowest bucket when below.
T steps compose by one rfft, a pointwise power T and an irfft on a periodic grid centred on T * (mean loss) and wide
enough that its wrap-around is checked negligible (the same result on a grid twice as wide). Then
    delta(eps) = P_T(L = inf) + sum_l P_T(l) (1 - e^(eps - l))_+    and   eps(delta) by brentq, worse direction.
For q = 1 the composed mechanism is a Gaussian with mu = sqrt(T) / sigma, so the exact eps is also written ("pldExact":
delta(eps) = Phi(-eps/mu + mu/2) - e^eps Phi(-eps/mu - mu/2), Balle & Wang 2018).
"""
import json, math, time, warnings
import numpy as np
import scipy
from scipy import integrate, optimize, special

from golden_writer import write_golden

ORDERS = [1 + x / 10 for x in range(1, 100)] + list(range(12, 64))
PLD_INTERVAL = 5e-5
# quad reports round-off where the integrand is ~1e-16 of its peak (order 63); the mpmath check in main() covers it.
warnings.filterwarnings("ignore", category=integrate.IntegrationWarning)
TAIL_SD = 12.0

# (name, sigma, q, steps, delta): the golden first, then q = 1, a small q, fractional best orders, a large order.
POINTS = [
    ("issue-40-golden", 1.5, 0.04, 2250, 1e-5),
    ("full-batch-gaussian", 4.0, 1.0, 20, 1e-5),
    ("small-q", 1.0, 0.001, 10000, 1e-6),
    ("low-noise-fractional", 0.8, 0.01, 5000, 1e-5),
    ("large-q-fractional", 1.1, 0.1, 500, 1e-5),
    ("high-noise-fractional", 3.0, 0.2, 100, 1e-6),
    ("small-epsilon", 2.0, 0.02, 1000, 1e-5),
]
# Per-order RDP checked one by one: integer and fractional orders, both ends of the list.
RDP_CASES = [(1.5, 0.04), (1.0, 0.001), (0.8, 0.1), (4.0, 0.5), (2.0, 0.9)]
RDP_ORDERS = [1.1, 1.5, 2.0, 2.5, 3.0, 3.9, 5.5, 8.0, 10.9, 12.0, 20.0, 32.0, 63.0]


# ---------------------------------------------------------------- RDP by integration

def log_ratio(x, sigma, q):
    """ln r(x), r = mixture / N0, elementwise, without cancellation at small q and without overflow at large x."""
    x = np.asarray(x, dtype=float)
    u = (2 * x - 1) / (2 * sigma ** 2)
    if q == 1:
        return u
    with np.errstate(over="ignore"):
        small = np.log1p(q * np.expm1(np.minimum(u, 30)))
    return np.where(u < 30, small, np.logaddexp(math.log1p(-q), math.log(q) + u))


def log_moment(a, sigma, q):
    """ln E_{N0}[r^a] by quad: the integrand N0(x) r(x)^a on subintervals of width sigma over its bulk."""
    log_norm = math.log(sigma * math.sqrt(2 * math.pi))
    log_n0 = lambda x: -x * x / (2 * sigma ** 2) - log_norm
    log_f = lambda x: log_n0(x) + a * float(log_ratio(x, sigma, q))
    # Where the integrand (and, for A - 1, N0 itself) lives: out to 60 nats below its peak.
    grid = np.linspace(-60 * sigma - abs(a) - 2, 60 * sigma + abs(a) + 2, 40001)
    ln0 = -grid * grid / (2 * sigma ** 2) - log_norm
    lf = ln0 + a * log_ratio(grid, sigma, q)
    peak = float(lf.max())
    c = peak + log_norm                                              # ln of the integrand's peak relative to N0's
    if c < 5:
        # A - 1 = E[r^a - 1], integrated directly: at small q, A - 1 ~ q^2 and ln A keeps its relative precision.
        keep = grid[(lf > peak - 60) | (ln0 > -log_norm - 60)]
        f = lambda x: math.exp(log_n0(x)) * math.expm1(a * float(log_ratio(x, sigma, q)))
    else:
        # ln A large (orders to 63, small sigma): scaled so the largest term is 1.
        keep = grid[lf > peak - 60]
        f = lambda x: math.exp(log_f(x) - peak)
    lo, hi = keep[0] - sigma, keep[-1] + sigma
    edges = np.linspace(lo, hi, max(2, int((hi - lo) / sigma)) + 1)
    total = sum(integrate.quad(f, l, h, epsabs=0, epsrel=1e-13, limit=200)[0] for l, h in zip(edges[:-1], edges[1:]))
    return math.log1p(total) if c < 5 else peak + math.log(total)


def rdp_integrated(alpha, sigma, q):
    """(remove, add): D_alpha(mixture || N0) and D_alpha(N0 || mixture) of one step."""
    if q == 0:
        return 0.0, 0.0
    remove = log_moment(alpha, sigma, q) / (alpha - 1)
    add = log_moment(1 - alpha, sigma, q) / (alpha - 1)
    return remove, add


def rdp_mpmath(alpha, sigma, q):
    """The remove direction again at 40 digits (mpmath.quad): a check on the float64 integration."""
    import mpmath
    mpmath.mp.dps = 40
    s, qq, a = mpmath.mpf(sigma), mpmath.mpf(q), mpmath.mpf(alpha)
    f = lambda x: mpmath.npdf(x, 0, s) * (1 - qq + qq * mpmath.exp((2 * x - 1) / (2 * s ** 2))) ** a
    centre = mpmath.mpf(alpha) if q > 0.5 else 0
    pts = [-mpmath.inf] + [centre + k * s for k in range(-40, 41, 4)] + [mpmath.inf]
    return float(mpmath.log(mpmath.quad(f, pts)) / (a - 1))


def balle_epsilon(rdp_total, orders, delta):
    """Balle et al. 2020, Theorem 21; the smallest over the orders, and where it is reached."""
    a = np.asarray(orders, dtype=float)
    eps = np.asarray(rdp_total) - (math.log(delta) + np.log(a)) / (a - 1) + np.log((a - 1) / a)
    i = int(np.nanargmin(eps))
    return max(float(eps[i]), 0.0), float(a[i])


# ---------------------------------------------------------------- PLD on a grid

def gauss_interval(lo, hi):
    """Phi(hi) - Phi(lo), elementwise, from the tail on the side where both lie (no cancellation near 1)."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    upper = special.ndtr(-lo) - special.ndtr(-hi)
    lower = special.ndtr(hi) - special.ndtr(lo)
    return np.where(lo > 0, upper, lower)


def x_of_remove_loss(l, sigma, q):
    """The x where ln(mixture / N0) = l (increasing in x); -inf below the loss's floor ln(1 - q)."""
    l = np.asarray(l, dtype=float)
    if q == 1:
        return sigma ** 2 * l + 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.expm1(l) + q
        x = sigma ** 2 * (np.log(np.where(inner > 0, inner, 1.0)) - math.log(q)) + 0.5
    return np.where(inner > 0, x, -np.inf)


def step_masses(sigma, q, h, direction, shift):
    """One step's loss distribution under P on the grid k h: bucket [(k - 1 + shift) h, (k + shift) h) goes to k.
    shift 0.5: nearest grid point (centred buckets); shift 0: rounded up; shift 1: rounded down.
    Returns (lowest k, masses, mass at +inf)."""
    # remove's loss ln r(x) rises with x, add's (-ln r) falls. For q < 1 it is bounded on the left (ln(1 - q) as
    # x -> -inf); the x-range is cut at 12 sd (and for q = 1 at -12 sd): beyond, mass goes to +inf if its loss is
    # above the range, to the lowest bucket if below.
    x_lo = -math.inf if q < 1 else -TAIL_SD * sigma
    x_hi = 1 + TAIL_SD * sigma
    l_min = math.log1p(-q) if q < 1 else float(log_ratio(x_lo, sigma, q))
    l_max = float(log_ratio(x_hi, sigma, q))
    if direction == "add":
        l_min, l_max = -l_max, -l_min
    k_lo = math.floor(l_min / h - shift)
    k_hi = math.ceil(l_max / h - shift)
    edges = (np.arange(k_lo, k_hi + 1) + shift) * h              # bucket j = [edges[j], edges[j + 1])
    if direction == "remove":
        xs = np.clip(x_of_remove_loss(edges, sigma, q), x_lo, x_hi)            # increasing
        p = (1 - q) * gauss_interval(xs[:-1] / sigma, xs[1:] / sigma) + q * gauss_interval((xs[:-1] - 1) / sigma, (xs[1:] - 1) / sigma)
        p[0] += special.ndtr(x_lo / sigma) if q == 1 else 0.0                  # x < x_lo: lowest losses
        inf_mass = (1 - q) * special.ndtr(-x_hi / sigma) + q * special.ndtr(-(x_hi - 1) / sigma)
    else:
        xs = np.clip(x_of_remove_loss(-edges, sigma, q), x_lo, x_hi)           # decreasing as the loss rises
        p = gauss_interval(xs[1:] / sigma, xs[:-1] / sigma)
        p[0] += special.ndtr(-x_hi / sigma)                                      # x > x_hi: lowest losses
        inf_mass = special.ndtr(x_lo / sigma) if q == 1 else 0.0               # x < x_lo: above the range
    return k_lo + 1, np.clip(p, 0, None), float(inf_mass)


def compose(k0, p, inf_mass, steps, width):
    """T-fold composition on a periodic grid of `width` points centred on T * mean."""
    n = len(p)
    mean = float(np.dot(np.arange(n), p) / p.sum())
    centre = int(round(mean))
    # Place the step's distribution with its mean at index 0 (mod width): the composed sum is then centred at 0.
    grid = np.zeros(width)
    idx = (np.arange(n) - centre) % width
    np.add.at(grid, idx, p)
    spec = np.fft.rfft(grid) ** steps
    out = np.fft.irfft(spec, width)
    out = np.roll(out, width // 2)                               # index width/2 is composed offset 0
    k = np.arange(width) - width // 2 + steps * (k0 + centre)
    inf_total = -math.expm1(steps * math.log1p(-inf_mass)) if inf_mass > 0 else 0.0
    return k, np.clip(out, 0, None), inf_total


def delta_for_epsilon(eps, losses, probs, inf_mass):
    m = losses > eps
    return inf_mass + float(np.sum(probs[m] * -np.expm1(eps - losses[m])))


def epsilon_for_delta(delta, losses, probs, inf_mass):
    if inf_mass >= delta:
        return math.inf
    f = lambda e: delta_for_epsilon(e, losses, probs, inf_mass) - delta
    if f(0.0) <= 0:
        return 0.0
    return optimize.brentq(f, 0.0, float(losses.max()) + 1, xtol=1e-12, rtol=1e-12)


def pld_epsilon(sigma, q, steps, delta, h, shift, direction):
    k0, p, inf_mass = step_masses(sigma, q, h, direction, shift)
    var = float(np.dot((np.arange(len(p)) - np.dot(np.arange(len(p)), p)) ** 2, p)) * h * h
    half = 40 * math.sqrt(steps * var) + (len(p) * h) + 5          # +-40 sd of the sum, plus one step's whole range
    width = 1 << int(math.ceil(math.log2(2 * half / h)))
    results = []
    for w in (width, 2 * width):                                   # twice as wide: wrap-around must not matter
        k, probs, inf_total = compose(k0, p, inf_mass, steps, w)
        results.append(epsilon_for_delta(delta, k * h, probs, inf_total))
    assert abs(results[0] - results[1]) < 1e-7, (sigma, q, steps, direction, results)
    return results[0]


def gaussian_exact_epsilon(sigma, steps, delta):
    mu = math.sqrt(steps) / sigma
    d = lambda e: special.ndtr(-e / mu + mu / 2) - math.exp(e) * special.ndtr(-e / mu - mu / 2) - delta
    return optimize.brentq(d, 0.0, 100.0, xtol=1e-13, rtol=1e-13)


# ---------------------------------------------------------------- goldens

def point(name, sigma, q, steps, delta):
    per_order = [rdp_integrated(a, sigma, q) for a in ORDERS]
    rem, add = balle_epsilon([steps * r for r, _ in per_order], ORDERS, delta), balle_epsilon([steps * a for _, a in per_order], ORDERS, delta)
    worse = max(rem, add)
    pld = {}
    for label, shift in (("nearest", 0.5), ("up", 0.0), ("down", 1.0)):
        pld[label] = {d: pld_epsilon(sigma, q, steps, delta, PLD_INTERVAL, shift, d) for d in ("remove", "add")}
    row = {
        "name": name, "sigma": sigma, "q": q, "steps": steps, "delta": delta,
        "rdpEpsilon": worse[0], "rdpOrder": worse[1], "rdpEpsilonAdd": add[0],
        "pldEpsilon": max(pld["nearest"].values()),
        "pldEpsilonRemove": pld["nearest"]["remove"], "pldEpsilonAdd": pld["nearest"]["add"],
        "pldLowerBracket": max(pld["down"].values()), "pldUpperBracket": max(pld["up"].values()),
        "pldExact": gaussian_exact_epsilon(sigma, steps, delta) if q == 1 else None,
    }
    print(json.dumps(row))
    return row


def rdp_case(sigma, q, alpha):
    rem, add = rdp_integrated(alpha, sigma, q)
    return {"sigma": sigma, "q": q, "order": alpha, "rdp": max(rem, add), "rdpRemove": rem, "rdpAdd": add}


def main():
    start = time.time()
    cases = [rdp_case(s, q, a) for s, q in RDP_CASES for a in RDP_ORDERS]
    for c in cases:
        # The remove direction dominates (Mironov et al. 2019, section 3.3): the accountant's per-order value.
        assert c["rdpRemove"] >= c["rdpAdd"] * (1 - 1e-9), c
    for s, q, a in [(1.5, 0.04, 3.9), (1.0, 0.001, 2.5), (0.8, 0.1, 12.0), (2.0, 0.9, 1.1)]:
        ref = rdp_mpmath(a, s, q)
        mine = rdp_integrated(a, s, q)[0]
        assert abs(mine - ref) <= 1e-9 * abs(ref), (s, q, a, mine, ref)
    doc = {
        "generator": "tools/reference/dp_accountant_reference.py",
        "numpy": np.__version__, "scipy": scipy.__version__,
        "orders": ORDERS, "pldInterval": PLD_INTERVAL,
        "rdpPerOrder": cases,
        # ln erfc(x) = ln 2 + ln Phi(-x sqrt 2), for the C# series' far tails (where erfc itself underflows).
        "logErfc": [{"x": x, "value": math.log(2) + float(special.log_ndtr(-x * math.sqrt(2)))}
                    for x in [-3.0, -0.5, 0.0, 0.7, 2.5, 3.999, 4.0, 4.5, 6.0, 10.0, 27.0, 40.0, 150.0]],
        "points": [point(*p) for p in POINTS],
    }
    write_golden("Privacy/golden/dp_accountant_golden.json", doc, by_case=True)
    print(f"took {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
