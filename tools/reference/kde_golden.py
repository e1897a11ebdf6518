#!/usr/bin/env python3
"""Golden values for the grey-box KDE attack (Bîndilă et al.'s data-leak MIA) and its loss signals, written to
src/MiaRepro.Tests/Attacks/golden/kde_golden.json. Reference only (Debian's python3-scipy, python3-numpy,
python3-torch, python3-mpmath); never a runtime dependency of MiaRepro. Rerun with /usr/bin/python3 after a
deliberate change and commit the JSON with it.

What comes from where:
  kde          scipy.stats.gaussian_kde (bw_method "scott" and "silverman"): factor, bandwidth (sqrt of the 1x1
               covariance), pdf and logpdf at fixed points, including far-tail points where pdf underflows to 0
  scores       the attack's score known/(known+private) = expit(logpdf_known - logpdf_private) from scipy's logpdf,
               and scipy's plain pdf ratio (nan where both pdfs are 0, which is what the authors' code computes)
  wasserstein  scipy.stats.wasserstein_distance
  kl           KL(P||Q) of the two samples' Scott KDEs on a uniform grid (the estimator MiaRepro documents in
               Metrics/KlDivergence.cs), with scipy's KDEs
  signals      per-example true-class probability, cross-entropy and logit-scaled confidence log(p/(1-p)) for
               float32 logits (extreme rows included): torch float64 (log_softmax / logsumexp) and mpmath at 60 digits
"""
import json
import os

import mpmath
import numpy as np
import scipy
import torch
from scipy.special import expit
from scipy.stats import gaussian_kde, wasserstein_distance

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "MiaRepro.Tests", "Attacks", "golden", "kde_golden.json")
rng = np.random.default_rng(20210607)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def samples():
    return {
        "two-points": np.array([0.0, 1.0]),
        "normal-7": rng.normal(0.0, 1.0, 7),
        "exponential-200": rng.exponential(0.3, 200),   # shaped like cross-entropy losses of members
        "bimodal-100": np.concatenate([rng.normal(-2.0, 0.5, 60), rng.normal(3.0, 1.0, 40)]),
    }


def kde_cases(data):
    cases = []
    for name, x in data.items():
        lo, hi = x.min(), x.max()
        span = hi - lo
        # a grid across the data, plus far-tail points where the linear pdf underflows to exactly 0
        points = np.concatenate([np.linspace(lo - 0.5 * span, hi + 0.5 * span, 21), [hi + 40 * span, lo - 300 * span]])
        case = {"name": name, "data": floats(x), "points": floats(points), "std_ddof1": float(np.std(x, ddof=1))}
        for rule in ("scott", "silverman"):
            k = gaussian_kde(x, bw_method=rule)
            case[rule] = {
                "factor": float(k.factor),
                "bandwidth": float(np.sqrt(k.covariance[0, 0])),
                "pdf": floats(k.pdf(points)),
                "logpdf": floats(k.logpdf(points)),
            }
        cases.append(case)
    return cases


def score_cases():
    known = rng.normal(0.2, 0.3, 50)
    private = rng.normal(1.5, 0.8, 60)
    points = np.array([-3.0, -1.0, 0.0, 0.2, 0.6, 0.9, 1.2, 2.0, 4.0, 40.0, -200.0, 1e4])
    kk, kp = gaussian_kde(known), gaussian_kde(private)
    with np.errstate(invalid="ignore"):
        ratio = kk.pdf(points) / (kk.pdf(points) + kp.pdf(points))
    return [{
        "name": "normal-known-vs-wider-private",
        "known": floats(known),
        "private": floats(private),
        "points": floats(points),
        "known_pdf": floats(kk.pdf(points)),
        "private_pdf": floats(kp.pdf(points)),
        "score": floats(expit(kk.logpdf(points) - kp.logpdf(points))),
        "log_ratio": floats(kk.logpdf(points) - kp.logpdf(points)),
        "pdf_ratio_or_nan": [None if np.isnan(r) else float(r) for r in ratio],
    }]


def wasserstein_cases():
    pairs = {
        "normal-vs-shifted-wider": (rng.normal(0, 1, 30), rng.normal(0.7, 1.5, 45)),
        "exponential-vs-uniform": (rng.exponential(1.0, 100), rng.uniform(0, 3, 17)),
        "ties": (np.array([0.0, 0.0, 1.0, 1.0, 2.0]), np.array([1.0, 1.0, 1.0])),
        "single-points": (np.array([3.0]), np.array([-1.5])),
    }
    return [{"name": n, "u": floats(u), "v": floats(v), "distance": float(wasserstein_distance(u, v))}
            for n, (u, v) in pairs.items()]


def kl_grid(p_data, q_data, grid_points=1024, pad_bandwidths=3.0):
    """KL(P||Q) between Scott KDEs on a uniform grid over both samples padded by pad_bandwidths of the wider KDE;
    the grid densities are normalised to probability masses (so the value does not depend on the grid spacing)."""
    kp, kq = gaussian_kde(p_data), gaussian_kde(q_data)
    pad = pad_bandwidths * max(np.sqrt(kp.covariance[0, 0]), np.sqrt(kq.covariance[0, 0]))
    lo = min(p_data.min(), q_data.min()) - pad
    hi = max(p_data.max(), q_data.max()) + pad
    grid = np.linspace(lo, hi, grid_points)
    lp, lq = kp.logpdf(grid), kq.logpdf(grid)
    lp -= scipy.special.logsumexp(lp)
    lq -= scipy.special.logsumexp(lq)
    return float(np.sum(np.exp(lp) * (lp - lq)))


def kl_cases():
    a, b = rng.normal(0, 1, 80), rng.normal(1, 2, 120)
    c = rng.exponential(0.5, 150)
    return [
        {"name": "normal-vs-wider", "p": floats(a), "q": floats(b), "grid_points": 1024, "kl": kl_grid(a, b)},
        {"name": "wider-vs-normal", "p": floats(b), "q": floats(a), "grid_points": 1024, "kl": kl_grid(b, a)},
        {"name": "exponential-vs-normal-512", "p": floats(c), "q": floats(a), "grid_points": 512, "kl": kl_grid(c, a, 512)},
    ]


def signal_cases():
    regular = rng.normal(0.0, 3.0, (6, 10)).astype(np.float32)
    extreme = np.zeros((6, 10), dtype=np.float32)
    extreme[0, :] = -50; extreme[0, 3] = 50          # p ~ 1: naive 1-p is 0 in float32 and float64
    extreme[1, :] = 50; extreme[1, 7] = -50          # p ~ e^-100: naive log(p) of a float32 softmax is -inf
    extreme[2, :] = 0                                # uniform: p = 1/10
    extreme[3, :] = np.linspace(-50, 50, 10)         # a spread of extremes, true class in the middle
    extreme[4, :] = 88.0; extreme[4, 0] = 89.0       # exp overflows float32 (> 88.72)
    extreme[5, :] = -50; extreme[5, 1] = 50; extreme[5, 2] = 50   # two tied winners: p = 1/2, phi = 0
    logits = np.concatenate([regular, extreme])
    labels = np.concatenate([rng.integers(0, 10, 6), [3, 7, 4, 5, 0, 1]]).astype(np.int64)

    z = torch.from_numpy(logits).double()
    y = torch.from_numpy(labels)
    log_p = torch.log_softmax(z, 1).gather(1, y[:, None])[:, 0]
    others = z.masked_fill(torch.nn.functional.one_hot(y, z.shape[1]).bool(), float("-inf"))
    torch_ref = {
        "probability": floats(log_p.exp()),
        "cross-entropy": floats(torch.nn.functional.cross_entropy(z, y, reduction="none")),
        "logit-scaled": floats(z.gather(1, y[:, None])[:, 0] - torch.logsumexp(others, 1)),
    }

    mpmath.mp.dps = 60
    exact = {"probability": [], "cross-entropy": [], "logit-scaled": []}
    for row, label in zip(logits, labels):
        e = [mpmath.exp(mpmath.mpf(float(v))) for v in row]
        total = mpmath.fsum(e)
        p = e[label] / total
        rest = mpmath.fsum(v for i, v in enumerate(e) if i != label)   # not 1 - p: keeps its digits when p ~ 1
        exact["probability"].append(float(p))
        exact["cross-entropy"].append(float(-mpmath.log(p)))
        exact["logit-scaled"].append(float(mpmath.log(e[label] / rest)))

    return {
        "logits": [floats(r) for r in logits],
        "labels": [int(v) for v in labels],
        "torch_float64": torch_ref,
        "mpmath": exact,
    }


def main():
    golden = {
        "generated_by": "tools/reference/kde_golden.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "torch": torch.__version__, "mpmath": mpmath.__version__},
        "kde": kde_cases(samples()),
        "scores": score_cases(),
        "wasserstein": wasserstein_cases(),
        "kl": kl_cases(),
        "signals": signal_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
