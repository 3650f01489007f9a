#!/usr/bin/env python3
"""The whole per-cycle table over 50M rows / 5,000 cycles: Coulomb's `CycleTable` vs numpy, same data.

    python3 compare_cycle_table.py --bench .build/release/cycle-table-bench [--rows 50000000] [--cycles 5000]

Both build the same realistic record, value for value (per cycle: CC charge, CV tail, rest, CC discharge,
rest; instrument cycle and step indices; noise from splitmix64 of the row, so both languages get the same
bits; see `SyntheticRecord` in Sources/cycle-table-bench). numpy does what a user writes today: cycle
boundaries from the cycle index, then per cycle charge and discharge capacity (trapezoid split by sign),
energies, voltage extremes and duration with `ufunc.reduceat`. Coulomb runs its step segmentation, cycle
assignment and one kernel call (`CycleTable`); its stages are timed separately, as are `CyclingData`'s
validation and a plain copy of the input columns. The two tables are compared cycle by cycle.
"""
import argparse
import json
import statistics
import subprocess

import numpy as np

from benchutil import ms, numpy_segment_sums, timed


def uniform(k, column):
    """splitmix64 of 4·row + column as a double in [0, 1), as `SyntheticRecord.uniform` computes it."""
    with np.errstate(over='ignore'):
        z = (k.astype(np.uint64) * np.uint64(4) + np.uint64(column) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def make_record(rows, cycles):
    """time_s, voltage_V, current_A, cycle index, step index: the record `SyntheticRecord` builds."""
    p = rows // cycles
    a, b, r, d = p * 4 // 10, p // 10, p // 20, p * 4 // 10
    k = np.arange(rows, dtype=np.int64)
    m = k % p
    t = k.astype(np.float64) + 0.001 * uniform(k, 0)
    ni = 2 * uniform(k, 1) - 1
    nv = 2 * uniform(k, 2) - 1
    phase = np.searchsorted(np.array([a, a + b, a + b + r, a + b + r + d]), m, side='right')  # 0..4
    del k
    i = np.empty(rows)
    v = np.empty(rows)
    for step, sel in enumerate([phase == s for s in range(5)]):
        ms, n_i, n_v = m[sel], ni[sel], nv[sel]
        if step == 0:
            i[sel] = 1.0 + 0.002 * n_i
            v[sel] = 3.5 + 0.7 * (ms / a) + 1e-4 * n_v
        elif step == 1:
            i[sel] = 1.0 / (1.0 + (ms - a) / 100.0) + 0.001 * n_i
            v[sel] = 4.2 + 5e-5 * n_v
        elif step == 2:
            i[sel] = 1e-4 * n_i
            v[sel] = 4.15 + 0.05 / (1.0 + (ms - a - b) / 50.0) + 1e-4 * n_v
        elif step == 3:
            i[sel] = -1.0 + 0.002 * n_i
            v[sel] = 4.1 - 1.1 * ((ms - a - b - r) / d) + 1e-4 * n_v
        else:
            i[sel] = 1e-4 * n_i
            v[sel] = 3.05 - 0.05 / (1.0 + (ms - a - b - r - d) / 50.0) + 1e-4 * n_v
    cycle = np.arange(rows, dtype=np.int64) // p
    step_index = phase.astype(np.int64) + 1
    return t, v, i, cycle, step_index


def numpy_cycle_table(t, v, i, cycle):
    """Per cycle: charge/discharge Ah, Wh, duration, voltage extremes, CE — the user's numpy version."""
    starts = np.concatenate(([0], np.flatnonzero(np.diff(cycle)) + 1))
    ends = np.concatenate((starts[1:], [len(t)]))
    table = numpy_segment_sums(t, v, i, starts)
    return dict(table, cycle=cycle[starts], duration_s=t[ends - 1] - t[np.maximum(starts - 1, 0)],
                ce=table['discharge_Ah'] / table['charge_Ah'])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bench', required=True)
    parser.add_argument('--rows', type=int, default=50_000_000)
    parser.add_argument('--cycles', type=int, default=5_000)
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    n, cycles = args.rows, args.cycles
    t, v, i, cycle, step = make_record(n, cycles)
    times, reference = timed(args.repeats, lambda: numpy_cycle_table(t, v, i, cycle))
    del t, v, i, cycle, step
    out = subprocess.run([args.bench, str(n), str(cycles), str(args.repeats)], check=True, capture_output=True,
                         text=True).stdout
    rows = {r['case']: r for r in map(json.loads, out.splitlines())}
    coulomb = rows.pop('rows')

    numpy_median = statistics.median(times)
    copy = rows['copy5']['median_s']
    construct, table = rows['construct'], rows['table']
    print(f'{n:,} rows, {cycles:,} cycles of {n // cycles:,} rows (CC charge 40 %, CV tail 10 %, rest 5 %, '
          f'CC discharge 40 %, rest 5 %; 1 s sampling, noise on every column; instrument cycle and step '
          f'index); median of {args.repeats} runs.\n')
    print('| implementation | best | median | numpy / this | this / copy of 5 columns |')
    print('|---|---|---|---|---|')
    print(f'| numpy: boundaries from the cycle index, then `add.reduceat` (capacities, energies), '
          f'`minimum/maximum.reduceat`, durations | {ms(min(times))} | {ms(numpy_median)} | 1.00× | '
          f'{numpy_median / copy:.2f}× |')
    total = dict(best_s=construct['best_s'] + table['best_s'], median_s=construct['median_s'] + table['median_s'])
    for label, r in [
        ('Coulomb `CycleTable` (steps, cycles, one kernel call, rows)', table),
        ('Coulomb `CyclingData` construction (validation pass)', construct),
        ('Coulomb construction + `CycleTable`', total),
        (f"Coulomb `SegmentedReduction` alone on the {cycles:,} cycles", rows['kernel_cycles']),
        ('copy of the 5 input columns (time, voltage, current, cycle and step index)', rows['copy5']),
        ('copy of the 3 float columns', rows['copy3']),
    ]:
        print(f"| {label} | {ms(r['best_s'])} | {ms(r['median_s'])} | {numpy_median / r['median_s']:.1f}× | "
              f"{r['median_s'] / copy:.2f}× |")

    speedup, to_copy = numpy_median / table['median_s'], table['median_s'] / copy
    print(f"\nGoals (issue): `CycleTable` ≥ 5× numpy — {'met' if speedup >= 5 else 'missed'} ({speedup:.1f}× on "
          f"medians, {min(times) / table['best_s']:.1f}× on best times); within 1.5× of a copy of its input columns — "
          f"{'met' if to_copy <= 1.5 else 'missed'} ({to_copy:.2f}× the 5-column copy, "
          f"{table['median_s'] / rows['copy3']['median_s']:.2f}× the 3-column copy).\n")

    stages = [('step segmentation (`StepSegmentation().steps`)', rows['segmentation'],
               f"{rows['segmentation']['steps']:,} steps"),
              ('cycle assignment (`CycleAssignment`)', rows['assignment'], f"{rows['assignment']['cycles_out']:,} cycles"),
              ('segment starts + `SegmentedReduction.reduce`', rows['reduction'],
               f"{rows['reduction']['segments']:,} segments")]
    rest = table['median_s'] - sum(r['median_s'] for _, r, _ in stages)
    print('Where `CycleTable`\'s time goes (each stage run on its own through its public entry point, median):\n')
    print('| stage | median | share of the table | this / copy of 5 columns | |')
    print('|---|---|---|---|---|')
    for label, r, note in stages:
        print(f"| {label} | {ms(r['median_s'])} | {100 * r['median_s'] / table['median_s']:.0f} % | "
              f"{r['median_s'] / copy:.2f}× | {note} |")
    print(f"| the rest (per-cycle rows from the segment statistics) | {ms(max(rest, 0))} | "
          f"{100 * max(rest, 0) / table['median_s']:.0f} % | | |")
    for label, key in [('segmentation of the same record without the step index (cycle index only)',
                        'segmentation_no_step_index'),
                       ('segmentation without either index (current alone)', 'segmentation_no_indices')]:
        r = rows[key]
        print(f"| for comparison: {label} | {ms(r['median_s'])} | | {r['median_s'] / copy:.2f}× | "
              f"{r['steps']:,} steps |")

    # The two tables, cycle by cycle. Coulomb does not count the rests' ±0.1 mA noise and splits an interval
    # whose current changes sign at the zero; numpy counts rests and splits by the interval's sign.
    assert list(map(int, coulomb['cycle'])) == list(map(int, reference['cycle'])), 'cycle numbers differ'
    worst = {}
    for key in ['charge_Ah', 'discharge_Ah', 'charge_Wh', 'discharge_Wh', 'duration_s', 'min_V', 'max_V', 'ce']:
        a, b = np.array(coulomb[key]), reference[key]
        worst[key] = float(np.max(np.abs(a - b) / np.abs(b)))
    print('\nCoulomb\'s table against numpy\'s, largest relative difference over all cycles: '
          + ', '.join(f'{key} {value:.1e}' for key, value in worst.items())
          + ' (numpy also counts the rests\' ±0.1 mA noise; Coulomb counts only the interval leading into a rest).')


if __name__ == '__main__':
    main()
