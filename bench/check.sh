#!/usr/bin/env bash
# Benchmark of `okr check` against a bare YAML parse of the same files (not a test).
#
#   bench/check.sh [--teams N] [--runs R]
#
# Generates an organisation of N teams (cached under target/bench/org-GEN-N; GEN is
# `py` for ../shared/bench/gen_org.py, used when it is there, else `rs` for
# bench/gen_org.rs; see bench/lib.sh), builds okr and the parse-floor baseline
# (../shared/bench/parse-floor) in release, runs them alternately R times each, and
# prints median wall time, the ratio okr/floor and okr's peak memory against the
# targets (okr check <= 1.5x bare parse, <= 64 MiB). Without ../shared (or
# BENCH_SHARED) it measures okr check alone and says that the ratio needs the baseline.
set -euo pipefail

teams=2000
runs=11
while [ $# -gt 0 ]; do
    case "$1" in
        --teams) teams=${2:?--teams needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$teams$runs" in *[!0-9]*) echo "error: --teams and --runs take whole numbers" >&2; exit 2 ;; esac
[ "$teams" -ge 1 ] && [ "$runs" -ge 1 ] || { echo "error: --teams and --runs must be at least 1" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/lib.sh
export OKR_TODAY=2026-12-15

org=target/bench/org-$gen_tag-$teams
[ -f "$org/okr.yaml" ] || gen_org "$org" "$teams" 2026 0
echo "organisation: $org (generator $gen_name)"

okr=target/release/okr
floor=target/parse-floor/release/parse-floor
floor_src=$shared/bench/parse-floor
if [ -f "$floor_src/Cargo.toml" ]; then
    echo "building okr and parse-floor (release)"
    cargo build --release --quiet
    cargo build --release --quiet --manifest-path "$floor_src/Cargo.toml" --target-dir target/parse-floor
else
    echo "building okr (release); no baseline: $floor_src is not there, so only okr check is timed"
    cargo build --release --quiet
    floor=
fi

# A correct checker finds no errors in a generated organisation.
report=$("$okr" -C "$org" check --format json) || {
    echo "error: okr check found errors in $org (or could not run):" >&2
    "$okr" -C "$org" check --color never 2>&1 | tail -n 20 >&2 || true
    exit 1
}
# (On stdin: with the stale warnings of a history-less organisation, the report is
# larger than one command-line argument may be.)
printf '%s' "$report" | python3 -c 'import collections, json, sys
d = json.load(sys.stdin)
s = d["summary"]
rules = collections.Counter(f["rule"] for f in d["findings"])
print("okr check: {errors} errors, {warnings} warnings, {suppressed} suppressed in {files} files".format(**s)
      + (" (" + ", ".join(f"{n} {r}" for r, n in sorted(rules.items())) + ")" if rules else ""))'
[ -z "$floor" ] || "$floor" "$org" >/dev/null  # warm the page cache
"$okr" -C "$org" check >/dev/null || true

# measure CMD...: prints "SECONDS PEAK_KIB" and fails when CMD fails.
if [ -x /usr/bin/time ] && [ -z "${BENCH_NO_TIME:-}" ]; then
    measure() {
        local out
        out=$(/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null) || { echo "error: $* failed: $out" >&2; return 1; }
        printf '%s\n' "$out" | tail -n 1
    }
else
    # Without GNU time: python3 times the run. The child starts as a copy of python3,
    # so a peak below about 10 MiB reads as python3's own size; larger peaks are exact.
    measure() {
        python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
if code:
    sys.exit(f"error: {' '.join(sys.argv[1:])} exited {code}")
print(f"{wall:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
    }
fi

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
echo "running ${floor:+floor and }okr${floor:+ alternately}, $runs times each"
for _ in $(seq "$runs"); do
    if [ -n "$floor" ]; then
        sample=$(measure "$floor" "$org")
        echo "floor $sample" >>"$samples"
    fi
    sample=$(measure "$okr" -C "$org" check)
    echo "okr $sample" >>"$samples"
done

python3 - "$samples" "$teams" "$runs" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(name, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == name)
has_floor = any(r[0] == "floor" for r in rows)
okr_s, okr_mib = med("okr", 1), med("okr", 2) / 1024
okr_max_mib = max(float(r[2]) for r in rows if r[0] == "okr") / 1024
verdict = lambda ok: "holds" if ok else "MISSED"
print(f"organisation: {sys.argv[2]} teams, {sys.argv[3]} runs each, medians")
if has_floor:
    floor_s, floor_mib = med("floor", 1), med("floor", 2) / 1024
    ratio = okr_s / floor_s if floor_s else float("nan")  # /usr/bin/time counts in 10 ms steps
    print(f"bare parse (floor): {floor_s:.3f} s, {floor_mib:.1f} MiB")
print(f"okr check:          {okr_s:.3f} s, {okr_mib:.1f} MiB (largest run {okr_max_mib:.1f} MiB)")
if has_floor:
    print(f"ratio okr/floor:    {ratio:.2f}" + ("" if floor_s else " (too fast to time; use more teams)"))
    print(f"target okr check <= 1.5x bare parse: {verdict(round(ratio, 2) <= 1.5) if floor_s else 'unknown'}")
else:
    print("target okr check <= 1.5x bare parse: unknown (the baseline, parse-floor in ../shared/bench or $BENCH_SHARED/bench, is not there)")
print(f"target okr check <= 64 MiB:          {verdict(okr_max_mib <= 64)}")
PY
