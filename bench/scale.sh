#!/usr/bin/env bash
# Scaling benchmark of okr's commands (not a test).
#
#   bench/scale.sh [--runs N] [--timeout S] [--quick] [--only teams,commits,ratios] [--okr BIN]
#   bench/scale.sh --compare OLD.json [NEW.json]
#
# Generates (once; cached under target/bench/, with the generator bench/lib.sh
# chooses, seed 2026) organisations of 2,000 and 10,000 teams without check-ins,
# of 400 teams with 10,000 and 30,000 check-in commits, and of 2,000 teams with
# 20,000; builds okr in release (or measures BIN); then runs check, status,
# status --format json, status --by team, tree, show REF, board, history and
# report on each pair of sizes alternately, N times (default 5), with
# OKR_TODAY=2026-12-15, each run stopped after S seconds (default 300). Prints
# one table (median wall time, peak memory, the growth exponent
# log(t2/t1)/log(n2/n1) between the sizes), then the ratios of the scaling
# targets: tree against status --format json, show and status --by team against
# status, history against git log -p (warm, after one new check-in commit, with
# no .git/okr), check against the bare parse (parse-floor in ../shared/bench or
# $BENCH_SHARED/bench, when it is there). Writes the same to
# target/bench/scale-STAMP.{json,tsv,txt} and target/bench/scale-latest.*;
# --compare prints two such runs side by side. --quick: smaller sizes, 3 runs,
# about a minute. A full run takes 7 minutes on 2 busy cores. Needs python3,
# git and cargo. See bench/README.md.
set -euo pipefail
export BENCH_START_DIR=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v python3 >/dev/null 2>&1 || { echo "error: bench/scale.sh needs python3" >&2; exit 2; }
exec python3 bench/scale.py "$@"
