#!/usr/bin/env python3
"""Golden values for the many-model attacks (LiRA, RMIA), computed independently with numpy and scipy.

Writes a small deterministic set (keep [M, N], logits [M, N, A, C] float32, labels [N]) and, for it, leave-one-model-out
scores of LiRA online/offline x per-example/global variance, RMIA online/offline, and the global loss/phi thresholds,
to src/MiaRepro.Tests/Attacks/golden/lira_golden.json. Run: /usr/bin/python3 tools/reference/lira_reference.py

References per example: balanced by default (the same count IN and OUT for every example, min(IN, OUT over all M) - 1,
first in index order), so the counts never follow the target's membership; "all_others" keys use every other model.
The definitions are the paper's, as the C# code documents them (src/MiaRepro/Attacks/LikelihoodRatio): mean location,
ddof-0 std (+1e-30), global variance pooled around each example's own mean, OUT with its own std; scores summed over
queries; offline LiRA one-sided, sum of log Phi((phi - mu_out) / sigma_out). Never a runtime dependency of the C# code.
"""

import numpy as np
from scipy.special import logsumexp
from scipy.stats import norm

from golden_writer import write_golden

M, N, A, C = 6, 8, 2, 3
EPS = 1e-30


def make_set(seed=29):
    rng = np.random.default_rng(seed)
    # Balanced keep: every example IN for exactly M/2 models.
    keep = np.zeros((M, N), dtype=bool)
    for n in range(N):
        keep[rng.permutation(M)[: M // 2], n] = True
    labels = rng.integers(0, C, size=N).astype(np.int64)
    logits = rng.normal(0, 2, size=(M, N, A, C))
    # Members get a larger true-class logit, so the attacks have something to find.
    logits[np.arange(M)[:, None], np.arange(N)[None, :], :, labels[None, :]] += 1.5 * keep[:, :, None]
    return keep, logits.astype(np.float32), labels


def phi_and_logp(logits, labels):
    z = logits.astype(np.float64)
    y = labels[None, :, None]
    zy = np.take_along_axis(z, np.broadcast_to(y[..., None], z.shape[:3] + (1,)), axis=3)[..., 0]
    others = z.copy()
    np.put_along_axis(others, np.broadcast_to(y[..., None], z.shape[:3] + (1,)), -np.inf, axis=3)
    phi = zy - logsumexp(others, axis=3)
    logp = zy - logsumexp(z, axis=3)
    return phi, logp


def sides(keep, target, n, online, balanced):
    """IN and OUT references of example n for target: balanced, or every other model."""
    refs = [m for m in range(keep.shape[0]) if m != target]
    ins = [r for r in refs if keep[r, n]]
    outs = [r for r in refs if not keep[r, n]]
    if balanced:
        in_all = int(keep[:, n].sum()); out_all = keep.shape[0] - in_all
        side = min(in_all, out_all) - 1 if online else out_all - 1
        ins, outs = ins[:side], outs[:side]
    return ins, outs


def lira(keep, phi, target, online, global_variance, balanced=True):
    mu_in = np.zeros((N, A)); sd_in = np.zeros((N, A)); mu_out = np.zeros((N, A)); sd_out = np.zeros((N, A))
    sq_in = sq_out = 0.0; c_in = c_out = 0
    for n in range(N):
        ins, outs = sides(keep, target, n, online, balanced)
        vin, vout = phi[ins, n, :], phi[outs, n, :]
        mu_in[n], mu_out[n] = vin.mean(0), vout.mean(0)
        sd_in[n], sd_out[n] = vin.std(0), vout.std(0)
        sq_in += ((vin - mu_in[n]) ** 2).sum(); c_in += vin.size
        sq_out += ((vout - mu_out[n]) ** 2).sum(); c_out += vout.size
    if global_variance:
        sd_in[:] = np.sqrt(sq_in / c_in)
        sd_out[:] = np.sqrt(sq_out / c_out)
    x = phi[target]
    if online:
        s = norm.logpdf(x, mu_in, sd_in + EPS) - norm.logpdf(x, mu_out, sd_out + EPS)
    else:
        s = norm.logcdf((x - mu_out) / (sd_out + EPS))
    return s.sum(1)


def rmia(keep, logp, target, offline_a=None, gamma=1.0, balanced=True):
    pr = logsumexp(logp, axis=2) - np.log(A)  # log mean_a p_y, [M, N]
    ratios = np.zeros(N)
    for n in range(N):
        ins, outs = sides(keep, target, n, offline_a is None, balanced)
        use = outs if offline_a is not None else ins + outs
        lpx = logsumexp(pr[use, n]) - np.log(len(use))
        if offline_a is not None:
            lpx = np.log(0.5 * ((1 + offline_a) * np.exp(lpx) + (1 - offline_a)))
        ratios[n] = pr[target, n] - lpx
    return np.array([np.sum(np.delete(ratios[n] - ratios, n) > np.log(gamma)) / (N - 1) for n in range(N)])


def main():
    keep, logits, labels = make_set()
    phi, logp = phi_and_logp(logits, labels)
    out = {
        "shape": [M, N, A, C],
        "keep": keep.astype(int).tolist(),
        "logits": logits.astype(float).ravel().tolist(),
        "labels": labels.tolist(),
        "phi": phi.ravel().tolist(),
        "logp": logp.ravel().tolist(),
        "lira_online_per_example": np.concatenate([lira(keep, phi, t, True, False) for t in range(M)]).tolist(),
        "lira_online_global": np.concatenate([lira(keep, phi, t, True, True) for t in range(M)]).tolist(),
        "lira_offline_per_example": np.concatenate([lira(keep, phi, t, False, False) for t in range(M)]).tolist(),
        "lira_offline_global": np.concatenate([lira(keep, phi, t, False, True) for t in range(M)]).tolist(),
        "rmia_online": np.concatenate([rmia(keep, logp, t) for t in range(M)]).tolist(),
        "rmia_offline_a03": np.concatenate([rmia(keep, logp, t, offline_a=0.3) for t in range(M)]).tolist(),
        "rmia_online_gamma2": np.concatenate([rmia(keep, logp, t, gamma=2.0) for t in range(M)]).tolist(),
        "lira_online_per_example_all_others": np.concatenate([lira(keep, phi, t, True, False, False) for t in range(M)]).tolist(),
        "lira_online_global_all_others": np.concatenate([lira(keep, phi, t, True, True, False) for t in range(M)]).tolist(),
        "lira_offline_global_all_others": np.concatenate([lira(keep, phi, t, False, True, False) for t in range(M)]).tolist(),
        "rmia_online_all_others": np.concatenate([rmia(keep, logp, t, balanced=False) for t in range(M)]).tolist(),
        "rmia_offline_a03_all_others": np.concatenate([rmia(keep, logp, t, offline_a=0.3, balanced=False) for t in range(M)]).tolist(),
        "loss_threshold": np.concatenate([logp[t].mean(1) for t in range(M)]).tolist(),
        "phi_threshold": np.concatenate([phi[t].mean(1) for t in range(M)]).tolist(),
        "is_member": keep.ravel().astype(int).tolist(),
        "logcdf": {str(z): float(norm.logcdf(z)) for z in [-200.0, -40.0, -37.5, -36.9, -10.0, -1.0, 0.0, 0.5, 3.0, 9.0, 20.0, 37.0]},
    }
    write_golden("Attacks/golden/lira_golden.json", out)


if __name__ == "__main__":
    main()
