"""Two revisions of Coulomb's kernels side by side on this machine: the release benchmark executables of a
base revision and of this one, run alternately so that load on the machine falls on both alike.

    python3 Benchmarks/compare_revisions.py --base BASE_BIN --new NEW_BIN [--rounds 3] [--dqdv-file FILE]

BASE_BIN and NEW_BIN are `swift build -c release --show-bin-path` of Benchmarks/ in a worktree of each
revision (`git worktree add ../base COMMIT`), with cycle-table-bench, symmetric-bench and dqdv-bench built.
Prints a Markdown table: per case, the best time of each revision over all rounds, and new / base."""
import argparse
import json
import re
import subprocess
from collections import defaultdict

from benchutil import machine


def cycle_table(binary):
    out = subprocess.run([f"{binary}/cycle-table-bench", "20000000", "2000", "5"], capture_output=True, text=True,
                         check=True).stdout
    cases = {}
    for line in out.splitlines():
        entry = json.loads(line)
        if entry["case"] in ("table", "segmentation", "assignment", "reduction", "construct"):
            cases[f"CycleTable, 20M rows: {entry['case']}"] = entry["best_s"]
    return cases


def symmetric(binary):
    out = subprocess.run([f"{binary}/symmetric-bench", "5"], capture_output=True, text=True, check=True).stdout
    cases = {}
    for line in out.splitlines():
        match = re.match(r"\| `(\w+)`.*\| (\d+) \| ([\d.]+) ms \|", line)
        if match:
            cases[f"{match.group(1)}, 3.6M rows"] = float(match.group(3)) / 1000
    return cases


def dqdv(binary, path):
    out = subprocess.run([f"{binary}/dqdv-bench", path, "5"], capture_output=True, text=True, check=True).stdout
    cases = {}
    for line in out.splitlines():
        entry = json.loads(line)
        if entry.get("case") in ("analysis", "level_filter"):
            cases[f"dQ/dV of every half-cycle: {entry['case']}"] = entry["best_s"]
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--new", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dqdv-file", default="Benchmarks/data/dqdv_si_half_160cycles_v1.h5")
    arguments = parser.parse_args()
    best = defaultdict(dict)
    for _ in range(arguments.rounds):
        for name, binary in (("base", arguments.base), ("new", arguments.new)):
            for cases in (cycle_table(binary), symmetric(binary), dqdv(binary, arguments.dqdv_file)):
                for case, seconds in cases.items():
                    best[case][name] = min(best[case].get(name, seconds), seconds)
    print(f"Machine: {machine()}; {arguments.rounds} alternating rounds, best of 5 runs per round.\n")
    print("| case | base best | new best | new / base |")
    print("|---|---|---|---|")
    for case, times in best.items():
        if "base" in times and "new" in times:
            print(f"| {case} | {times['base'] * 1000:.1f} ms | {times['new'] * 1000:.1f} ms | {times['new'] / times['base']:.2f} |")


if __name__ == "__main__":
    main()
