#!/usr/bin/env python3
"""Golden values for the label-free and entropy signals (MiaRepro.Signals: PredictionEntropy, ModifiedEntropy,
MaxConfidence), written to src/MiaRepro.Tests/Signals/golden/signals_golden.json. Reference only (Debian's
python3-numpy, python3-scipy, python3-mpmath); never a runtime dependency of MiaRepro. Rerun with /usr/bin/python3
after a deliberate change and commit the JSON with it.

Two independent computations per signal, both from the definitions, on float32 logits (rows of +-50 and +-1000
included, where a naive float64 softmax rounds p to exactly 0 or 1):
  mpmath  1200 significant digits (1 - p must survive p = 1 - 1e-869), p = exp(z) / sum(exp(z)) and the formulas as printed:
            entropy           H = -sum_i p_i log p_i
            modified entropy  Mentr = -(1 - p_y) log p_y - sum_{i != y} p_i log(1 - p_i)   (Song & Mittal 2021, eq. 2)
            max confidence    max_i p_i
  numpy   float64 in log space (scipy.special.logsumexp): log p = z - lse(z); log(1 - p_i) = lse_{j != i}(z) - lse(z)
          for every class, so neither p -> 1 nor p -> 0 forms log(0)
"""
import json
import os

import mpmath
import numpy as np
import scipy
from scipy.special import logsumexp

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "MiaRepro.Tests", "Signals", "golden", "signals_golden.json")
mpmath.mp.dps = 1200
rng = np.random.default_rng(20210420)


def ten_class():
    rows, labels = [], []
    # Moderate logits, as a trained CNN gives.
    for _ in range(6):
        rows.append(rng.normal(0, 3, 10))
        labels.append(int(rng.integers(10)))
    one_hot = lambda k, hi, lo: [hi if i == k else lo for i in range(10)]
    # Confident and right / confident and wrong at +-50 and +-1000: p rounds to 1 (or 0) in float64.
    rows += [one_hot(3, 50, -50), one_hot(3, 50, -50), one_hot(0, 1000, -1000), one_hot(0, 1000, -1000)]
    labels += [3, 7, 0, 9]
    # All equal (uniform softmax), two tied maxima, and a huge common offset.
    rows += [[0.0] * 10, [5, 5] + [0.0] * 8, list(1000 + rng.normal(0, 2, 10))]
    labels += [4, 0, 2]
    # True class at -1000 while another is at +1000: log p_y = -2000, p_y underflows to 0.
    rows.append(one_hot(5, 1000, 0))
    labels.append(1)
    return np.array(rows, dtype=np.float32), labels


def two_class():
    rows = [[0.0, 0.0], [2.5, -1.0], [-50.0, 50.0], [50.0, -50.0], [1000.0, -1000.0], [-3.0, 0.5]]
    return np.array(rows, dtype=np.float32), [0, 1, 1, 1, 0, 0]


def mp_signals(z, y):
    zs = [mpmath.mpf(float(v)) for v in z]
    total = mpmath.fsum(mpmath.exp(v) for v in zs)
    p = [mpmath.exp(v) / total for v in zs]
    h = -mpmath.fsum(pi * mpmath.log(pi) for pi in p)
    mentr = -(1 - p[y]) * mpmath.log(p[y]) - mpmath.fsum(p[i] * mpmath.log(1 - p[i]) for i in range(len(p)) if i != y)
    return float(h), float(mentr), float(max(p))


def np_signals(z, y):
    z = z.astype(np.float64)
    lse = logsumexp(z)
    logp = z - lse
    p = np.exp(logp)
    log1m = np.array([logsumexp(np.delete(z, i)) - lse for i in range(len(z))])
    h = -np.sum(p * logp)
    others = [i for i in range(len(z)) if i != y]
    mentr = -np.exp(log1m[y]) * logp[y] - np.sum(p[others] * log1m[others])
    return float(h), float(mentr), float(np.exp(np.max(logp)))


def case(name, logits, labels):
    mp = [mp_signals(z, y) for z, y in zip(logits, labels)]
    nps = [np_signals(z, y) for z, y in zip(logits, labels)]
    out = {"name": name, "logits": [[float(v) for v in r] for r in logits], "labels": labels}
    for k, key in enumerate(["entropy", "modified_entropy", "max_confidence"]):
        out[key] = {"mpmath": [m[k] for m in mp], "numpy": [n[k] for n in nps]}
    return out


def dump(doc):
    """One line per key of each case (a logit row per line): small, and a regenerated file diffs by row."""
    compact = lambda v: json.dumps(v, separators=(",", ":"))
    def case_lines(c):
        rows = ",\n    ".join(compact(r) for r in c["logits"])
        keys = [f'   "name": {compact(c["name"])}', f'   "logits": [\n    {rows}\n   ]', f'   "labels": {compact(c["labels"])}']
        keys += [f'   {compact(k)}: {compact(v)}' for k, v in c.items() if k not in ("name", "logits", "labels")]
        return "  {\n" + ",\n".join(keys) + "\n  }"
    head = [f' {compact(k)}: {compact(v)}' for k, v in doc.items() if k != "cases"]
    return "{\n" + ",\n".join(head) + ',\n "cases": [\n' + ",\n".join(case_lines(c) for c in doc["cases"]) + "\n ]\n}\n"


def main():
    doc = {
        "generator": "tools/reference/signals_golden.py",
        "numpy": np.__version__, "scipy": scipy.__version__, "mpmath": mpmath.__version__,
        "cases": [case("ten-class", *ten_class()), case("two-class", *two_class())],
    }
    with open(OUT, "w") as f:
        f.write(dump(doc))
    print(f"wrote {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
