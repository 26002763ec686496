#!/usr/bin/env bash
# Benchmark of `okr check` against a bare YAML parse of the same files (not a test).
#
#   bench/check.sh [--teams N] [--runs R]
#
# Generates an organisation of N teams with ../shared/bench/gen_org.py (cached under
# target/bench/org-N), builds okr and the parse-floor baseline in release, runs them
# alternately R times each, and prints median wall time, the ratio okr/floor and okr's
# peak memory against the targets (okr check <= 1.5x bare parse, <= 64 MiB).
set -euo pipefail

teams=2000
runs=11
while [ $# -gt 0 ]; do
    case "$1" in
        --teams) teams=${2:?--teams needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$teams$runs" in *[!0-9]*) echo "error: --teams and --runs take whole numbers" >&2; exit 2 ;; esac
[ "$teams" -ge 1 ] && [ "$runs" -ge 1 ] || { echo "error: --teams and --runs must be at least 1" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
shared=../shared/bench
[ -f "$shared/gen_org.py" ] || { echo "error: $shared/gen_org.py not found; shared/ must sit beside this repository" >&2; exit 2; }
export OKR_TODAY=2026-12-15

org=target/bench/org-$teams
if [ ! -f "$org/okr.yaml" ]; then
    echo "generating $org ($teams teams)"
    mkdir -p target/bench
    python3 "$shared/gen_org.py" --out "$org.tmp" --teams "$teams" --seed 2026 --commits 0 --force >/dev/null
    rm -rf "$org"
    mv "$org.tmp" "$org"
fi

echo "building okr and parse-floor (release)"
cargo build --release --quiet
cargo build --release --quiet --manifest-path "$shared/parse-floor/Cargo.toml" --target-dir target/parse-floor
okr=target/release/okr
floor=target/parse-floor/release/parse-floor

# A correct checker finds no errors in a generated organisation.
report=$("$okr" -C "$org" check --format json) || {
    echo "error: okr check found errors in $org (or could not run):" >&2
    "$okr" -C "$org" check --color never 2>&1 | tail -n 20 >&2 || true
    exit 1
}
python3 -c 'import json, sys
s = json.loads(sys.argv[1])["summary"]
print("okr check: {errors} errors, {warnings} warnings, {suppressed} suppressed in {files} files".format(**s))' "$report"
"$floor" "$org" >/dev/null  # warm the page cache

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
echo "running floor and okr alternately, $runs times each"
for _ in $(seq "$runs"); do
    sample=$(measure "$floor" "$org")
    echo "floor $sample" >>"$samples"
    sample=$(measure "$okr" -C "$org" check)
    echo "okr $sample" >>"$samples"
done

python3 - "$samples" "$teams" "$runs" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(name, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == name)
floor_s, okr_s = med("floor", 1), med("okr", 1)
floor_mib, okr_mib = med("floor", 2) / 1024, med("okr", 2) / 1024
okr_max_mib = max(float(r[2]) for r in rows if r[0] == "okr") / 1024
ratio = okr_s / floor_s if floor_s else float("nan")  # /usr/bin/time counts in 10 ms steps
verdict = lambda ok: "holds" if ok else "MISSED"
print(f"organisation: {sys.argv[2]} teams, {sys.argv[3]} runs each, medians")
print(f"bare parse (floor): {floor_s:.3f} s, {floor_mib:.1f} MiB")
print(f"okr check:          {okr_s:.3f} s, {okr_mib:.1f} MiB (largest run {okr_max_mib:.1f} MiB)")
print(f"ratio okr/floor:    {ratio:.2f}" + ("" if floor_s else " (too fast to time; use more teams)"))
print(f"target okr check <= 1.5x bare parse: {verdict(round(ratio, 2) <= 1.5) if floor_s else 'unknown'}")
print(f"target okr check <= 64 MiB:          {verdict(okr_max_mib <= 64)}")
PY
