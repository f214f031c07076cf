#!/usr/bin/env bash
# The whole first GPU run of the CUDA backend, as one script for a machine with an NVIDIA driver
# (CUDA 13) and no JDK: it runs the jlinked runtime that travels with the working tree.
#
# Prepare on a build machine (JDK 17, nvcc 13):
#   ./jmixed --version            # builds cli/target/jmixed.jar with the kernels
#   tools/jlink-runtime.sh        # build/runtime: a Java runtime of ~50 MiB
# Run on the GPU machine, from the working tree:
#   OUT=/some/dir tools/gpu-check.sh      # default OUT: ./gpu-check-out; GPU_CHECK_JAVA=path picks the java
#
# Steps, each with its own timeout, all in about 9 minutes at most (GPU_CHECK_BUDGET, seconds):
#   facts        nvidia-smi: GPU, driver, CUDA version, memory, compute capability
#   probe        the backend finds the device and retains its primary context (else: stop here)
#   ref_*        every lme4 reference model (shared/reference/*.json), whole fits
#                --backend cuda against --backend java, objective to 1e-8 relative, and the
#                device solve at the fit's theta (beta, u, conditional variances) to 1e-8
#   crossed_1m   1,000,000 rows, 100,000 users x 10,000 items (simulate-crossed here): REML
#                criterion at one theta, cuda against java, seconds per cuda evaluation, and the
#                device solve (seconds with conditional variances; beta and u against java)
#   dense_*      our FP64 tiled Cholesky alone at orders 20,000 and 40,000: seconds, TFLOP/s
#   dense_cusolver_*  cusolverDnXpotrf (through the shim) at orders 20,000, 40,000 and 84,432
#   crossed_1m_kernels  the crossed_1m comparison again with our kernels only (-Djmixed.cuda.cusolver=false)
#   ref_kernels_*  the *_crossed reference models again with our kernels only
#   movielens    a MovieLens-32M-shaped evaluation (32,000,000 rows, 200,948 x 84,432): seconds
#   movielens_solve  the same, then the device solve with conditional variances: seconds
#   crossed_1m_fit_cuda, dense_84432   if time is left
# Results: $OUT/gpu-check.json (rewritten after every step), logs in $OUT/logs.
# Exit 0 when every step passed, 1 otherwise (2 when nothing could start: no java or jar).
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/gpu-check-out}"
budget="${GPU_CHECK_BUDGET:-530}"
heap="${GPU_CHECK_HEAP:-64g}"
start="$(date +%s)"
mkdir -p "$out/logs"
json="$out/gpu-check.json"
work="$(mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

steps=()
failed=0

json_str() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\t'/ }"
  s="${s//$'\r'/}"
  s="${s//$'\n'/\\n}"
  s="$(printf '%s' "$s" | tr -d '\000-\010\013\014\016-\037')"
  printf '"%s"' "$s"
}

write_json() {
  local now; now="$(date +%s)"
  {
    printf '{\n  "script": "tools/gpu-check.sh",\n'
    printf '  "started_utc": "%s",\n' "$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo "$start")"
    printf '  "elapsed_seconds": %d,\n  "budget_seconds": %d,\n' "$((now - start))" "$budget"
    printf '  "java": %s,\n  "jar": %s,\n  "shared": %s,\n' "$(json_str "${java:-}")" "$(json_str "${jar:-}")" \
      "$(json_str "${shared:-}")"
    printf '  "passed": %s,\n  "steps": {' "$([[ $failed == 0 ]] && echo true || echo false)"
    local i sep=""
    for i in "${!steps[@]}"; do
      printf '%s\n    %s' "$sep" "${steps[$i]}"
      sep=","
    done
    printf '\n  }\n}\n'
  } >"$json.tmp" && mv "$json.tmp" "$json"
}

record() {  # name status rc seconds result-json error
  local name="$1" status="$2" rc="$3" secs="$4" result="$5" error="$6"
  [[ "$status" == ok ]] || failed=1
  steps+=("$(json_str "$name"): {\"status\": \"$status\", \"rc\": $rc, \"seconds\": $secs, \"result\": $result, \"error\": $(json_str "$error")}")
  write_json
  printf 'gpu-check: %-28s %-8s %ss %s\n' "$name" "$status" "$secs" "${error:0:200}" >&2
}

skip() {  # name why [not_started]: not_started (no time left) leaves the run incomplete, not failed
  local name="$1" status="${3:-skipped}"
  steps+=("$(json_str "$name"): {\"status\": \"$status\", \"rc\": null, \"seconds\": 0, \"result\": null, \"error\": $(json_str "$2")}")
  [[ "$status" == not_started ]] || failed=1
  [[ -n "${defer_json:-}" ]] || write_json
  printf 'gpu-check: %-28s %-8s %s\n' "$name" "$status" "$2" >&2
}

# step NAME TIMEOUT COMMAND...: runs it under its own timeout (cut to what is left of the budget;
# skipped when less than a third of its timeout is left). The command prints one JSON object as its
# last stdout line; exit 0 = passed, 3 = ran but a comparison failed, anything else = error.
step() {
  local name="$1" limit="$2"
  shift 2
  local left=$((budget - ($(date +%s) - start)))
  if ((left < limit / 3 || left < 5)); then
    skip "$name" "not started: ${left}s of the ${budget}s budget left, step needs up to ${limit}s" not_started
    return 125
  fi
  ((limit > left)) && limit=$left
  local t0 t1 rc
  t0="$(date +%s.%N)"
  timeout --kill-after=10 "$limit" "$@" >"$out/logs/$name.out" 2>"$out/logs/$name.err"
  rc=$?
  t1="$(date +%s.%N)"
  local secs; secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  local last; last="$(tail -n 1 "$out/logs/$name.out" 2>/dev/null)"
  local result="null"
  [[ "$last" == \{*\} ]] && result="$last"
  local err; err="$(grep -v '^\s*$' "$out/logs/$name.err" 2>/dev/null | grep -v '^\s*at ' | tail -n 3)"
  case "$rc" in
    0) record "$name" ok 0 "$secs" "$result" "" ;;
    3) record "$name" mismatch 3 "$secs" "$result" "${err:-comparison failed}" ;;
    124 | 137) record "$name" timeout "$rc" "$secs" "$result" "timed out after ${limit}s; ${err}" ;;
    *) record "$name" failed "$rc" "$secs" "$result" "${err:-exit status $rc}" ;;
  esac
  return "$rc"
}

# ---- what the run needs --------------------------------------------------------------------------
java=""
for j in "${GPU_CHECK_JAVA:-}" "$root/build/runtime/bin/java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
  if [[ -n "$j" && -x "$j" ]]; then java="$j"; break; fi
done
jar="$root/cli/target/jmixed.jar"
shared=""
for s in "$root/../shared" "$root/shared"; do
  if [[ -d "$s/reference" && -d "$s/data" ]]; then shared="$(cd "$s" && pwd)"; break; fi
done
if [[ -z "$java" || ! -f "$jar" ]]; then
  record setup failed 2 0 null "$([[ -z "$java" ]] && echo "no java: expected build/runtime/bin/java (tools/jlink-runtime.sh) or java on PATH; ")$([[ ! -f "$jar" ]] && echo "no $jar (build it: ./jmixed --version)")"
  exit 2
fi
jcheck=("$java" "-Xmx$heap" -cp "$jar" org.jmixed.gpu.GpuCheck)
jcheck_kernels=("$java" "-Xmx$heap" -Djmixed.cuda.cusolver=false -cp "$jar" org.jmixed.gpu.GpuCheck)
jcheck_sync_kernels=("$java" "-Xmx$heap" -Djmixed.cuda.syncEachLaunch=true -Djmixed.cuda.cusolver=false -cp "$jar"
  org.jmixed.gpu.GpuCheck)
jcheck_sync=("$java" "-Xmx$heap" -Djmixed.cuda.syncEachLaunch=true -cp "$jar" org.jmixed.gpu.GpuCheck)
jmixed=("$java" "-Xmx$heap" -jar "$jar")

# ---- 1. device and driver facts ------------------------------------------------------------------
facts() {
  if ! command -v nvidia-smi >/dev/null; then
    echo "nvidia-smi not found: no NVIDIA driver on this machine" >&2
    return 1
  fi
  local q cuda
  q="$(nvidia-smi --query-gpu=name,driver_version,memory.total,memory.free,compute_cap,count \
        --format=csv,noheader,nounits 2>&1 | head -n 1)" || { echo "$q" >&2; return 1; }
  cuda="$(nvidia-smi 2>/dev/null | grep -o 'CUDA Version: [0-9.]*' | head -n 1 | cut -d' ' -f3)"
  IFS=',' read -r name driver total free cc count <<<"$q"
  printf '{"gpu": "%s", "driver": "%s", "cuda_version": "%s", "memory_total_mib": %s, "memory_free_mib": %s, "compute_capability": "%s", "gpus": %s, "java": "%s"}\n' \
    "$(echo $name)" "$(echo $driver)" "$cuda" "$(echo $total)" "$(echo $free)" "$(echo $cc)" "$(echo $count)" \
    "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
}
export -f facts
export java
step facts 20 bash -c facts

# ---- 2. the backend finds the device; without one, stop here ---------------------------------------
if ! step probe 60 "${jcheck[@]}" probe; then
  why="no usable CUDA device (see steps.probe): nothing else was run"
  for s in references crossed_1m crossed_1m_kernels dense_20000 dense_40000 dense_cusolver_20000 dense_cusolver_40000 \
      dense_cusolver_84432 movielens movielens_solve crossed_1m_fit_cuda dense_84432; do
    defer_json=1 skip "$s" "$why"
  done
  write_json
  echo "gpu-check: FAILED, no device: $(tail -n 1 "$out/logs/probe.err" 2>/dev/null); results in $json" >&2
  exit 1
fi

# ---- 3. every reference model, cuda against java ----------------------------------------------------
if [[ -z "$shared" ]]; then
  skip references "no shared/ or ../shared with reference/ and data/ next to the working tree"
else
  for ref in "$shared"/reference/*.json; do
    id="$(basename "$ref" .json)"
    dataset="$(sed -n 's/^  "dataset": "\(.*\)",\{0,1\}$/\1/p' "$ref" | head -n 1)"
    formula="$(sed -n 's/^  "formula": "\(.*\)",\{0,1\}$/\1/p' "$ref" | head -n 1)"
    reml="$(sed -n 's/^  "reml": \(true\|false\),\{0,1\}$/\1/p' "$ref" | head -n 1)"
    if [[ -z "$dataset" || -z "$formula" ]]; then
      skip "ref_$id" "could not read dataset and formula from $ref"
      continue
    fi
    ml=()
    [[ "$reml" == false ]] && ml=(--ml)
    step "ref_$id" 60 "${jcheck_sync[@]}" compare --data "$shared/data/$dataset" --formula "$formula" ${ml[@]+"${ml[@]}"}
    # The crossed models once more with our kernels only (factor, tiled LD^-T, tiled inversion):
    # InstEval's dense block (order 1,128 + p + 1) spans many tiles.
    case "$id" in
      *_crossed)
        step "ref_kernels_$id" 60 "${jcheck_sync_kernels[@]}" compare --data "$shared/data/$dataset" \
          --formula "$formula" ${ml[@]+"${ml[@]}"} ;;
    esac
  done
fi

# ---- 4. 1M rows, 100,000 x 10,000 -------------------------------------------------------------------
crossed="$work/crossed_1m.jmx"
formula_crossed='y ~ 1 + x + (1 | user) + (1 | item)'
if step simulate_crossed_1m 60 "${jmixed[@]}" simulate-crossed --rows 1000000 --users 100000 --items 10000 \
    --seed 1 --out "$crossed"; then
  step crossed_1m 150 "${jcheck[@]}" evaluate --data "$crossed" --formula "$formula_crossed" --theta 0.5,0.8 \
    --evals 3 --java --solve
  step crossed_1m_kernels 90 "${jcheck_kernels[@]}" evaluate --data "$crossed" --formula "$formula_crossed" \
    --theta 0.5,0.8 --evals 2 --java --solve
elif [[ $? != 125 ]]; then
  skip crossed_1m "simulate-crossed failed"
  skip crossed_1m_kernels "simulate-crossed failed"
fi

# ---- 5. dense factorization alone -------------------------------------------------------------------
step dense_20000 60 "${jcheck[@]}" dense 20000
step dense_40000 120 "${jcheck[@]}" dense 40000
# cuSOLVER beside it (fails with the reason when the shim finds no libcusolver.so.12/libcublas.so.13)
step dense_cusolver_20000 30 "${jcheck[@]}" dense 20000 --cusolver
step dense_cusolver_40000 40 "${jcheck[@]}" dense 40000 --cusolver
step dense_cusolver_84432 60 "${jcheck[@]}" dense 84432 --cusolver

# ---- 6. MovieLens-32M-shaped evaluation ---------------------------------------------------------------
ml32="$work/movielens_shaped.jmx"
if step simulate_movielens 120 "${jmixed[@]}" simulate-crossed --rows 32000000 --users 200948 --items 84432 \
    --seed 1 --out "$ml32"; then
  step movielens 240 "${jcheck[@]}" evaluate --data "$ml32" --formula "$formula_crossed" --evals 1
  # The device solve at that size (no host copy of the 53 GiB block), conditional variances included.
  step movielens_solve 180 "${jcheck[@]}" evaluate --data "$ml32" --formula "$formula_crossed" --evals 1 --solve
elif [[ $? != 125 ]]; then
  skip movielens "simulate-crossed failed"
  skip movielens_solve "simulate-crossed failed"
fi
rm -f "$ml32"

# ---- 7. if time is left -----------------------------------------------------------------------------
if [[ -f "$crossed" ]]; then
  step crossed_1m_fit_cuda 120 "${jcheck[@]}" compare --data "$crossed" --formula "$formula_crossed" --cuda-only
fi
step dense_84432 200 "${jcheck[@]}" dense 84432

echo "gpu-check: $([[ $failed == 0 ]] && echo PASSED || echo 'FAILED (see the steps)') in $(($(date +%s) - start))s; results in $json" >&2
exit "$failed"
