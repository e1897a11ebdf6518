#!/usr/bin/env python3
"""One-time backfill (issue 38, Provenance): writes `modelOrigins` into committed run.json files that predate it, only
from evidence, each origin marked with its `source` (never "recorded at run time").

Evidence used, nothing else:
  A. The run's own run.json, where the run trained every model it used on this project's CPU (modelsFromCache 0):
     device, commit, day and CPU model are the run's.
  B. The run logs beside GPU-trained results (GPU.md, MODELS.md, h100-call*-log.txt, h200-log.txt), commit messages
     that say which models a run loaded, and the run.json of a committed earlier run that trained those models
     (read from git history where the folder was later replaced).
A run whose every model cannot be accounted for this way is left alone: the report keeps saying "not recorded".
Rerunning it changes nothing (files that already have modelOrigins are skipped). Run from the repository root.
"""
import datetime
import json
import pathlib
import re
import subprocess

RESULTS = pathlib.Path("results")
NOT_AT_RUN_TIME = "not recorded at run time"


def run_json(path, rev=None):
    """A run.json: the working tree's, or the one committed at `rev` (a folder since replaced)."""
    if rev is None:
        return json.loads((RESULTS / path / "run.json").read_text(encoding="utf-8"))
    return json.loads(subprocess.check_output(["git", "show", f"{rev}:results/{path}/run.json"], text=True))


def cpu_model(machine):
    """The CPU in run.json's machine line ("OS, CPU, n cores, arch"); None where the line predates it."""
    m = re.match(r"^[^,]+, (.+), \d+ cores, [^,]+$", machine)
    return m.group(1) if m else None


def origin(models, device, libtorch, cuda, commit, day, hardware, source):
    # Key order and casing as ModelOrigin serializes (positional fields, then hardware, source).
    return {"models": models, "device": device, "libTorch": libtorch, "cuda": cuda, "commit": commit, "day": day,
            "hardware": hardware, "source": source}


def trained_by(run, models, source):
    """`models` CPU models trained by the run recorded in `run` (a run.json dict), on its commit, machine and day(s)."""
    end = datetime.datetime.fromisoformat(run["date"])
    start = end - datetime.timedelta(seconds=run["wallSeconds"])
    # A run across midnight UTC trained its models on either day; which ones, nothing says.
    day = end.date().isoformat() if start.date() == end.date() else f"{start.date().isoformat()} to {end.date().isoformat()}"
    commit = run["commit"][:12] + ("-dirty" if run["dirtyTree"] else "")
    return origin(models, "cpu", run["libTorch"].split(" ")[0], None, commit, day, cpu_model(run["machine"]), source)


def gpu(models, hardware, commit, day, log):
    return origin(models, "cuda", "2.11.0+cu130", "13.0", commit, day, hardware, f"from the run log ({log}), {NOT_AT_RUN_TIME}")


H100 = "NVIDIA H100 80GB HBM3"
H200 = "NVIDIA H200"
# tools/gpu bundles run on the lent machines, each bound to PyTorch 2.11.0+cu130's libtorch (the logs' "torch" line).
PREETI_H100 = dict(hardware=H100, commit="1f9acf3d0e0d", day="2026-11-26", log="preeti2022/cifar10-ds-sweep-probes/GPU.md, h100-call1-log.txt")
DEFENSE_H200 = dict(hardware=H200, commit="a01f96b8bfc8", day="2026-11-27", log="bindila2021/defense-matrix-probes/GPU.md, h200-log.txt")
FASHION_H200 = dict(hardware=H200, commit="6ee9dcec6056", day="2026-11-26", log="irolla2019/fashion-mnist-tp-only-probes/GPU.md; run.json's commit and libTorch there are wrong, it says")

SELF = f"from run.json (the run trained every model it used), {NOT_AT_RUN_TIME}"


def this_run(path, source=None):
    j = run_json(path)
    return trained_by(j, j["modelsTrained"], source or f"from run.json (models this run trained), {NOT_AT_RUN_TIME}")


# ds2500 seeds 1-2 (22 CNNs): trained on this CPU by the probe ds2500-seeds1-2, committed at 6068185, later replaced.
DS2500_SEEDS12 = lambda why: trained_by(run_json("paper/preeti2022/cifar10-ds-sweep-probes/ds2500-seeds1-2", "6068185"), 22,
                                         f"from the committed run.json of ds2500-seeds1-2 (6068185) and {why}, {NOT_AT_RUN_TIME}")
KDE_AS_WRITTEN = "paper/bindila2021/kde-rates-before-defense-probes/as-written-seeds1-2"

# B: per result, every model it used, with where the evidence says it was trained.
EVIDENCE = {
    **{f"paper/irolla2019/fashion-mnist-tp-only-probes/h200-seed{s}": lambda: [gpu(22, **FASHION_H200)] for s in (0, 1, 2)},
    **{f"paper/bindila2021/defense-matrix-probes/seed{s}": lambda: [gpu(6, **DEFENSE_H200)] for s in (1, 2)},
    "paper/bindila2021/l2-table-probes/as-written-seeds1-2": lambda: [
        gpu(8, **{**DEFENSE_H200, "log": "bindila2021/l2-table-probes/MODELS.md, h200-log.txt"})],
    "paper/bindila2021/l2-table-probes/as-coded-seeds1-2": lambda: [
        gpu(4, **{**DEFENSE_H200, "log": "bindila2021/l2-table-probes/MODELS.md, ../defense-matrix-probes/h200-log.txt"}),
        trained_by(run_json("paper/bindila2021/l2-table-probes/as-coded-lambda1e-3-seeds1-2", "fddfd3a"), 4,
                   f"from MODELS.md and the committed run.json of the probes it replaced (fddfd3a), {NOT_AT_RUN_TIME}")],
    # The 4 as-written seed-1-2 targets: trained by kde-rates-before-defense's probe (A), loaded by the others (36ccc64).
    **{f"paper/bindila2021/{c}-probes/as-written-seeds1-2": lambda: [trained_by(run_json(KDE_AS_WRITTEN), 4,
        f"from the commit log (36ccc64: '4 LeNet-5 targets at cc4e7dd') and kde-rates-before-defense-probes/as-written-seeds1-2/run.json, {NOT_AT_RUN_TIME}")]
       for c in ("kde-accuracy-before-defense", "kde-ce-fpr-largest", "kde-flat-beyond-2pct", "kde-fpr-floor",   # not kde-rates: A
                 "kde-in-sample-vs-held-out", "kde-l2-defense", "kde-wasserstein-trend")},
    "paper/irolla2019/cifar10-attack-vs-ccr": lambda: [trained_by(run_json("paper/irolla2019/cifar10-target"), 33,
        f"from the commit log (9aafa6a: 'same models from the cache') and cifar10-target/run.json, {NOT_AT_RUN_TIME}")],
    "paper/preeti2022/cifar10-ds-sweep": lambda: [gpu(44, **PREETI_H100)],
    "paper/preeti2022/cifar10-ds-sweep-probes/ds15000-seeds0-2": lambda: [gpu(33, **PREETI_H100)],
    "paper/preeti2022/cifar10-ds-sweep-probes/ds15000-5shadows-seeds0-2": lambda: [gpu(18, **PREETI_H100)],
    "paper/preeti2022/cifar10-ds-sweep-probes/ds10000-seeds0-2": lambda: [
        gpu(11, **PREETI_H100), this_run("paper/preeti2022/cifar10-ds-sweep-probes/ds10000-seeds0-2")],
    "paper/preeti2022/cifar10-ds-sweep-probes/ds2500-ds5000-seeds0-2": lambda: [
        gpu(22, **PREETI_H100), this_run("paper/preeti2022/cifar10-ds-sweep-probes/ds2500-ds5000-seeds0-2"),
        DS2500_SEEDS12("GPU.md ('seeds 1-2's trained here')")],
    # Seed 0 of Preeti's other CIFAR-10 claims: the H100's ds2500 models (6b34f79; STATUS-LOG.md for the L2 mitigation).
    "paper/preeti2022/output-defenses": lambda: [gpu(11, **{**PREETI_H100, "log": "commit 6b34f79: 'from the H100-trained ds2500 models'; GPU.md"})],
    "paper/preeti2022/classes-vs-leakage": lambda: [
        gpu(11, **{**PREETI_H100, "log": "commit 6b34f79: 'from the H100-trained ds2500 models'; GPU.md"}),
        this_run("paper/preeti2022/classes-vs-leakage")],
    "paper/preeti2022/cifar10-l2-mitigation": lambda: [
        gpu(11, **{**PREETI_H100, "log": "STATUS-LOG.md: 'from the same models (ds2500) ... so did the L2 mitigation'; GPU.md"}),
        this_run("paper/preeti2022/cifar10-l2-mitigation")],
    # Seeds 1-2 of the same claims: the CPU-trained ds2500 seeds 1-2 (39cbe91, 8771c00: 'from the ds2500 cache').
    "paper/preeti2022/output-defenses-probes/seeds1-2": lambda: [DS2500_SEEDS12("commit 39cbe91 ('from the ds2500 cache')")],
    "paper/preeti2022/classes-vs-leakage-probes/seeds1-2": lambda: [
        DS2500_SEEDS12("commit 39cbe91 ('from the ds2500 cache')"), this_run("paper/preeti2022/classes-vs-leakage-probes/seeds1-2")],
    "paper/preeti2022/cifar10-l2-mitigation-probes/seeds1-2": lambda: [
        DS2500_SEEDS12("commit 8771c00 and STATUS-LOG.md"), this_run("paper/preeti2022/cifar10-l2-mitigation-probes/seeds1-2")],
}


def origins_for(path, run):
    if path in EVIDENCE:
        found = EVIDENCE[path]()
    elif run["modelsFromCache"] == 0 and run["modelsTrained"] > 0 and run["device"] == "cpu":
        found = [trained_by(run, run["modelsTrained"], SELF)]
    else:
        return None
    return sorted(found, key=lambda o: -o["models"])


def main():
    written, left = [], []
    for file in sorted(RESULTS.glob("*/**/run.json")):
        path = file.parent.relative_to(RESULTS).as_posix()
        text = file.read_text(encoding="utf-8")
        run = json.loads(text)
        if "modelOrigins" in run:
            continue
        found = origins_for(path, run)
        if found is None:
            left.append(f"{path} (trained {run['modelsTrained']}, from cache {run['modelsFromCache']})")
            continue
        run["modelOrigins"] = found
        # As ClaimRunner.Json writes it: 2-space indent, no trailing newline, non-ASCII as is.
        file.write_text(json.dumps(run, indent=2, ensure_ascii=False), encoding="utf-8")
        written.append(f"{path}: " + "; ".join(f"{o['models']} {o['device']} {o['hardware']} {o['commit']}" for o in found))
    print(f"backfilled {len(written)}:", *written, f"left not recorded {len(left)}:", *left, sep="\n  ")


if __name__ == "__main__":
    main()
