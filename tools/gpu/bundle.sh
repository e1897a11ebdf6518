#!/bin/bash
# Packs what a GPU machine without the .NET SDK needs into .gpu/ (git-ignored), small enough to carry (≈ 60 MB with
# Fashion-MNIST): the self-contained CLI without the bundled CPU libtorch (the machine's PyTorch supplies a CUDA one
# through MIAREPRO_LIBTORCH), xz-compressed, and the named datasets from the data root, each file xz-compressed.
# Usage: tools/gpu/bundle.sh [dataset folder ...]   e.g. tools/gpu/bundle.sh fashion-mnist mnist adult
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${MIAREPRO_DATA:-../shared/data}
rm -rf .gpu/app .gpu/app.tar.xz .gpu/data && mkdir -p .gpu/data
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
                *) xz -9 -T0 -c "$f" > .gpu/data/$name/$(basename "$f").xz ;; esac
  done
done
cp tools/gpu/on-device.sh .gpu/
# The commit run.json records there (MIAREPRO_COMMIT): the device's copy of .git may be missing or stale.
echo "$(git rev-parse HEAD)$( [ -n "$(git status --porcelain --untracked-files=no -- . ':(exclude)results')" ] && echo -dirty)" > .gpu/commit
du -sh .gpu/app.tar.xz .gpu/data
