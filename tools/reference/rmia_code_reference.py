#!/usr/bin/env python3
"""Golden values for RMIA as Zarifzadeh et al.'s code scores it: privacytrustlab/ml_privacy_meter research/2023_rmia,
main.py's relative attack with the signal sm_taylor_softmax_relative and the settings of its CIFAR-10 configs
(attack_configs/cifar10/rmia_online_*.yaml): temperature 2, soft margin m = 0.6, Taylor order n = 4 (signals.py's
get_taylor: 1 + x + x^2/2! + x^3/3!), p(x) the scipy trim_mean over the reference models with proportiontocut 0.2 per
query, gamma = 2, the comparison ratio_x * (1 / ratio_z) > gamma per query, then a vote over queries (torch.mode of
the booleans: a tie is False), the score the fraction of population points beaten. References: the first c IN and
first c OUT models per example (main.py's in/out slicing), c = M/2 - 1 here. One difference, stated: the population z
is every other example of the pool (x excluded), as this project's RMIA uses, where main.py takes a separate
population set. Restated with numpy on a small set (the code itself needs its folders and torch).
Writes src/MiaRepro.Tests/Attacks/golden/rmia_code_golden.json. Run: /usr/bin/python3 tools/reference/rmia_code_reference.py
"""

import numpy as np
from scipy.stats import trim_mean

from golden_writer import write_golden

M, N, A, C = 12, 40, 2, 4
T, MARGIN, ORDER, CUT, GAMMA = 2.0, 0.6, 4, 0.2, 2.0


def get_taylor(x, n):
    power = x
    taylor = power + 1.0
    for i in range(2, n):
        power = power * x
        taylor = taylor + power / np.math.factorial(i)
    return taylor


def signal(logits, labels):
    z = logits.astype(np.float64) / T
    taylor = get_taylor(z, ORDER)
    total = taylor.sum(-1)
    true = np.take_along_axis(z, labels[None, :, None, None].repeat(z.shape[0], 0).repeat(z.shape[2], 2), 3)[..., 0]
    true_taylor = np.take_along_axis(taylor, labels[None, :, None, None].repeat(z.shape[0], 0).repeat(z.shape[2], 2), 3)[..., 0]
    soft = get_taylor(true - MARGIN, ORDER)
    return soft / (total - true_taylor + soft)     # [M, N, A]


def main():
    rng = np.random.default_rng(41)
    keep = np.zeros((M, N), dtype=bool)
    for n in range(N):
        keep[rng.permutation(M)[: M // 2], n] = True
    labels = rng.integers(0, C, size=N)
    logits = rng.normal(0, 1.5, size=(M, N, A, C))
    logits[np.arange(M)[:, None], np.arange(N)[None, :], :, labels[None, :]] += 1.2 * keep[:, :, None]
    logits = logits.astype(np.float32)
    sig = signal(logits, labels)
    side = M // 2 - 1
    scores = np.zeros((M, N))
    for t in range(M):
        refs = [m for m in range(M) if m != t]
        mean = np.zeros((N, A))
        for n in range(N):
            ins = [r for r in refs if keep[r, n]][:side]
            outs = [r for r in refs if not keep[r, n]][:side]
            mean[n] = trim_mean(sig[ins + outs, n, :], proportiontocut=CUT, axis=0)
        ratio = sig[t] / mean                     # [N, A]
        rev = 1 / ratio
        for x in range(N):
            z = [j for j in range(N) if j != x]
            beats = (ratio[x][None, :] * rev[z]) > GAMMA          # [N-1, A]
            vote = beats.sum(1) * 2 > A                           # torch.mode over A booleans: a tie is False
            scores[t, x] = vote.mean()
    out = {"shape": [M, N, A, C], "keep": keep.astype(int).tolist(), "logits": logits.astype(float).ravel().tolist(),
           "labels": labels.tolist(), "signal": sig.ravel().tolist(), "scores": scores.ravel().tolist()}
    write_golden("Attacks/golden/rmia_code_golden.json", out)


if __name__ == "__main__":
    main()
