#!/bin/bash
# Runs on the GPU machine from the repository root, with .gpu/ from tools/gpu/bundle.sh carried beside it:
# unpacks, doctor, `bench train` (TorchSharp vs the machine's PyTorch on the same GPU), then each claim once per seed,
# each seed in its own results folder so a run cut short keeps the seeds it finished. Everything lands in $OUT.
# Usage: CLAIMS="irolla2019/fashion-mnist-tp-only" SEEDS="0 1 2" BUDGET=470 bash .gpu/on-device.sh
# SKIPBENCH=1 skips doctor and bench; BUDGET is the seconds after which no new seed starts (one is cut at BUDGET).
OUT=${OUT:-/tmp/out}; mkdir -p $OUT
export MIAREPRO_COMMIT=$(cat .gpu/commit)  # run.json's commit: the copy's .git may be missing or stale
T0=$(date +%s); L=$OUT/log.txt
say() { echo "[$(( $(date +%s) - T0 ))s] $*" | tee -a $L; }
say start $(date -u +%FT%TZ) commit $MIAREPRO_COMMIT
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >> $L 2>&1
TL=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')
say torch $(python3 -c 'import torch;print(torch.__version__, torch.version.cuda)') lib $TL
tar xJf .gpu/app.tar.xz -C /tmp || say untar failed
for d in .gpu/data/*/; do
  n=$(basename $d); mkdir -p /tmp/data/$n
  for f in $d*.xz; do xz -dc $f > /tmp/data/$n/$(basename $f .xz); done
done
say unpacked
export MIAREPRO_LIBTORCH=$TL MIAREPRO_DEVICE=cuda MIAREPRO_DATA=/tmp/data MIAREPRO_CACHE=/tmp/cache
export MIAREPRO_PYTHON=$(command -v python3) MIAREPRO_THREADS=$(nproc)
APP=/tmp/app/MiaRepro.Cli
if [ -z "$SKIPBENCH" ]; then
  timeout 90 $APP doctor --root . >> $L 2>&1; say doctor rc=$?
  timeout 120 $APP bench train --root . --results /tmp/res-bench >> $L 2>&1; say bench rc=$?
  cp /tmp/res-bench/bench/*.json $OUT/ 2>/dev/null
fi
for c in ${CLAIMS:-irolla2019/fashion-mnist-tp-only}; do
  for s in ${SEEDS:-0}; do
    left=$(( ${BUDGET:-470} - ($(date +%s) - T0) ))
    [ $left -lt 60 ] && { say skip $c seed $s, ${left}s left; continue; }
    tag=$(echo $c | tr '/' '_')-s$s
    timeout $left $APP run $c --root . --profile ${PROFILE:-paper} "--Override:seeds=[$s]" --results /tmp/res-$tag > /tmp/$tag.log 2>&1
    rc=$?; say $c seed $s rc=$rc; tail -c 3000 /tmp/$tag.log | tr '\r' '\n' | grep -v '^ *$' | tail -25 >> $L
    [ -d /tmp/res-$tag ] && tar czf $OUT/$tag.tgz -C /tmp/res-$tag .
  done
done
say end
