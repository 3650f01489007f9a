#!/usr/bin/env python3
"""Per-segment statistics over 50M rows / 5,000 segments: Coulomb's kernel vs numpy `add.reduceat`, same data.

    python3 compare_cycles.py --bench .build/release/cycle-bench [--rows 50000000] [--segments 5000]

The numpy version is what a user writes today: trapezoid charge split by sign, energy, voltage extremes
per segment with `ufunc.reduceat`. Both build the same synthetic record (square-wave current, sawtooth
voltage, jittered 1 s sampling). Coulomb also reports a plain copy of its three input columns.
"""
import argparse
import json
import statistics
import subprocess

import numpy as np

from benchutil import numpy_segment_sums, timed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bench', required=True)
    parser.add_argument('--rows', type=int, default=50_000_000)
    parser.add_argument('--segments', type=int, default=5_000)
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    n, segments = args.rows, args.segments
    per = n // segments
    k = np.arange(n)
    t = k + (k % 7) * 1e-3
    i = np.where((k // per) % 2 == 0, 0.5, -0.5)
    v = 3.0 + (k % per) / per
    starts = np.arange(segments) * per
    times, _ = timed(args.repeats, lambda: numpy_segment_sums(t, v, i, starts))
    del t, v, i, k
    out = subprocess.run([args.bench, str(n), str(segments), str(args.repeats)], check=True, capture_output=True,
                         text=True).stdout
    rows = {r['case']: r for r in map(json.loads, out.splitlines())}
    numpy_median = statistics.median(times)
    print(f'{n:,} rows, {segments:,} segments; median of {args.repeats} runs.\n')
    print('| implementation | best | median | numpy / this |')
    print('|---|---|---|---|')
    print(f'| numpy `add.reduceat` | {min(times) * 1e3:.0f} ms | {numpy_median * 1e3:.0f} ms | 1.00× |')
    for case, label in [('kernel', 'Coulomb `SegmentedReduction`'), ('copy', 'copy of the 3 input columns (floor)')]:
        r = rows[case]
        print(f"| {label} | {r['best_s'] * 1e3:.0f} ms | {r['median_s'] * 1e3:.0f} ms | "
              f"{numpy_median / r['median_s']:.1f}× |")


if __name__ == '__main__':
    main()
