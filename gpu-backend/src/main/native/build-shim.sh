#!/usr/bin/env bash
# Compiles the shim to NVIDIA's dense libraries (jmixed_cudalibs.c) into the class path:
#   OUTPUT_DIR/libjmixedcudalibs.so   (linux-x86_64; loaded by org.jmixed.gpu.CuSolverShim)
# Usage: build-shim.sh OUTPUT_DIR JAVA_HOME. Needs gcc and the JDK's JNI headers only: cuSOLVER
# and cuBLAS are dlopen'ed at run time. Skip with -Djmixed.shim.skip (the backend then uses its
# own kernels for the dense factorization).
set -euo pipefail
out="$1"
jdk="$2"
src="$(cd "$(dirname "$0")" && pwd)/jmixed_cudalibs.c"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null; then
  echo "gpu-backend: $cc not found: install gcc, or build with -Djmixed.shim.skip (no cuSOLVER shim)." >&2
  exit 1
fi
inc="$jdk/include"
[[ -f "$inc/jni.h" ]] || inc="$jdk/../include"
if [[ ! -f "$inc/jni.h" ]]; then
  echo "gpu-backend: jni.h not found under $jdk (a JDK, not a JRE, is needed to build the shim)." >&2
  exit 1
fi
mkdir -p "$out"
"$cc" -O2 -shared -fPIC -Wall -Werror -I"$inc" -I"$inc/linux" -o "$out/libjmixedcudalibs.so" "$src" -ldl
echo "gpu-backend: cuSOLVER/cuBLAS shim compiled by $("$cc" --version | head -n 1) into $out"
