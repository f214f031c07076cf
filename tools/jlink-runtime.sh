#!/usr/bin/env bash
# Builds a minimal Java runtime for the shaded jmixed jar into build/runtime, so that a machine
# with no JDK (a GPU server with only the NVIDIA driver and CUDA) can run
#   build/runtime/bin/java -jar cli/target/jmixed.jar ...
# The modules come from jdeps on the shaded jar, plus a few that are reached only reflectively.
# Usage: tools/jlink-runtime.sh [OUTPUT_DIR]   (default build/runtime; run after 'mvn -B package')
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/cli/target/jmixed.jar"
out="${1:-$root/build/runtime}"
for tool in jdeps jlink; do
  if ! command -v "$tool" >/dev/null; then
    echo "jlink-runtime: '$tool' not found; it comes with a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)" >&2
    exit 1
  fi
done
if [[ ! -f "$jar" ]]; then
  echo "jlink-runtime: $jar not found; build it first: mvn -B -DskipTests package" >&2
  exit 1
fi
modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")"
# jdk.unsupported (sun.misc.Unsafe, used by native-library loaders) and jdk.zipfs are reached
# reflectively, where jdeps cannot see them.
modules="$modules,jdk.unsupported,jdk.zipfs"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out"
echo "jlink-runtime: $out ($(du -sh "$out" | cut -f1)), modules: $modules"
echo "jlink-runtime: run with $out/bin/java -jar $jar --help"
