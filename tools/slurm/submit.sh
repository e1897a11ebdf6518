#!/usr/bin/env bash
# Submits one claim as n shards (a Slurm array, one task per shard) and a merge that runs when all of them succeed.
#
#   SHARED_CACHE=/shared/models tools/slurm/submit.sh bindila2021/l2-closes-gap 3 --profile paper --results /shared/results
#
# Extra arguments go to every shard and to the merge (they must agree on --profile and --Override keys; see
# docs/reference.md, "Sharded runs"). Prints "array=<job id> merge=<job id>" on stdout.
# Environment:
#   SHARED_CACHE  the model store on a file system every node sees (required)
#   MIAREPRO      how to start the CLI (default: `miarepro` on PATH; e.g. "out/MiaRepro.Cli" from a self-contained
#                 publish, or "dotnet /path/MiaRepro.Cli.dll")
#   GPU=1         the GPU variant: each shard asks for one GPU (--gres=gpu:1) and runs with --device cuda (the merge
#                 trains nothing and stays on CPU; the device is not part of the run's settings hash)
#   CPUS          CPUs per shard task (default 1)
#   SLURM_LOGS    folder for the jobs' logs (default ./slurm-logs)
# Partition, account and time limit: sbatch's own SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "submit.sh: $*" >&2; exit 2; }

[ $# -ge 2 ] || fail "usage: submit.sh <paper/claim> <n shards> [miarepro args…]"
claim=$1 n=$2
shift 2
[[ "$n" =~ ^[1-9][0-9]*$ ]] || fail "n must be a whole number ≥ 1, got '$n'"
[ -n "${SHARED_CACHE:-}" ] || fail "SHARED_CACHE is not set: give the model store on a file system every node sees, e.g. SHARED_CACHE=/shared/models"
command -v sbatch >/dev/null || fail "sbatch not found: run this on a Slurm login node (or apt-get install slurm-client)"
read -r -a cli <<<"${MIAREPRO:-miarepro}"
command -v "${cli[0]}" >/dev/null ||
  fail "'${cli[0]}' not found: set MIAREPRO to the CLI, e.g. after 'dotnet publish src/MiaRepro.Cli -c Release -r linux-x64 --self-contained -o out', MIAREPRO=\$PWD/out/MiaRepro.Cli"

logs=${SLURM_LOGS:-$PWD/slurm-logs}
mkdir -p "$logs" "$SHARED_CACHE"
export SHARED_CACHE MIAREPRO="${MIAREPRO:-miarepro}"   # sbatch passes the environment on (--export=ALL)

shard_opts=(--array="0-$((n - 1))" --cpus-per-task="${CPUS:-1}" --output="$logs/%x-%A_%a.out")
shard_args=("$@")
if [ "${GPU:-0}" = 1 ]; then
  shard_opts+=(--gres=gpu:1)
  shard_args+=(--device cuda)
fi

array=$(sbatch --parsable "${shard_opts[@]}" "$here/array.sbatch" "$claim" "$n" "${shard_args[@]}")
array=${array%%;*}   # --parsable prints "id" or "id;cluster"
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$logs/%x-%j.out" \
  "$here/merge.sbatch" "$claim" "$@")
merge=${merge%%;*}
echo "array=$array merge=$merge"
