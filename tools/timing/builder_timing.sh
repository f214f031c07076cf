#!/usr/bin/env bash
# Interleaved timing of PlsProblemBuilder.build() (the cross-products) for two builds of solver-api:
#   tools/timing/builder_timing.sh BASE_JAR NEW_JAR [ROUNDS]
# e.g. BASE_JAR from `git archive <base> | tar -x -C /tmp/base && mvn -o -q -DskipTests package -pl solver-api`
# there. Each line: data set, build, median of 9 builds after 3 warm-up builds in a fresh JVM; the
# order of the two builds alternates between rounds.
set -euo pipefail
base=$1; new=$2; rounds=${3:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/../../../shared/data"
[ -d "$data" ] || data=/work/shared/data
for r in $(seq 1 "$rounds"); do
    for d in "$data/InstEval.csv|y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)" \
             "${CROSSED_1M:-/tmp/crossed-1m.csv}|y ~ 1 + x + (1 | user) + (1 | item)"; do
        f=${d%%|*}; m=${d#*|}
        order="base new"; [ $((r % 2)) -eq 0 ] && order="new base"
        for lab in $order; do
            jar=$base; [ "$lab" = new ] && jar=$new
            echo "$(basename "$f") $lab $(java -cp "$jar" "$here/BuilderTiming.java" "$f" "$m" 9)"
        done
    done
done
