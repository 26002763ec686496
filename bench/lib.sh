# Sourced by the benchmark scripts, from the repository's root: which generator
# of synthetic organisations to use, and a function that runs it.
#
# The benchmarks' earlier figures were measured on organisations made by
# gen_org.py, which lives outside this repository (../shared/bench/gen_org.py).
# When it is there (and python3 runs), the scripts use it, so that new figures
# stay comparable with the old ones; otherwise they use the generator in this
# repository, bench/gen_org.rs (`cargo run --release --example gen_org`), which
# makes organisations of the same shape. BENCH_GENERATOR=rs (or py) chooses.
# BENCH_SHARED=DIR names that outside folder when it is not ../shared (say, from a
# git worktree elsewhere): absolute, or relative to the repository's root.
#
# Sets shared (that folder), gen_tag (`py` or `rs`, part of the cached
# organisations' folder names, so that the two are never mixed up) and gen_name,
# and defines
#   gen_org OUT TEAMS SEED COMMITS
# which generates into OUT (replacing it).

shared=${BENCH_SHARED:-../shared}
shared=${shared%/}
shared_gen=$shared/bench/gen_org.py
case "${BENCH_GENERATOR:-}" in
    py)
        [ -f "$shared_gen" ] || { echo "error: BENCH_GENERATOR=py, but $shared_gen is not there" >&2; exit 2; }
        gen_tag=py ;;
    rs) gen_tag=rs ;;
    '')
        if [ -f "$shared_gen" ] && command -v python3 >/dev/null 2>&1; then gen_tag=py; else gen_tag=rs; fi ;;
    *) echo "error: BENCH_GENERATOR is py or rs, not ${BENCH_GENERATOR}" >&2; exit 2 ;;
esac
if [ "$gen_tag" = py ]; then
    gen_name="$shared_gen"
else
    gen_name="bench/gen_org.rs"
fi

gen_org() { # OUT TEAMS SEED COMMITS
    local out=$1 teams=$2 seed=$3 commits=$4
    echo "generating $out ($teams teams, seed $seed, $commits commits) with $gen_name" >&2
    mkdir -p "$(dirname "$out")"
    if [ "$gen_tag" = py ]; then
        python3 "$shared_gen" --out "$out.tmp" --teams "$teams" --seed "$seed" --commits "$commits" --force >/dev/null
    else
        cargo run --release --quiet --example gen_org -- \
            --out "$out.tmp" --teams "$teams" --seed "$seed" --commits "$commits" --force >&2
    fi
    rm -rf "$out"
    mv "$out.tmp" "$out"
}
