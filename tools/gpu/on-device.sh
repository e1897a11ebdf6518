#!/bin/bash
# Runs on the GPU machine from the repository root, with .gpu/ from tools/gpu/bundle.sh carried beside it:
# unpacks, doctor, `bench train` and `bench ensemble` (TorchSharp vs the machine's PyTorch on the same GPU), then each claim once per seed,
# each seed in its own results folder so a run cut short keeps the seeds it finished. Everything lands in $OUT.
# Usage: CLAIMS="irolla2019/fashion-mnist-tp-only" SEEDS="0 1 2" BUDGET=470 bash .gpu/on-device.sh
#   SKIPBENCH=1 skips doctor and bench; BUDGET is the seconds after which no new seed starts (one is cut at BUDGET).
#   VARIANTS=a,b runs only those variants (--variants). JOBS="claim:variants:seed[:key=value] …" runs those jobs side by side
#   instead, one process each (small models leave an H100 mostly idle from one process), threads split between them
#   (variants may be empty; key=value, optional, is one more --Override, e.g. lambdas=[0.001]). FINAL="claim" then runs that whole claim once more at
#   SEEDS, its models from the cache the jobs filled. The model cache comes back as cache.tgz.N (15 MB pieces), so
#   models a cut run finished are not lost.
#   `bash .gpu/on-device.sh stage` (bundle split by PARTS=n) only keeps the carried .gpu/p*/part.* in /tmp/stage.
OUT=${OUT:-/tmp/out}; mkdir -p $OUT
if [ "$1" = stage ]; then mkdir -p /tmp/stage && cp .gpu/p*/part.* /tmp/stage/ && ls -la /tmp/stage; exit; fi
if ls .gpu/p*/part.* >/dev/null 2>&1; then  # the last part: join with the staged ones
  cat $(ls /tmp/stage/part.* .gpu/p*/part.* 2>/dev/null | awk -F. '{print $NF" "$0}' | sort -n -u -k1,1 | cut -d' ' -f2) \
    | tar xf - -C .gpu || echo "joining parts failed"
fi
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
  for f in $d*.xz; do xz -dc $f > /tmp/data/$n/$(basename $f .xz) & done
done
wait
say unpacked
export MIAREPRO_LIBTORCH=$TL MIAREPRO_DEVICE=cuda MIAREPRO_DATA=/tmp/data MIAREPRO_CACHE=/tmp/cache
export MIAREPRO_PYTHON=$(command -v python3) MIAREPRO_THREADS=$(nproc)
APP=/tmp/app/MiaRepro.Cli
if [ -z "$SKIPBENCH" ]; then
  timeout 90 $APP doctor --root . >> $L 2>&1; say doctor rc=$?
  timeout 120 $APP bench train --root . --results /tmp/res-bench >> $L 2>&1; say bench rc=$?
  # The grouped ensemble vs a loop of single models and PyTorch's grouped module (issue 29's GPU targets: ≥ 15× at K = 64, within 1.1× of PyTorch).
  timeout 240 $APP bench ensemble --root . --results /tmp/res-bench >> $L 2>&1; say bench ensemble rc=$?
  cp /tmp/res-bench/bench/*.json $OUT/ 2>/dev/null
fi
# One job: claim, variants (may be empty), seed, time limit; its results folder comes back as a .tgz.
job() {
  local c=$1 v=$2 s=$3 left=$4 o=$5 tag=$(echo $1 | tr '/' '_')${2:+-$(echo $2 | tr ',' '_')}-s$(echo $3 | tr ',' '_')${5:+-$(echo $5 | tr -c 'a-zA-Z0-9.\n' '_')}
  timeout $left $APP run $c --root . --profile ${PROFILE:-paper} ${v:+--variants $v} "--Override:seeds=[$s]" ${o:+"--Override:$o"} --results /tmp/res-$tag > /tmp/$tag.log 2>&1
  local rc=$?; say $c ${v:-all} seed $s $o rc=$rc; tail -c 3000 /tmp/$tag.log | tr '\r' '\n' | grep -av '^ *$' | tail -25 >> $L
  [ -d /tmp/res-$tag ] && tar czf $OUT/$tag.tgz -C /tmp/res-$tag .
}
left() { echo $(( ${BUDGET:-470} - ($(date +%s) - T0) )); }
if [ -n "$JOBS" ]; then
  n=$(echo $JOBS | wc -w); export MIAREPRO_THREADS=$(( $(nproc) / n > 0 ? $(nproc) / n : 1 ))
  for j in $JOBS; do IFS=: read c v s o <<< "$j"; job $c "$v" $s $(left) "$o" & done
  wait
else
  for c in ${CLAIMS:-irolla2019/fashion-mnist-tp-only}; do
    for s in ${SEEDS:-0}; do
      [ $(left) -lt 60 ] && { say skip $c seed $s, $(left)s left; continue; }
      job $c "$VARIANTS" $s $(left)
    done
  done
fi
export MIAREPRO_THREADS=$(nproc)
if [ -n "$FINAL" ] && [ $(left) -gt 20 ]; then job $FINAL "" "$(echo ${SEEDS:-0} | tr ' ' ',')" $(left); fi
[ -d /tmp/cache ] && tar czf - -C /tmp cache | split -b 15M -d -a 1 - $OUT/cache.tgz.
say end
