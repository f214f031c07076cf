#!/usr/bin/env bash
# Times one REML fit by jmixed with the gradient-based optimizer, by jmixed with BOBYQA
# (-Djmixed.optimizer=bobyqa) and by lme4's lmer() (tools/r/lme4_bench.R, one lmer() per run),
# interleaved, REPEATS rounds, on this machine; prints each run and the medians.
#   tools/bench/optimizer_vs_lme4.sh FILE.csv FORMULA FACTOR-COLUMNS REPEATS
# jmixed's time is the wall time of the whole command (JVM start, reading, fit, output);
# lme4's is the time inside lmer() alone, as `./bench lme4` reports it. The jar is copied first,
# so that editing the sources meanwhile (./jmixed would rebuild) does not disturb the timing.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
file="$1" formula="$2" factors="$3" reps="$4"
out="$(mktemp)"
jar="$(mktemp --suffix=.jar)"
trap 'rm -f "$out" "$jar"' EXIT
"$root/jmixed" fit --data "$file" --formula "$formula" >/dev/null   # build the jar, warm the page cache
cp "$root/cli/target/jmixed.jar" "$jar"
run_jmixed() {
    local opts="$1" t0 t1
    t0=$(date +%s.%N)
    java -XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Xss16m -XX:-UsePerfData $opts -jar "$jar" \
        fit --data "$file" --formula "$formula" >"$out"
    t1=$(date +%s.%N)
    printf '%s %s\n' "$(echo "$t1 - $t0" | bc)" "$(grep -o '[0-9]* evaluations' "$out" | head -1)"
}
g=() b=() l=()
for i in $(seq 1 "$reps"); do
    rg=$(run_jmixed "-Djmixed.optimizer=gradient")
    rb=$(run_jmixed "-Djmixed.optimizer=bobyqa")
    rl=$(Rscript "$root/tools/r/lme4_bench.R" "$file" "$formula" "$factors" 1 \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["lmerSeconds"][0], d["evaluations"], "evaluations")')
    echo "round $i: gradient ${rg} | bobyqa ${rb} | lme4 lmer() ${rl} s"
    g+=("${rg%% *}") b+=("${rb%% *}") l+=("${rl%% *}")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mg=$(median "${g[@]}") mb=$(median "${b[@]}") ml=$(median "${l[@]}")
echo "medians: gradient $mg s, bobyqa $mb s, lme4 $ml s; lme4/gradient $(echo "scale=2; $ml / $mg" | bc), lme4/bobyqa $(echo "scale=2; $ml / $mb" | bc), bobyqa/gradient $(echo "scale=2; $mb / $mg" | bc)"
