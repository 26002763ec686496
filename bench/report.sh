#!/usr/bin/env bash
# Benchmark of `okr report --format html` against `okr history` + `okr check` (not a test).
#
#   bench/report.sh [--org DIR] [--runs R]    # or OKR_BENCH_ORG=DIR, BENCH_RUNS=R
#
# Uses the large organisation (gen_org --teams 2000 --seed 1 --commits 20000) in
# DIR, default target/bench/org-GEN-2000-s1-c20000, generating it first when DIR
# has no okr.yaml (GEN: see bench/lib.sh and bench/history.sh). Builds okr in
# release, then alternately R times (default 7) runs
#   A. okr report --format html -o FILE
#   B. okr history --format json, then okr check (their times added up)
# with OKR_TODAY=2026-12-15, and prints the medians and the ratio A/B (target: at
# most 1.25: the report walks history once, not once per chart).
set -euo pipefail

org=${OKR_BENCH_ORG:-}
runs=${BENCH_RUNS:-7}
while [ $# -gt 0 ]; do
    case "$1" in
        --org) org=${2:?--org needs a folder}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$runs" in ''|*[!0-9]*) echo "error: --runs takes a whole number" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "error: --runs must be at least 1" >&2; exit 2; }
[ -z "$org" ] || case "$org" in /*) ;; *) org=$PWD/$org ;; esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/lib.sh
export OKR_TODAY=2026-12-15
org=${org:-$PWD/target/bench/org-$gen_tag-2000-s1-c20000}
org=${org%/}
[ -f "$org/okr.yaml" ] || gen_org "$org" 2000 1 20000
echo "organisation: $org"

echo "building okr (release)"
cargo build --release --quiet
mkdir -p target/bench
work=$(mktemp -d "$PWD/target/bench/report.XXXXXX")
trap 'rm -rf "$work"' EXIT
okr=$work/okr
cp target/release/okr "$okr"

# Warm-up (page cache, values cache), and what the report holds.
"$okr" -C "$org" report --format html -o "$work/report.html" 2>/dev/null
"$okr" -C "$org" history --format json >/dev/null
"$okr" -C "$org" check >/dev/null || true
echo "report: $(wc -c <"$work/report.html") bytes, $(grep -o '<svg class="chart"' "$work/report.html" | wc -l) charts, $(grep -o '<svg class="spark"' "$work/report.html" | wc -l) sparklines"

# seconds CMD...: wall time in seconds (okr check may exit 1 on findings).
seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
    end=$(date +%s%N)
    printf '%d.%09d\n' $(((end - start) / 1000000000)) $(((end - start) % 1000000000))
}
samples=$work/samples
for _ in $(seq "$runs"); do
    echo "report $(seconds "$okr" -C "$org" report --format html -o "$work/report.html")" >>"$samples"
    h=$(seconds "$okr" -C "$org" history --format json)
    c=$(seconds "$okr" -C "$org" check)
    echo "history $h" >>"$samples"
    echo "check $c" >>"$samples"
    echo "both $(python3 -c "print($h + $c)")" >>"$samples"
done
python3 - "$samples" "$runs" "$org" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = lambda name: statistics.median(float(r[1]) for r in rows if r[0] == name)
print(f"{sys.argv[3]}: {sys.argv[2]} runs each, medians")
for name, label in [("report", "okr report --format html"), ("history", "okr history --format json"),
                    ("check", "okr check"), ("both", "history + check")]:
    print(f"  {label:28} {med(name):6.3f} s")
r = med("report") / med("both")
print(f"  ratio report/(history + check): {r:.2f}; target <= 1.25: {'holds' if round(r, 2) <= 1.25 else 'MISSED'}")
PY
