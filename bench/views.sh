#!/usr/bin/env bash
# Benchmark of `okr status` (not a test).
#
#   bench/views.sh [--runs R]
#
# Two measurements, each run alternately R times and compared by medians:
#   1. `okr status` against `git status` in the same repository, on a 20-team
#      organisation with 200 check-in commits (target: at most 3x);
#   2. `okr status` against `okr check` on the 2,000-team organisation
#      (target: at most 1.5x; both load every file, status then renders the table).
# The organisations are generated once (see bench/lib.sh for which generator) and
# cached under target/bench/.
set -euo pipefail

runs=21
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/lib.sh
export OKR_TODAY=2026-12-15

generate() { # TEAMS COMMITS
    local org=target/bench/org-$gen_tag-$1-c$2
    [ -f "$org/okr.yaml" ] || gen_org "$org" "$1" 2026 "$2"
    echo "$org"
}
small=$(generate 20 200)
large=$(generate 2000 0)
echo "organisations: $small, $large (generator $gen_name)"

echo "building okr (release)"
cargo build --release --quiet
okr=$PWD/target/release/okr

# Alternates the commands, times each run with a monotonic clock, prints medians.
compare() { # LABEL DIR TARGET CMD_A -- CMD_B
    python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1]); label, cwd, target = sys.argv[2:5]
rest = sys.argv[5:]; cut = rest.index("--")
a, b = rest[:cut], rest[cut + 1:]
for cmd in (a, b):  # warm up, and fail loudly
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
ta, tb = [], []
for _ in range(runs):
    for cmd, out in ((a, ta), (b, tb)):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
ma, mb = statistics.median(ta), statistics.median(tb)
ratio = ma / mb
verdict = "holds" if ratio <= float(target) else "MISSED"
print(f"{label}: {' '.join(a[-2:])} {ma*1000:.1f} ms, {' '.join(b[-2:])} {mb*1000:.1f} ms, "
      f"ratio {ratio:.2f} (target <= {target}: {verdict})")
PY
}

compare "20 teams, 200 commits" "$small" 3 "$okr" status -- git status
compare "2,000 teams" "$large" 1.5 "$okr" status -- "$okr" check
