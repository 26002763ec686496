#!/usr/bin/env bash
# Benchmark of `okr history` and of the cost of the `stale` rule (not a test).
#
#   bench/history.sh [--org DIR] [--runs R] [--okr BIN]    # or OKR_BENCH_ORG=DIR, BENCH_RUNS=R
#
# Uses the large organisation (gen_org --teams 2000 --seed 1 --commits 20000:
# 2,001 files, 20,002 commits) in DIR, default target/bench/org-GEN-2000-s1-c20000,
# generating it first when DIR has no okr.yaml (GEN: `py` with
# ../shared/bench/gen_org.py, used when it is there, else `rs` with
# bench/gen_org.rs; see bench/lib.sh). Builds okr in release (or measures
# BIN, an okr built elsewhere, say from an older commit), then runs three
# comparisons, each alternately R times (default 7), by medians of wall time and
# peak memory (/usr/bin/time -f '%e %M'), with OKR_TODAY=2026-12-15:
#   1. okr history --format json against git log -p --format=%H%x09%an%x09%ad -- okrs/
#      (targets: at most 1.0x the time, peak memory no more than git log's);
#   2. okr check against okr check without the stale rule (`stale: off` in okr.yaml
#      of a temporary copy of DIR; DIR itself is not changed) (target: at most 1.5x);
#   3. okr check as on a first run (its values cache removed before each run, in
#      another copy) against okr check without the stale rule.
set -euo pipefail

org=${OKR_BENCH_ORG:-}
runs=${BENCH_RUNS:-7}
bin=
while [ $# -gt 0 ]; do
    case "$1" in
        --org) org=${2:?--org needs a folder}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --okr) bin=${2:?--okr needs a file}; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$runs" in ''|*[!0-9]*) echo "error: --runs takes a whole number" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "error: --runs must be at least 1" >&2; exit 2; }

# A relative --org or --okr is relative to where the script was started.
[ -z "$org" ] || case "$org" in /*) ;; *) org=$PWD/$org ;; esac
[ -z "$bin" ] || case "$bin" in /*) ;; *) bin=$PWD/$bin ;; esac
[ -z "$bin" ] || [ -x "$bin" ] || { echo "error: $bin is not an executable" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. bench/lib.sh
export OKR_TODAY=2026-12-15
org=${org:-$PWD/target/bench/org-$gen_tag-2000-s1-c20000}
org=${org%/}

[ -f "$org/okr.yaml" ] || gen_org "$org" 2000 1 20000
echo "organisation: $org"
git -C "$org" rev-parse --verify -q HEAD >/dev/null || { echo "error: $org is not a git repository with commits" >&2; exit 2; }

if [ -z "$bin" ]; then
    echo "building okr (release)"
    cargo build --release --quiet
    src="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [ -z "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ] || src="$src + uncommitted changes"
    echo "okr built from $src"
    bin=target/release/okr
else
    echo "okr: $bin"
fi

# The organisation without the stale rule: a copy whose okr.yaml says `stale: off`
# under rules.levels (left uncommitted; okr reads okr.yaml from the working tree).
mkdir -p target/bench
work=$(mktemp -d "$PWD/target/bench/history.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A copy of the binary, so that a build running beside the benchmark cannot swap it.
okr=$work/okr
cp "$bin" "$okr"
nostale=$work/org-nostale
cp -a "$org" "$nostale"
# The organisation as on a first run of stale: a copy whose values cache is removed before each run.
cold=$work/org-cold
cp -a "$org" "$cold"
python3 - "$nostale/okr.yaml" <<'PY'
import re, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
def block_end(start, indent):
    """Index after the lines of the block opened at `start` (indented more than indent)."""
    i = start + 1
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")
                              or len(lines[i]) - len(lines[i].lstrip()) > indent):
        i += 1
    return i
rules = next((i for i, l in enumerate(lines) if re.match(r"rules:\s*(#.*)?$", l)), None)
if rules is None:
    while lines and not lines[-1].strip():
        lines.pop()
    lines += ["rules:", "  levels:", "    stale: off", ""]
else:
    end = block_end(rules, 0)
    levels = next((i for i in range(rules + 1, end) if re.match(r"  levels:\s*(#.*)?$", lines[i])), None)
    if levels is None:
        lines.insert(rules + 1, "  levels:")
        lines.insert(rules + 2, "    stale: off")
    else:
        lend = block_end(levels, 2)
        stale = next((i for i in range(levels + 1, lend) if re.match(r"    stale:", lines[i])), None)
        if stale is None:
            lines.insert(levels + 1, "    stale: off")
        else:
            lines[stale] = "    stale: off"
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY

# Warm-up runs (also the page cache), and checks that the comparison means something.
"$okr" -C "$org" history --format json >"$work/history.json"
git -C "$org" log -p --format=%H%x09%an%x09%ad -- okrs/ >/dev/null
"$okr" -C "$org" check --format json >"$work/with.json" || { echo "error: okr check found errors in $org (or could not run)" >&2; exit 1; }
"$okr" -C "$nostale" check --format json >"$work/without.json" || { echo "error: okr check found errors in the copy without stale (or could not run)" >&2; exit 1; }
python3 - "$work" "$(git -C "$org" rev-list --count HEAD)" "$(git -C "$org" rev-list --count HEAD -- okrs/)" <<'PY'
import collections, json, sys
work, commits, touching = sys.argv[1], sys.argv[2], sys.argv[3]
h = json.load(open(f"{work}/history.json"))["checkins"]
print(f"organisation: {commits} commits, {touching} of them touch okrs/; "
      f"okr history: {len(h)} check-ins in {len({c['commit'] for c in h})} commits")
for name in ("with", "without"):
    d = json.load(open(f"{work}/{name}.json"))
    rules = collections.Counter(f["rule"] for f in d["findings"])
    print(f"okr check {name + ' stale:':14} {d['summary']['files']} files, "
          f"{d['summary']['errors']} errors, {d['summary']['warnings']} warnings "
          f"({', '.join(f'{n} {r}' for r, n in sorted(rules.items())) or 'none'})")
    if name == "with" and not rules["stale"]:
        print("warning: no stale findings; is OKR_TODAY inside a running cycle?")
    if name == "without" and rules["stale"]:
        sys.exit("error: the copy still reports stale findings; `stale: off` did not take")
PY

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

samples=$work/samples
echo "1. okr history and git log alternately, $runs times each"
for _ in $(seq "$runs"); do
    echo "gitlog $(measure git -C "$org" log -p --format=%H%x09%an%x09%ad -- okrs/)" >>"$samples"
    echo "history $(measure "$okr" -C "$org" history --format json)" >>"$samples"
done
echo "2. okr check with and without the stale rule alternately, $runs times each"
for _ in $(seq "$runs"); do
    echo "without $(measure "$okr" -C "$nostale" check)" >>"$samples"
    echo "with $(measure "$okr" -C "$org" check)" >>"$samples"
done
echo "3. okr check without its values cache and without the stale rule alternately, $runs times each"
for _ in $(seq "$runs"); do
    echo "without2 $(measure "$okr" -C "$nostale" check)" >>"$samples"
    rm -f "$cold/.git/okr/values-cache" "$cold/.git/okr/values-cache.json"
    echo "cold $(measure "$okr" -C "$cold" check)" >>"$samples"
done

python3 - "$samples" "$runs" "$org" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def col(name, i):
    return [float(r[i]) for r in rows if r[0] == name]
def med(name, i):
    return statistics.median(col(name, i))
def line(label, name):
    s, mib, top = med(name, 1), med(name, 2) / 1024, max(col(name, 2)) / 1024
    lo, hi = min(col(name, 1)), max(col(name, 1))
    print(f"  {label:26} {s:6.3f} s ({lo:.2f}-{hi:.2f}), {mib:6.1f} MiB (largest {top:.1f} MiB)")
def ratio(a, b):
    return a / b if b else float("nan")  # /usr/bin/time counts in 10 ms steps
verdict = lambda ok: "holds" if ok else "MISSED"
print(f"{sys.argv[3]}: {sys.argv[2]} runs each, medians (range of wall times)")
line("git log -p -- okrs/", "gitlog")
line("okr history --format json", "history")
t = ratio(med("history", 1), med("gitlog", 1))
m = ratio(med("history", 2), med("gitlog", 2))
print(f"  ratio history/git log: time {t:.2f}, peak memory {m:.2f}")
print(f"  target time <= 1.0x git log:        {verdict(round(t, 2) <= 1.0)}")
print(f"  target peak memory <= git log's:    {verdict(med('history', 2) <= med('gitlog', 2))}"
      f" (largest runs: {verdict(max(col('history', 2)) <= max(col('gitlog', 2)))})")
line("okr check without stale", "without")
line("okr check with stale", "with")
c = ratio(med("with", 1), med("without", 1))
print(f"  ratio with/without stale: time {c:.2f}, peak memory {ratio(med('with', 2), med('without', 2)):.2f}")
print(f"  target with stale <= 1.5x without: {verdict(round(c, 2) <= 1.5)}")
line("okr check without stale", "without2")
line("okr check, no values cache", "cold")
c = ratio(med("cold", 1), med("without2", 1))
print(f"  ratio first run/without stale: time {c:.2f}, peak memory {ratio(med('cold', 2), med('without2', 2)):.2f}")
PY
