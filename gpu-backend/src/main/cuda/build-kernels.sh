#!/usr/bin/env bash
# Compiles pls.cu into the kernel images the CUDA backend loads (cuModuleLoadData):
#   pls.fatbin  SASS for sm_80 (A100) and sm_90 (H100/H200) plus compute_90 PTX for newer GPUs
#   pls.ptx     compute_80 PTX alone (ISA 8.0), JIT-compiled by the driver if the fat binary does not load
# Usage: build-kernels.sh OUTPUT_DIR. Run by Maven (exec-maven-plugin, generate-resources);
# skip with -Djmixed.nvcc.skip (the backend then reports itself unavailable).
set -euo pipefail
out="$1"
src="$(cd "$(dirname "$0")" && pwd)/pls.cu"
nvcc="$(command -v nvcc || true)"
for dir in "${CUDA_HOME:-}" "${CUDA_PATH:-}" /usr/local/cuda; do
  if [[ -z "$nvcc" && -n "$dir" && -x "$dir/bin/nvcc" ]]; then nvcc="$dir/bin/nvcc"; fi
done
if [[ -z "$nvcc" ]]; then
  echo "gpu-backend: nvcc not found (looked on PATH, in \$CUDA_HOME/bin, \$CUDA_PATH/bin and /usr/local/cuda/bin)." >&2
  echo "gpu-backend: install the CUDA toolkit (nvcc 12.x or 13.x), or build with -Djmixed.nvcc.skip to package no kernels." >&2
  exit 1
fi
mkdir -p "$out"
"$nvcc" -fatbin -O3 \
  -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_90,code=compute_90 \
  -o "$out/pls.fatbin" "$src"
"$nvcc" -ptx -O3 -arch=compute_80 -o "$out/pls.ptx" "$src"
# The fallback must load where the fat binary does not, i.e. on older drivers too: nvcc 13 stamps
# PTX ISA 9.0 (driver 580+), but these kernels use nothing newer than ISA 8.0 (CUDA 12.0, driver
# 525+), so the stamp is lowered, and ptxas checks that the PTX is still valid at that version.
sed -i 's/^\.version [0-9.]*$/.version 8.0/' "$out/pls.ptx"
ptxas="$(dirname "$nvcc")/ptxas"
if [[ -x "$ptxas" ]]; then
  "$ptxas" -arch=sm_80 -o /dev/null "$out/pls.ptx"
fi
echo "gpu-backend: kernels compiled by $("$nvcc" --version | tail -n 2 | head -n 1) into $out"
