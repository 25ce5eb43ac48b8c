#!/usr/bin/env bash
# Runs the logctx benchmarks and writes
#   benchmarks/results/<date>-<mode>.json   JMH's JSON (-rf json; -prof gc and CpuTimeProfiler)
#   benchmarks/results/latest.md            the markdown table (ratios against the hand-written copy)
#   benchmarks/results/handoff-by-size.svg  the chart: cost of one handoff against the MDC size
#
# Usage: benchmarks/run.sh quick|full [more JMH options, e.g. a benchmark regex or -p size=5]
#   quick  1 fork, 2 warm-up iterations of 1 s + 6 measurement iterations of 0.5 s, MDC sizes 0,
#          5 and 50: about 12 minutes on 2 cores, build included. A first look, a before/after check.
#   full   2 forks, 5 warm-up + 5 measurement iterations of 1 s, MDC sizes 0, 1, 5, 20 and 50:
#          about 75 minutes on 2 cores. For the numbers you publish.
#
# Needs only a JDK 17+: it builds what it needs with the Maven wrapper, from a clean clone too.
# Close other heavy work first: on a busy machine the numbers are noisy (compare within one run).
set -euo pipefail

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
case "$mode" in
  quick) options=(-f 1 -wi 2 -w 1s -i 6 -r 500ms -p size=0,5,50) ;;
  full) options=(-f 2 -wi 5 -w 1s -i 5 -r 1s -p size=0,1,5,20,50) ;;
  *) usage ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

./mvnw -B -q -pl benchmarks -am package -DskipTests

jar=benchmarks/target/benchmarks.jar
results=benchmarks/results
mkdir -p "$results"
json="$results/$(date -u +%Y-%m-%dT%H%M%SZ)-$mode.json"

java -jar "$jar" "${options[@]}" -prof gc -prof dev.logctx.benchmarks.CpuTimeProfiler \
  -rf json -rff "$json" "$@"
java -cp "$jar" dev.logctx.benchmarks.ResultTable "$json" "$results/latest.md"
java -cp "$jar" dev.logctx.benchmarks.HandoffChart "$json" "$results/handoff-by-size.svg"
echo "results: $json, $results/latest.md and $results/handoff-by-size.svg"
