#!/bin/bash
# Packs what a GPU machine without the .NET SDK needs into .gpu/ (git-ignored), small enough to carry (≈ 60 MB with
# Fashion-MNIST): the self-contained CLI without the bundled CPU libtorch (the machine's PyTorch supplies a CUDA one
# through MIAREPRO_LIBTORCH), xz-compressed, and the named datasets from the data root, each file xz-compressed.
# Usage: tools/gpu/bundle.sh [dataset folder ...]   e.g. tools/gpu/bundle.sh fashion-mnist mnist adult
# PARTS=n splits app and data into n parts .gpu/p1 … .gpu/pn for a bundle over the 64 MiB a device call carries (CIFAR-10
# alone is ≈ 130 MB compressed): carry .gpu/p1 … in successive calls on one warm machine, each but the last run as
# `bash .gpu/on-device.sh stage`, which keeps its part in /tmp/stage; the last call's on-device.sh joins them.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${MIAREPRO_DATA:-../shared/data}
rm -rf .gpu/app .gpu/app.tar.xz .gpu/data .gpu/p[0-9]* && mkdir -p .gpu/data
dotnet publish src/MiaRepro.Cli -c Release -r linux-x64 --self-contained -o .gpu/app
# libtorch and its test/backends/debugger libraries: ~500 MB the GPU machine already has in CUDA form.
(cd .gpu/app && rm -f libtorch*.so libc10*.so libshm.so libgomp-*.so.1 libaoti_custom_ops.so libbackend_with_compiler.so \
  libjitbackend_test.so libnnapi_backend.so libmscordaccore.so libmscordbi.so)
tar cJf .gpu/app.tar.xz -C .gpu app
for name in "$@"; do
  src=$data/$name
  [ -d "$src" ] || src=/usr/share/datasets/$name
  [ -d "$src" ] || { echo "dataset folder '$name' not found under $data or /usr/share/datasets" >&2; exit 1; }
  mkdir -p .gpu/data/$name
  for f in "$src"/*; do
    case $f in *.gz) zcat "$f" | xz -9 -T0 > .gpu/data/$name/$(basename "$f" .gz).xz ;;
                *.md|*.txt) ;;
                # Raw 8-bit images (CIFAR binary batches): a byte-delta filter first saves ≈ 7 % over plain xz.
                *.bin) xz --delta=dist=1 --lzma2=preset=9 -T0 -c "$f" > .gpu/data/$name/$(basename "$f").xz ;;
                *) xz -9 -T0 -c "$f" > .gpu/data/$name/$(basename "$f").xz ;; esac
  done
done
cp tools/gpu/on-device.sh .gpu/
# The commit run.json records there (MIAREPRO_COMMIT): the device's copy of .git may be missing or stale.
echo "$(git rev-parse HEAD)$( [ -n "$(git status --porcelain --untracked-files=no -- . ':(exclude)results')" ] && echo -dirty)" > .gpu/commit
du -sh .gpu/app.tar.xz .gpu/data
if [ "${PARTS:-1}" -gt 1 ]; then
  tar cf .gpu/bundle.tar -C .gpu app.tar.xz data && split -n $PARTS -d -a 1 .gpu/bundle.tar .gpu/part. && rm .gpu/bundle.tar
  for i in $(seq 1 $PARTS); do mkdir -p .gpu/p$i && mv .gpu/part.$((i - 1)) .gpu/p$i/; done
  rm -rf .gpu/app.tar.xz .gpu/data
  du -sh .gpu/p*
fi
