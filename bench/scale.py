#!/usr/bin/env python3
"""Scaling benchmark of okr's commands (not a test), run by bench/scale.sh.

Generates (once, cached under target/bench/) organisations of growing size with
the generator bench/lib.sh chooses, runs every command on them alternately,
and prints one table: median wall time and peak memory per command and size,
the growth exponent between the two sizes, and the ratios issue targets are
stated in. Writes the same as JSON and TSV under target/bench/.
See bench/README.md, "Scaling: bench/scale.sh".
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TODAY = "2026-12-15"
SEED = 2026
# Sizes: the two team counts (no check-ins), the team count and two check-in
# counts of the history pair, and the organisation of the history and check ratios.
SIZES = {
    "full": {"teams": (2000, 10000), "hist_teams": 400, "commits": (10000, 30000), "ratios": (2000, 20000)},
    "quick": {"teams": (200, 1000), "hist_teams": 100, "commits": (1000, 3000), "ratios": (200, 2000)},
}
# The commands of the table: name, arguments (REF and OUT filled in per run).
COMMANDS = [
    ("check", ["check", "--format", "json"]),
    ("status", ["status"]),
    ("status --format json", ["status", "--format", "json"]),
    ("status --by team", ["status", "--by", "team"]),
    ("tree", ["tree"]),
    ("show REF", ["show", "{ref}"]),
    ("board", ["board"]),
    ("history", ["history", "--format", "json"]),
    ("report", ["report", "--format", "html", "-o", "{out}"]),
]
GIT_LOG = ["git", "log", "-p", "--format=%H%x09%an%x09%ad", "--", "okrs/"]
# Exit codes that mean "ran": check exits 1 when it finds errors; a generated
# organisation has none, but a finding must not make the benchmark fail.
OK_CODES = {"check": {0, 1}}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt_int(n):
    return f"{n:,}"


# --------------------------------------------------------------------------
# running and timing one command


class Runner:
    def __init__(self, timeout, work):
        self.timeout = timeout
        self.work = work
        self.gnu_time = shutil.which("time", path="/usr/bin") if not os.environ.get("BENCH_NO_TIME") else None
        env = dict(os.environ)
        env.update({
            "OKR_TODAY": TODAY,
            "NO_COLOR": "1",
            # Hermetic git: no user or system configuration; an identity and a
            # date for the check-in commits of the history ratios.
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
            "GIT_AUTHOR_DATE": f"{TODAY}T12:00:00+08:00", "GIT_COMMITTER_DATE": f"{TODAY}T12:00:00+08:00",
        })
        env.pop("COLUMNS", None)
        self.env = env
        self.stderr_path = os.path.join(work, "stderr")

    def run(self, argv, cwd=None, stdout_path=None, ok_codes=frozenset({0}), timeout=None):
        """Runs argv once; returns {"s": wall seconds, "kib": peak RSS} or
        {"timeout": True} (after `timeout` seconds, default the benchmark's);
        raises on an unexpected exit code."""
        rss_path = os.path.join(self.work, "rss")
        cmd = list(argv)
        if self.gnu_time:
            cmd = [self.gnu_time, "-f", "%M", "-o", rss_path, "--"] + cmd
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        err = open(self.stderr_path, "wb")
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, env=self.env, stdout=out, stderr=err,
                                    start_new_session=True)
            timed_out = threading.Event()

            def kill():
                timed_out.set()
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the process group this run started
                except ProcessLookupError:
                    pass

            timer = threading.Timer(timeout or self.timeout, kill)
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            except BaseException:  # interrupted: stop the run too, it is in its own session
                kill()
                os.wait4(proc.pid, 0)
                raise
            finally:
                timer.cancel()
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout_path:
                out.close()
            err.close()
        if timed_out.is_set():
            return {"timeout": True}
        if proc.returncode not in ok_codes:
            tail = open(self.stderr_path, errors="replace").read()[-2000:]
            raise RuntimeError(f"{' '.join(argv)} (in {cwd}) exited {proc.returncode}:\n{tail}")
        if self.gnu_time:
            # The last line; GNU time writes "Command exited with non-zero status N" before it.
            kib = int(open(rss_path).read().split()[-1])
        else:
            kib = usage.ru_maxrss  # of this child alone (wait4), in KiB on Linux
        return {"s": round(wall, 4), "kib": kib}


# Untimed runs that prepare a measurement (the reference to show, the check-ins)
# get at least this long, whatever --timeout says.
SETUP_TIMEOUT = 600


class Series:
    """The runs of one command on one organisation."""

    def __init__(self):
        self.samples = []
        self.timeout = None  # seconds, when a run was stopped
        self.skipped = False

    def add(self, result, timeout):
        if result.get("timeout"):
            self.timeout = timeout
            self.skipped = True
        else:
            self.samples.append(result)

    def median_s(self):
        return statistics.median(r["s"] for r in self.samples) if self.samples and not self.timeout else None

    def median_mib(self):
        return statistics.median(r["kib"] for r in self.samples) / 1024 if self.samples else None

    def max_mib(self):
        return max(r["kib"] for r in self.samples) / 1024 if self.samples else None

    def to_json(self):
        return {
            "median_s": self.median_s(),
            "min_s": min((r["s"] for r in self.samples), default=None),
            "max_s": max((r["s"] for r in self.samples), default=None),
            "median_mib": round(self.median_mib(), 1) if self.samples else None,
            "max_mib": round(self.max_mib(), 1) if self.samples else None,
            "runs": len(self.samples),
            "timeout_s": self.timeout,
            "samples": self.samples,
        }

    def cell_s(self):
        if self.timeout:
            return f">{self.timeout:g} s"
        m = self.median_s()
        return "-" if m is None else f"{m:.3f} s"

    def cell_mib(self):
        m = self.max_mib() if self.timeout else self.median_mib()
        return "-" if m is None else f"{m:.1f} MiB"


def exponent(a: Series, b: Series, n1, n2):
    """log(t2/t1)/log(n2/n1), a lower bound (">x") when the larger run timed out."""
    t1 = a.median_s()
    if t1 is None or t1 <= 0:
        return None, "?"
    if b.timeout:
        e = math.log(b.timeout / t1) / math.log(n2 / n1)
        return None, f">{e:.2f}"
    t2 = b.median_s()
    if t2 is None or t2 <= 0:
        return None, "?"
    e = math.log(t2 / t1) / math.log(n2 / n1)
    return round(e, 3), f"{e:.2f}"


def ratio(a: Series, b: Series):
    ta, tb = a.median_s(), b.median_s()
    if a.timeout and tb:
        return None, f">{a.timeout / tb:.2f}"
    if ta is None or not tb:
        return None, "?"
    return round(ta / tb, 3), f"{ta / tb:.2f}"


def verdict(value, target):
    if value is None:
        return "unknown"
    return "holds" if round(value, 2) <= target else "MISSED"


# --------------------------------------------------------------------------
# the benchmark


class Bench:
    def __init__(self, args):
        self.args = args
        self.size = SIZES["quick" if args.quick else "full"]
        self.work = tempfile.mkdtemp(prefix="scale.", dir=os.path.abspath("target/bench"))
        self.runner = Runner(args.timeout, self.work)
        self.okr = os.path.join(self.work, "okr")
        shutil.copy2(args.okr_bin, self.okr)  # so a build beside the benchmark cannot swap it
        self.results = {"orgs": {}, "series": {}, "exponents": {}, "ratios": [], "loadavg": []}

    def load_note(self, when):
        one, five, fifteen = os.getloadavg()
        self.results["loadavg"].append({"when": when, "at": now_utc(), "1m": one, "5m": five, "15m": fifteen})
        log(f"[{time.strftime('%H:%M:%S')}] {when}: load average {one:.2f} {five:.2f} {fifteen:.2f}")

    def measure(self, series, argv, cwd, name, out=None):
        if series.skipped:
            return
        result = self.runner.run(argv, cwd=cwd, stdout_path=out, ok_codes=OK_CODES.get(name, {0}))
        series.add(result, self.args.timeout)
        if result.get("timeout"):
            log(f"  {name} in {os.path.basename(cwd)}: stopped after {self.args.timeout:g} s; not run again")

    def okr_argv(self, args, ref=None, out=None):
        return [self.okr] + [a.format(ref=ref, out=out) for a in args]

    def pick_ref(self, org, history_json, status_json):
        """The key result with the most check-ins (the first of them on a tie), else
        the first key result of the status table."""
        try:
            checkins = json.load(open(history_json))["checkins"]
            counts = collections.Counter(c["ref"] for c in checkins if "/" in c["ref"])
            if counts:
                best = max(counts.values())
                return next(c["ref"] for c in checkins if counts[c["ref"]] == best), best
        except (OSError, ValueError, KeyError):
            pass
        try:
            objectives = json.load(open(status_json))["objectives"]
        except (OSError, ValueError, KeyError):  # status was stopped too: run it once more, untimed
            result = self.runner.run(self.okr_argv(["status", "--format", "json"]), cwd=org, stdout_path=status_json,
                                     timeout=max(SETUP_TIMEOUT, self.args.timeout))
            if result.get("timeout"):
                raise RuntimeError(f"okr status --format json in {org} took over {SETUP_TIMEOUT} s")
            objectives = json.load(open(status_json))["objectives"]
        for o in objectives:
            for kr in o["key_results"]:
                return kr["ref"], None
        raise RuntimeError(f"no key result in {org}")

    def pair(self, key, label, orgs, sizes, unit):
        """Every command of the table on two organisations, alternately."""
        runs = self.args.runs
        series = {(name, org): Series() for name, _ in COMMANDS for org in orgs}
        refs = {}
        self.load_note(f"{label}: warm-up")
        for org in orgs:
            for name, args in COMMANDS:
                if name == "show REF":
                    continue
                out = os.path.join(self.work, f"{name.replace(' ', '_')}.out")
                argv = self.okr_argv(args, out=os.path.join(self.work, "report.html"))
                result = self.runner.run(argv, cwd=org, stdout_path=out, ok_codes=OK_CODES.get(name, {0}))
                if result.get("timeout"):
                    series[(name, org)].add(result, self.args.timeout)
                    log(f"  {name} in {os.path.basename(org)}: over {self.args.timeout:g} s in the warm-up; not timed")
                if name == "history":
                    shutil.copy(out, os.path.join(self.work, "history.json"))
                if name == "status --format json":
                    shutil.copy(out, os.path.join(self.work, "status.json"))
            ref, n = self.pick_ref(org, os.path.join(self.work, "history.json"), os.path.join(self.work, "status.json"))
            refs[org] = ref
            log(f"  {os.path.basename(org)}: show {ref}" + (f" ({n} check-ins)" if n else ""))
            result = self.runner.run(self.okr_argv(["show", ref]), cwd=org)
            if result.get("timeout"):
                series[("show REF", org)].add(result, self.args.timeout)
        for i in range(runs):
            self.load_note(f"{label}: round {i + 1} of {runs}")
            for name, args in COMMANDS:
                for org in orgs:
                    argv = self.okr_argv(args, ref=refs[org], out=os.path.join(self.work, "report.html"))
                    self.measure(series[(name, org)], argv, org, name)
        n1, n2 = sizes
        for name, _ in COMMANDS:
            a, b = series[(name, orgs[0])], series[(name, orgs[1])]
            e, text = exponent(a, b, n1, n2)
            self.results["exponents"].setdefault(key, {})[name] = {"value": e, "text": text}
        for org in orgs:
            self.results["orgs"].setdefault(org, {})["show_ref"] = refs[org]
        self.results["series"][key] = {
            "label": label, "unit": unit, "sizes": list(sizes), "orgs": list(orgs),
            "commands": {name: {str(n): series[(name, org)].to_json() for n, org in zip(sizes, orgs)}
                         for name, _ in COMMANDS},
        }
        return series, refs

    def ratios_run(self, org, floor):
        """history against git log (warm, after one check-in, without .git/okr), check
        against the bare parse (warm, without .git/okr), status --by team's memory."""
        runs = self.args.runs
        label = os.path.basename(org)
        checkin_org = os.path.join(self.work, "org-checkin")
        cold_org = os.path.join(self.work, "org-cold")
        log(f"copying {org} twice (check-ins, cold runs)")
        subprocess.run(["cp", "-a", org, checkin_org], check=True)
        subprocess.run(["cp", "-a", org, cold_org], check=True)
        cold_state = os.path.join(cold_org, ".git", "okr")
        # A numeric key result to check in to, one new commit a round.
        status_json = os.path.join(self.work, "status-h.json")
        self.runner.run(self.okr_argv(["status", "--format", "json", "--cycle", "2026-Q4"]), cwd=checkin_org,
                        stdout_path=status_json, timeout=max(SETUP_TIMEOUT, self.args.timeout))
        kr = next(kr for o in json.load(open(status_json))["objectives"] for kr in o["key_results"]
                  if isinstance(kr.get("current"), (int, float)) and isinstance(kr.get("target"), (int, float))
                  and kr.get("start") is not None)
        checkin_ref, value = kr["ref"], kr["current"]

        steps = [  # name, argv, cwd, before each run
            ("git log -p -- okrs/", GIT_LOG, org, None),
            ("history", self.okr_argv(["history", "--format", "json"]), org, None),
            ("history after a check-in", self.okr_argv(["history", "--format", "json"]), checkin_org, "checkin"),
            ("history, no .git/okr", self.okr_argv(["history", "--format", "json"]), cold_org, "cold"),
        ]
        if floor:
            steps.append(("bare parse", [floor, org], org, None))
        steps += [
            ("check", self.okr_argv(["check", "--format", "json"]), org, None),
            ("check, no .git/okr", self.okr_argv(["check", "--format", "json"]), cold_org, "cold"),
            ("status", self.okr_argv(["status"]), org, None),
            ("status --by team", self.okr_argv(["status", "--by", "team"]), org, None),
        ]
        series = {name: Series() for name, *_ in steps}
        self.load_note(f"ratios on {label}: warm-up")
        for name, argv, cwd, _ in steps:
            ok = OK_CODES.get(name.split(",")[0], {0})
            result = self.runner.run(argv, cwd=cwd, ok_codes=ok)
            if result.get("timeout"):
                series[name].add(result, self.args.timeout)
        check_json = os.path.join(self.work, "check-h.json")
        self.runner.run(self.okr_argv(["check", "--format", "json"]), cwd=org, stdout_path=check_json,
                        ok_codes={0, 1}, timeout=max(SETUP_TIMEOUT, self.args.timeout))
        summary = json.load(open(check_json))["summary"]
        stale = sum(1 for f in json.load(open(check_json))["findings"] if f["rule"] == "stale")
        log(f"  okr check: {summary['errors']} errors, {summary['warnings']} warnings ({stale} stale) "
            f"in {summary['files']} files")
        if summary["errors"]:
            raise RuntimeError(f"okr check finds errors in {org}; a generated organisation has none")
        step = 1
        for i in range(runs):
            self.load_note(f"ratios on {label}: round {i + 1} of {runs}")
            for name, argv, cwd, before in steps:
                if before == "cold":
                    shutil.rmtree(cold_state, ignore_errors=True)
                elif before == "checkin":
                    value = round(value + step, 6)
                    text = str(int(value)) if value == int(value) else repr(value)
                    self.runner.run(self.okr_argv(["checkin", checkin_ref, text]), cwd=checkin_org,
                                    timeout=max(SETUP_TIMEOUT, self.args.timeout))
                self.measure(series[name], argv, cwd, name.split(",")[0])
        shutil.rmtree(checkin_org, ignore_errors=True)
        shutil.rmtree(cold_org, ignore_errors=True)
        self.results["series"]["ratios"] = {
            "label": label, "org": org, "checkin_ref": checkin_ref,
            "check_summary": summary, "stale_findings": stale,
            "commands": {name: s.to_json() for name, s in series.items()},
        }
        return series

    def add_ratio(self, name, a, b, target, note):
        value, text = ratio(a, b)
        self.results["ratios"].append({"name": name, "value": value, "text": text, "target": target,
                                       "verdict": verdict(value, target) if target else None, "note": note})

    def add_memory(self, name, s: Series, target_mib):
        value = s.max_mib()
        self.results["ratios"].append({
            "name": name, "value": round(value, 1) if value else None,
            "text": f"{value:.1f} MiB" if value else "?", "target": target_mib, "unit": "MiB",
            "verdict": verdict(value, target_mib), "note": "largest run"})


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_out(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def lib_sh(*script_args, script):
    return subprocess.run(["bash", "-c", ". bench/lib.sh\n" + script, "lib", *map(str, script_args)],
                          check=True, capture_output=True, text=True).stdout


def generate(tag, teams, commits):
    org = os.path.abspath(f"target/bench/org-{tag}-{teams}-c{commits}")
    if not os.path.isfile(os.path.join(org, "okr.yaml")):
        start = time.perf_counter()
        subprocess.run(["bash", "-c", '. bench/lib.sh && gen_org "$@"', "lib", org, str(teams), str(SEED),
                        str(commits)], check=True, stdout=sys.stderr)
        log(f"  generated in {time.perf_counter() - start:.1f} s")
    return org


# --------------------------------------------------------------------------
# output


def print_table(res, file=sys.stdout):
    p = lambda *a: print(*a, file=file)
    m = res["machine"]
    p(f"okr {res['okr']['commit']}, {res['date']}, {m['nproc']} cores ({m['cpu']}), "
      f"load average {res['loadavg'][0]['1m']:.2f} at the start, {res['loadavg'][-1]['1m']:.2f} at the end; "
      f"generator {res['generator']}, seed {SEED}, --today {TODAY}, median of {res['runs']} alternating runs, "
      f"each stopped after {res['timeout_s']:g} s")
    pairs = [k for k in ("teams", "commits") if k in res["series"]]
    if pairs:
        heads = []
        for k in pairs:
            s = res["series"][k]
            if k == "teams":
                heads += [f"{fmt_int(n)} teams" for n in s["sizes"]]
            else:
                heads += [f"{fmt_int(res['sizes']['hist_teams'])}×{fmt_int(n)} commits" for n in s["sizes"]]
            heads.append("exp")
        p("")
        row = f"{'command':22}"
        for k in pairs:
            s = res["series"][k]
            row += f" | {heads.pop(0):>20} | {heads.pop(0):>20} | {heads.pop(0):>5}"
        p(row)
        p("-" * len(row))
        for name, _ in COMMANDS:
            row = f"{name:22}"
            for k in pairs:
                s = res["series"][k]
                for n in s["sizes"]:
                    c = s["commands"][name][str(n)]
                    cell = (f">{c['timeout_s']:g} s" if c["timeout_s"] else
                            secs(c["median_s"]) if c["median_s"] is not None else "-")
                    mib = c["max_mib"] if c["timeout_s"] else c["median_mib"]
                    cell += f" {mib:6.1f} MiB" if mib is not None else "           "
                    row += f" | {cell:>20}"
                row += f" | {res['exponents'][k][name]['text']:>5}"
            p(row)
        for k in pairs:
            s = res["series"][k]
            refs = ", ".join(f"{os.path.basename(o)}: {res['orgs'][o]['show_ref']}" for o in s["orgs"])
            p(f"show REF on {refs}")
        p("exp: log(t2/t1)/log(n2/n1), between the team counts (no check-ins) and between the check-in "
          "counts; time in wall seconds, memory the peak resident set (median of the runs)")
    if res["ratios"]:
        p("")
        p("ratios (medians of the same alternating runs)")
        width = max(len(r["name"]) for r in res["ratios"])
        for r in res["ratios"]:
            target = (f"target <= {r['target']:g}{' MiB' if r.get('unit') else 'x'}: {r['verdict']}"
                      if r["target"] else "")
            p(f"  {r['name']:{width}} {r['text']:>10}   {target}{'  (' + r['note'] + ')' if r.get('note') else ''}")
    if "ratios" in res["series"]:
        s = res["series"]["ratios"]
        p("")
        p(f"on {s['label']} (okr check: {s['check_summary']['warnings']} warnings, {s['stale_findings']} stale; "
          f"check-ins to {s['checkin_ref']}):")
        for name, c in s["commands"].items():
            if c["timeout_s"]:
                p(f"  {name:28} {'>' + format(c['timeout_s'], 'g') + ' s':>10}")
                continue
            p(f"  {name:28} {secs(c['median_s']):>10} ({c['min_s']:.2f}-{c['max_s']:.2f})  "
              f"{c['median_mib']:7.1f} MiB (largest {c['max_mib']:.1f})")


def secs(s):
    return f"{s:.1f} s" if s >= 100 else f"{s:.2f} s" if s >= 10 else f"{s:.3f} s"


def write_tsv(res, path):
    with open(path, "w") as f:
        f.write("part\tcommand\tsize\tmedian_s\tmin_s\tmax_s\tmedian_mib\tmax_mib\truns\ttimeout_s\n")
        for key, s in res["series"].items():
            if key == "ratios":
                for name, c in s["commands"].items():
                    f.write("\t".join(map(tsv, ["ratios", name, s["label"], c["median_s"], c["min_s"], c["max_s"],
                                                c["median_mib"], c["max_mib"], c["runs"], c["timeout_s"]])) + "\n")
                continue
            for name, by_size in s["commands"].items():
                for n, c in by_size.items():
                    f.write("\t".join(map(tsv, [key, name, n, c["median_s"], c["min_s"], c["max_s"],
                                                c["median_mib"], c["max_mib"], c["runs"], c["timeout_s"]])) + "\n")
        for key, by_name in res["exponents"].items():
            for name, e in by_name.items():
                f.write("\t".join(map(tsv, [key, name, "exponent", e["value"], "", "", "", "", "", e["text"]])) + "\n")
        for r in res["ratios"]:
            f.write("\t".join(map(tsv, ["target", r["name"], r.get("unit", "ratio"), r["value"], "", "", "", "", "",
                                        r["text"]])) + "\n")


def tsv(v):
    return "" if v is None else str(v)


def compare(old_path, new_path):
    old, new = json.load(open(old_path)), json.load(open(new_path))
    print(f"old: {old_path} (okr {old['okr']['commit']}, {old['date']})")
    print(f"new: {new_path} (okr {new['okr']['commit']}, {new['date']})")
    print("(times measured in different runs: compare ratios and exponents first, times only on a quiet machine)")

    def cell(c):
        if c is None:
            return "-"
        return f">{c['timeout_s']:g} s" if c["timeout_s"] else secs(c["median_s"])

    def line(label, o, c):
        r = f"{c['median_s'] / o['median_s']:.2f}" if o and o["median_s"] and c["median_s"] else "?"
        om = f"{o['median_mib']}" if o else "-"
        print(f"  {label:36} {cell(o):>9} → {cell(c):>9} ({r}), {om} → {c['median_mib']} MiB")

    for key in ("teams", "commits"):
        if key not in old["series"] or key not in new["series"]:
            continue
        print(f"\n{key}: command and size: old → new median time (new/old), peak memory; exponents")
        for name, by_size in new["series"][key]["commands"].items():
            for n, c in by_size.items():
                line(f"{name} {int(n):,}", old["series"][key]["commands"].get(name, {}).get(n), c)
            oe = old["exponents"].get(key, {}).get(name, {}).get("text", "?")
            print(f"  {name + ' exponent':36} {oe:>9} → {new['exponents'][key][name]['text']:>9}")
    if "ratios" in old["series"] and "ratios" in new["series"]:
        print(f"\nratios part: {old['series']['ratios']['label']} → {new['series']['ratios']['label']}")
        for name, c in new["series"]["ratios"]["commands"].items():
            line(name, old["series"]["ratios"]["commands"].get(name), c)
    print("\ntarget ratios: old → new")
    olds = {r["name"]: r for r in old["ratios"]}
    width = max((len(r["name"]) for r in new["ratios"]), default=0)
    for r in new["ratios"]:
        o = olds.get(r["name"])
        print(f"  {r['name']:{width}} {o['text'] if o else '?':>10} → {r['text']:>10}"
              + (f"   target {r['target']:g}: {r['verdict']}" if r["target"] else ""))


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(prog="bench/scale.sh", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See bench/README.md for what it measures and the last figures.")
    ap.add_argument("--runs", type=int, help="timed runs of each command (default 5; 3 with --quick)")
    ap.add_argument("--timeout", type=float, default=300, help="stop a run after this many seconds (default 300)")
    ap.add_argument("--quick", action="store_true",
                    help="small sizes (200 and 1,000 teams; 100 teams with 1,000 and 3,000 check-ins; "
                         "ratios on 200 × 2,000), a few minutes in all")
    ap.add_argument("--only", default="teams,commits,ratios",
                    help="comma-separated parts: teams, commits, ratios (default all)")
    ap.add_argument("--okr", dest="okr_bin", help="measure this okr binary instead of building one")
    ap.add_argument("--compare", nargs="+", metavar="JSON",
                    help="compare two result files (OLD [NEW]; NEW defaults to target/bench/scale-latest.json) "
                         "and exit")
    args = ap.parse_args()
    # Paths given on the command line are relative to where bench/scale.sh was started.
    start = os.environ.get("BENCH_START_DIR", os.getcwd())
    if args.okr_bin:
        args.okr_bin = os.path.join(start, args.okr_bin)
        if not os.access(args.okr_bin, os.X_OK):
            ap.error(f"{args.okr_bin} is not an executable")
    if args.compare:
        args.compare = [os.path.join(start, p) for p in args.compare]
    if args.compare:
        if len(args.compare) > 2:
            ap.error("--compare takes one or two files")
        compare(args.compare[0], args.compare[1] if len(args.compare) > 1 else "target/bench/scale-latest.json")
        return
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    bad = [p for p in parts if p not in ("teams", "commits", "ratios")]
    if bad or not parts:
        ap.error(f"--only takes teams, commits, ratios (not {', '.join(bad) or 'nothing'})")
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.runs < 1 or args.timeout <= 0:
        ap.error("--runs must be at least 1 and --timeout positive")

    os.makedirs("target/bench", exist_ok=True)
    info = lib_sh(script='printf "%s\\n%s\\n%s\\n" "$gen_tag" "$gen_name" "$shared"').split("\n")
    gen_tag, gen_name, shared = info[0], info[1], info[2]
    size = SIZES["quick" if args.quick else "full"]
    if not shutil.which("time", path="/usr/bin") and not os.environ.get("BENCH_NO_TIME"):
        log("note: /usr/bin/time is not there (Debian: apt-get install time); "
            "peak memory comes from wait4 instead, the same figure")

    # The organisations first, then the builds (generating may build the generator).
    orgs = {}
    if "teams" in parts:
        orgs["teams"] = [generate(gen_tag, n, 0) for n in size["teams"]]
    if "commits" in parts:
        orgs["commits"] = [generate(gen_tag, size["hist_teams"], c) for c in size["commits"]]
    if "ratios" in parts:
        orgs["ratios"] = generate(gen_tag, *size["ratios"])

    if args.okr_bin:
        okr_commit = "given: " + args.okr_bin
    else:
        log("building okr (release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
        args.okr_bin = "target/release/okr"
        okr_commit = git_out("rev-parse", "--short", "HEAD") or "unknown"
        if git_out("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"):
            okr_commit += " + uncommitted changes"
    floor = None
    floor_src = os.path.join(shared, "bench", "parse-floor")
    if "ratios" in parts:
        if os.path.isfile(os.path.join(floor_src, "Cargo.toml")):
            log(f"building the bare parse ({floor_src}, release)")
            subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                            os.path.join(floor_src, "Cargo.toml"), "--target-dir", "target/parse-floor"], check=True)
            floor = os.path.abspath("target/parse-floor/release/parse-floor")
        else:
            log(f"note: no bare parse ({floor_src} is not there; BENCH_SHARED names it): "
                "check's ratios to it are unknown")

    bench = Bench(args)
    res = bench.results
    res.update({
        "date": now_utc(), "mode": "quick" if args.quick else "full", "runs": args.runs,
        "timeout_s": args.timeout, "today": TODAY, "seed": SEED, "generator": gen_name, "sizes": size,
        "okr": {"commit": okr_commit, "binary": args.okr_bin},
        "machine": machine(),
        "memory_from": "/usr/bin/time %M" if bench.runner.gnu_time else "wait4 ru_maxrss",
    })
    try:
        bench.load_note("start")
        if "teams" in parts:
            s, _ = bench.pair("teams", "teams", orgs["teams"], size["teams"], "teams")
            big = orgs["teams"][1]
            bench.add_ratio(f"tree / status --format json, {fmt_int(size['teams'][1])} teams",
                            s[("tree", big)], s[("status --format json", big)], 1.5, "")
            bench.add_memory(f"status peak memory, {fmt_int(size['teams'][1])} teams", s[("status", big)], 256)
        if "commits" in parts:
            s, _ = bench.pair("commits", f"{size['hist_teams']} teams", orgs["commits"], size["commits"], "commits")
            big = orgs["commits"][1]
            at = f"{fmt_int(size['hist_teams'])} teams × {fmt_int(size['commits'][1])}"
            bench.add_ratio(f"show REF / status, {at}", s[("show REF", big)], s[("status", big)], 2, "warm")
            bench.add_ratio(f"status --by team / status, {at}", s[("status --by team", big)], s[("status", big)],
                            2, "warm")
        if "ratios" in parts:
            s = bench.ratios_run(orgs["ratios"], floor)
            at = f"{fmt_int(size['ratios'][0])} teams × {fmt_int(size['ratios'][1])}"
            g = s["git log -p -- okrs/"]
            bench.add_ratio(f"history / git log -p, second run, {at}", s["history"], g, 0.1, "")
            bench.add_ratio(f"history / git log -p, after one new check-in commit, {at}",
                            s["history after a check-in"], g, 0.15, "")
            bench.add_ratio(f"history / git log -p, first run (no .git/okr), {at}", s["history, no .git/okr"], g,
                            0.8, "")
            hm, gm = s["history"].median_mib(), g.median_mib()
            res["ratios"].append({"name": f"history / git log -p, peak memory, {at}",
                                  "value": round(hm / gm, 3) if hm and gm else None,
                                  "text": f"{hm / gm:.2f}" if hm and gm else "?", "target": None, "verdict": None,
                                  "note": f"{hm:.1f} / {gm:.1f} MiB" if hm and gm else ""})
            if floor:
                bench.add_ratio(f"check --format json / bare parse, warm, {at}", s["check"], s["bare parse"], 1.3,
                                "")
                bench.add_ratio(f"check --format json / bare parse, cold (no .git/okr), {at}",
                                s["check, no .git/okr"], s["bare parse"], 2, "")
            else:
                for what in ("warm", "cold (no .git/okr)"):
                    res["ratios"].append({"name": f"check --format json / bare parse, {what}, {at}", "value": None,
                                          "text": "?", "target": 1.3 if what == "warm" else 2,
                                          "verdict": "unknown", "note": "no bare parse"})
            bench.add_ratio(f"check, cold / warm, {at}", s["check, no .git/okr"], s["check"], None, "")
            bench.add_memory(f"check peak memory, warm, {at}", s["check"], 64)
            bench.add_memory(f"check peak memory, cold, {at}", s["check, no .git/okr"], 64)
            bench.add_memory(f"status --by team peak memory, {at}", s["status --by team"], 96)
        bench.load_note("end")
    finally:
        shutil.rmtree(bench.work, ignore_errors=True)

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    prefix = "target/bench/scale" + ("-quick" if args.quick else "")
    if parts != ["teams", "commits", "ratios"]:
        prefix += "-" + "-".join(parts)
    res["parts"] = parts
    with open(f"{prefix}-{stamp}.json", "w") as f:
        json.dump(res, f, indent=1)
    write_tsv(res, f"{prefix}-{stamp}.tsv")
    with open(f"{prefix}-{stamp}.txt", "w") as f:
        print_table(res, file=f)
    for ext in ("json", "tsv", "txt"):
        shutil.copy(f"{prefix}-{stamp}.{ext}", f"{prefix}-latest.{ext}")
    print_table(res)
    print(f"\nwritten: {prefix}-{stamp}.json, .tsv and .txt (also {prefix}-latest.*)")


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    try:
        rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rustc = None
    return {"nproc": nproc, "cpu": cpu, "system": platform.platform(), "rustc": rustc,
            "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()}


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.CalledProcessError) as e:
        sys.exit(f"error: {e}")
