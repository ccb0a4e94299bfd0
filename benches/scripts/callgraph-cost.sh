#!/usr/bin/env bash
# What building the call graph costs on top of the cold scan (issue 5's
# bound: at most 30%), on the Go distribution's tree.
#
#   bash benches/scripts/callgraph-cost.sh [ROUNDS] [GOSEAM...]
#
# Each round runs, one after the other, `goseam scan` with the first binary
# and `goseam callgraph --format text` with each binary given (default:
# target/release/goseam), all cold (`--no-cache`), under /usr/bin/time.
# It prints each run, then per binary the medians of CPU (user + sys) and
# wall time and peak memory, and the median over rounds of the call graph's
# time divided by the scan's of the same round: on a shared machine whose
# speed drifts over minutes, runs a few seconds apart compare better than
# medians taken over the whole session. With several binaries, each is
# also compared with the first, round by round (an A/B of a change).
# Timings go nowhere else: they are figures for notes and the README, never
# assertions of a test.
set -euo pipefail
rounds=${1:-5}
shift || true
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=(target/release/goseam)
G=${GOSEAM_GOROOT_SRC:-$(go env GOROOT)/src}
[ -d "$G" ] || { echo "no Go tree at $G: bash corpus/gostd.sh" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed for the summary" >&2; exit 1; }
t=$(mktemp)
trap 'rm -f "$t"' EXIT
for r in $(seq "$rounds"); do
  /usr/bin/time -f "$r scan %e %U %S %M" -o "$t" "${bins[0]}" scan --root "$G" --no-cache -q >/dev/null 2>&1
  cat "$t"
  for i in "${!bins[@]}"; do
    /usr/bin/time -f "$r callgraph#$i %e %U %S %M" -o "$t" "${bins[$i]}" callgraph --root "$G" \
      --no-cache -q --format text --include-vendor >/dev/null 2>&1
    cat "$t"
  done
done | tee /dev/stderr | python3 -c '
import sys, statistics as st
runs = {}
for line in sys.stdin:
    r, what, wall, user, sys_, rss = line.split()
    runs.setdefault(what, {})[r] = (float(wall), float(user) + float(sys_), int(rss))
scan = runs.pop("scan")
def med(v): return st.median(v)
def row(name, v):
    print("%-12s cpu %6.2f s  wall %6.2f s  peak %5d MB  (medians of %d)" % (
        name, med([x[1] for x in v.values()]), med([x[0] for x in v.values()]),
        max(x[2] for x in v.values()) // 1024, len(v)))
row("scan", scan)
for name, v in sorted(runs.items()):
    row(name, v)
    cpu = sorted(v[r][1] / scan[r][1] for r in v)
    wall = sorted(v[r][0] / scan[r][0] for r in v)
    print("%-12s / scan of its round: cpu median %.3f (%.3f-%.3f), wall median %.3f (%.3f-%.3f)" % (
        name, med(cpu), cpu[0], cpu[-1], med(wall), wall[0], wall[-1]))
    first = runs["callgraph#0"]
    if name != "callgraph#0":
        cpu = sorted(v[r][1] / first[r][1] for r in v)
        print("%-12s / callgraph#0 of its round: cpu median %.3f (%.3f-%.3f)" % (
            name, med(cpu), cpu[0], cpu[-1]))
'
