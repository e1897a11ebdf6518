#!/usr/bin/env bash
# Compares each claim's verdict in a fresh run with the committed one, so the nightly GPU run fails when a verdict
# changes against our own results, not only against the paper (a claim that deviates from the paper passes as long
# as it deviates the same way it did when committed).
#
#   tools/ci/compare-verdicts.sh results/paper fresh/paper
#
# Both arguments are profile folders (<dir>/<paper>/<claim>/metrics.json; probe folders one level deeper are partial
# runs and are not compared). Prints one line per claim; exit 1 when any committed claim's verdict changed or has no
# fresh result (not run), naming it; exit 0 when all agree (claims new in the fresh run are listed, not failed);
# exit 2 on bad arguments.
set -euo pipefail
[ $# = 2 ] || { echo "usage: compare-verdicts.sh <committed profile folder> <fresh profile folder>, e.g. results/paper fresh/paper" >&2; exit 2; }
for d in "$1" "$2"; do
  [ -d "$d" ] || { echo "compare-verdicts.sh: '$d' is not a folder (expected <results>/<profile>, e.g. results/paper)" >&2; exit 2; }
done
exec python3 - "$1" "$2" <<'PY'
import json, pathlib, sys

def fail(message):
    """A bad argument or file, not a changed verdict: exit 2, so the workflow's log tells the two apart."""
    print(f"compare-verdicts.sh: {message}", file=sys.stderr)
    sys.exit(2)

def verdicts(root):
    """paper/claim → (claim verdict, {variant | check: line verdict}) for every <root>/<paper>/<claim>/metrics.json."""
    out = {}
    for f in sorted(pathlib.Path(root).glob("*/*/metrics.json")):
        try:
            outcome = json.loads(f.read_text())["outcome"]
            out[f"{f.parent.parent.name}/{f.parent.name}"] = (
                outcome["verdict"], {f"{l['variant']} | {l['what']}": l["verdict"] for l in outcome.get("lines", [])})
        except (ValueError, KeyError) as e:
            fail(f"{f} has no readable outcome.verdict ({e!r}): is it a results folder's metrics.json?")
    return out

committed, fresh = verdicts(sys.argv[1]), verdicts(sys.argv[2])
if not committed:
    fail(f"no <paper>/<claim>/metrics.json under {sys.argv[1]}: give the profile folder (e.g. results/paper)")
changed = []
for claim, (was, was_lines) in sorted(committed.items()):
    if claim not in fresh:
        changed.append(claim)
        print(f"CHANGED {claim}: committed '{was}', no fresh result (not run: data missing, or the run stopped early?)")
        continue
    now, now_lines = fresh[claim]
    if now == was:
        print(f"same    {claim}: {now}")
        continue
    changed.append(claim)
    print(f"CHANGED {claim}: committed '{was}', now '{now}'")
    for line in sorted(set(was_lines) | set(now_lines)):
        if was_lines.get(line) != now_lines.get(line):
            print(f"          {line}: {was_lines.get(line, '-')} → {now_lines.get(line, '-')}")
for claim in sorted(set(fresh) - set(committed)):
    print(f"new     {claim}: {fresh[claim][0]} (no committed result to compare with)")
print(f"{len(committed)} committed claims compared, {len(changed)} changed" + (f": {', '.join(changed)}" if changed else ""))
sys.exit(1 if changed else 0)
PY
