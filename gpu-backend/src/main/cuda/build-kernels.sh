#!/usr/bin/env bash
# Compiles pls.cu into the kernel images the CUDA backend loads (cuModuleLoadData):
#   pls.fatbin  SASS for sm_80 (A100) and sm_90 (H100/H200) plus compute_90 PTX for newer GPUs
#   pls.ptx     compute_80 PTX alone, JIT-compiled by the driver if the fat binary does not fit
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
echo "gpu-backend: kernels compiled by $("$nvcc" --version | tail -n 2 | head -n 1) into $out"
