#!/usr/bin/env python3
"""dQ/dV of every half-cycle of a ≥1M-row Si half-cell record: Coulomb vs cellpy's ICA, same data.

    python3 compare_dqdv.py --bench .build/release/dqdv-bench --coulomb ../.build/release/coulomb [--cycles 160]

Simulates a Si|Li half cell (lithiation first; each half-cycle's voltage from a smooth Q(V) with two
peaks, Gaussian voltage noise, capacity fade and growing polarisation, rests between half-cycles) and writes
it with battdat's writer to Benchmarks/data/ (kept; regenerated only when missing). Then, in one run:

- cellpy: `cellpy.utils.ica.dqdv_cycles` on the half-cycles as `CellpyCell.get_cap(method="forth-and-forth",
  categorical_column=True, label_cycle_number=True)` gives them (what `ica.dqdv(cell)` runs after `get_cap`),
  with cellpy's defaults (one grid point per sample, Gaussian post-smoothing of 10 mV, normalised); the
  half-cycle table itself is made beforehand, so only the ICA is timed;
- Coulomb in process (`dqdv-bench`): `DifferentialAnalysis().curves(.incrementalCapacity, ...)` over all
  cycles with the anode convention, data already in memory (step segmentation, cycles, half-cycle capacity,
  level filter, grid, smoothing);
- Coulomb's CLI end to end: `coulomb dqdv FILE --format csv > /dev/null` (read the HDF5 file, analyse, write CSV).

It prints a Markdown table, and the peak positions of one cycle from both tools next to the simulated ones.
"""
import argparse
import json
import logging
import statistics
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.signal import find_peaks
from scipy.special import ndtr

from benchutil import ms, timed, timed_command, warm_page_cache

HERE = Path(__file__).resolve().parent
LOW, HIGH = 0.01, 0.90  # the voltage window, V
# (centre V, sigma V, weight) of the dQ/dV peaks; the rest of each half-cycle's capacity is a flat baseline.
LITHIATION = [(0.22, 0.030, 0.45), (0.08, 0.020, 0.45)]
DELITHIATION = [(0.29, 0.030, 0.45), (0.47, 0.012, 0.45)]
BASELINE = 0.10
CURRENT_A, DT_S = 0.2e-3, 4.0  # C/5 on ~1 mAh, a sample every 4 s
SHIFT_V_PER_CYCLE = 0.05e-3  # polarisation growth: lithiation peaks move down, delithiation peaks up
NOISE_V = 0.2e-3


def peaks_of(cycle, direction):
    """The simulated peak centres of a cycle (1-based) and direction (-1 lithiation, +1 delithiation)."""
    shift = SHIFT_V_PER_CYCLE * (cycle - 1)
    peaks = LITHIATION if direction < 0 else DELITHIATION
    return [(m + direction * shift, s, w) for m, s, w in peaks]


def capacities(cycle):
    """(lithiation, delithiation) capacity in mAh: a large first lithiation (SEI), then slow fade, CE ~99.5 %."""
    lith = 1.25 if cycle == 1 else 1.0 * 0.998 ** (cycle - 2)
    delith = 0.95 if cycle == 1 else lith * 0.995
    return lith, delith


def make_record(cycles):
    rng = np.random.default_rng(20261121)
    fine = np.linspace(LOW, HIGH, 20_001)
    parts = []
    clock = 0.0
    for cycle in range(1, cycles + 1):
        for direction, total_mAh, step in [(-1, capacities(cycle)[0], 1), (1, capacities(cycle)[1], 3)]:
            peaks = peaks_of(cycle, direction)
            shape = sum(w * (ndtr((fine - m) / s) - ndtr((LOW - m) / s)) / (ndtr((HIGH - m) / s) - ndtr((LOW - m) / s))
                        for m, s, w in peaks) + BASELINE * (fine - LOW) / (HIGH - LOW)
            q_fine = total_mAh * shape  # capacity passed from the low end of the window, mAh
            samples = int(total_mAh / 1000 / CURRENT_A * 3600 / DT_S)
            q = np.arange(samples + 1) * (CURRENT_A * DT_S / 3.6)  # mAh passed since the half-cycle began
            # Lithiation runs from the top of the window down, delithiation from the bottom up.
            v = np.interp(q, q_fine, fine) if direction > 0 else np.interp(total_mAh - q, q_fine, fine)
            v = v + rng.normal(0, NOISE_V, len(v))
            t = clock + DT_S * (1 + np.arange(len(v)))
            i = direction * CURRENT_A * (1 + rng.normal(0, 1e-3, len(v)))
            parts.append(pd.DataFrame(dict(test_time=t, voltage=v, current=i, cycle_number=cycle, step_index=step)))
            clock = t[-1]
            # A 10 min rest relaxing 50 mV back, every 20 s.
            k = np.arange(1, 31)
            t = clock + 20.0 * k
            v = v[-1] - direction * 0.05 * (1 - np.exp(-20.0 * k / 120)) + rng.normal(0, NOISE_V, len(k))
            parts.append(pd.DataFrame(dict(test_time=t, voltage=v, current=rng.normal(0, 1e-7, len(k)),
                                           cycle_number=cycle, step_index=step + 1)))
            clock = t[-1]
    raw = pd.concat(parts, ignore_index=True)
    raw['cycle_number'] = raw['cycle_number'].astype(np.int64)
    raw['step_index'] = raw['step_index'].astype(np.int64)
    return raw


def write_file(path: Path, cycles: int):
    from battdat.data import BatteryDataset
    from battdat.schemas import BatteryMetadata
    raw = make_record(cycles)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = BatteryMetadata(
        name=path.stem, comments='simulated Si|Li half cell for Benchmarks/compare_dqdv.py; current positive = '
                                 'charging the cell (delithiation); cycle_number from 1',
        coulomb={'cell_type': 'anode_half'})
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=raw).to_hdf(path)


def read_file(path: Path):
    from battdat.data import BatteryDataset
    return BatteryDataset.from_hdf(path).tables['raw_data']


def half_cycles(raw):
    """The frame `CellpyCell.get_cap(method="forth-and-forth", categorical_column=True, label_cycle_number=True,
    insert_nan=False)` returns: per cycle the discharge (lithiation) then the charge, capacity in mAh counted
    from each half-cycle's start, `direction` -1 / +1. Rests are not part of it."""
    frames = []
    for (cycle, step), rows in raw[raw['step_index'].isin([1, 3])].groupby(['cycle_number', 'step_index'], sort=True):
        t, i = rows['test_time'].to_numpy(), rows['current'].to_numpy()
        capacity = np.concatenate(([0.0], np.cumsum(np.diff(t) * np.abs(i[:-1] + i[1:]) / 2))) / 3.6  # mAh
        frames.append(pd.DataFrame(dict(cycle=cycle, voltage=rows['voltage'].to_numpy(), capacity=capacity,
                                        direction=-1 if step == 1 else 1)))
    return pd.concat(frames, ignore_index=True)


def strongest_peaks(voltage, dq, count):
    """The `count` most prominent peaks of |dq| (cellpy gives no peak finder for ICA curves)."""
    magnitude = np.abs(dq)
    found, props = find_peaks(magnitude, prominence=0.05 * np.nanmax(magnitude))
    best = found[np.argsort(props['prominences'])[::-1][:count]]
    return sorted(float(voltage[k]) for k in best)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bench', required=True, help="Coulomb's dqdv-bench")
    parser.add_argument('--coulomb', required=True, help="Coulomb's CLI, built with -c release")
    parser.add_argument('--cycles', type=int, default=160)
    parser.add_argument('--repeats', type=int, default=7)
    parser.add_argument('--peak-cycle', type=int, default=80)
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)  # cellpy's ICA logs a warning per odd half-cycle
    import cellpy
    from cellpy.utils import ica

    path = HERE / 'data' / f'dqdv_si_half_{args.cycles}cycles_v1.h5'  # bump the version when make_record changes
    if not path.exists():
        write_file(path, args.cycles)
    warm_page_cache(path)
    raw = read_file(path)
    rows = len(raw)
    cycles_df = half_cycles(raw)

    cellpy_times, cellpy_curves = timed(args.repeats, lambda: ica.dqdv_cycles(cycles_df, label_direction=True))
    out = subprocess.run([args.bench, str(path), str(args.repeats), 'all'], check=True,
                         capture_output=True, text=True).stdout
    results = [json.loads(line) for line in out.splitlines() if line.strip()]
    coulomb = {r['case']: r for r in results if r['case'] != 'peaks'}
    coulomb_peaks = {(r['cycle'], r['direction']): r['positions_V'] for r in results if r['case'] == 'peaks'}

    def cli(*extra):
        return timed_command(args.repeats, [args.coulomb, *extra])
    cli_times = cli('dqdv', str(path), '--format', 'csv')
    cli_peaks_times = cli('dqdv', str(path), '--peaks', '--format', 'csv')
    cli_start_times = cli('--help')
    battdat_times, _ = timed(args.repeats, lambda: read_file(path))

    cellpy_median = statistics.median(cellpy_times)
    analysis = coulomb['analysis']
    cli_median = statistics.median(cli_times)
    print(f'{rows:,} rows, {args.cycles} cycles ({2 * args.cycles} half-cycles, {len(cycles_df):,} CC samples), '
          f'battdat HDF5 file of {path.stat().st_size / 1e6:.0f} MB in the page cache; best and median of '
          f'{args.repeats} runs; cellpy {cellpy.__version__}.\n')
    print('| implementation | best | median | cellpy / this (median) |')
    print('|---|---|---|---|')
    print(f'| cellpy `ica.dqdv_cycles` on the `get_cap` half-cycle frame (ICA only, defaults) | '
          f'{ms(min(cellpy_times))} | {ms(cellpy_median)} | 1.00× |')
    # (label, (best, median), compared with cellpy?)
    for label, (best, median), compared in [
        ('Coulomb `DifferentialAnalysis().curves(.incrementalCapacity, …)`, in process (segmentation, cycles, '
         'half-cycles, level filter, grid, smoothing)', (analysis['best_s'], analysis['median_s']), True),
        ('Coulomb CLI end to end: `coulomb dqdv FILE --format csv > /dev/null` (process start, read HDF5, '
         f"analysis, {analysis['points']:,} CSV rows)", (min(cli_times), cli_median), True),
        ('Coulomb CLI, same but `--peaks` (read and analysis, one CSV row per peak)',
         (min(cli_peaks_times), statistics.median(cli_peaks_times)), True),
        ('for scale: Coulomb CLI `--help` (process start alone)',
         (min(cli_start_times), statistics.median(cli_start_times)), False),
        ('for scale: Coulomb `CellFileReader.read` alone (in process)',
         (coulomb['read']['best_s'], coulomb['read']['median_s']), False),
        ('for scale: battdat `BatteryDataset.from_hdf` alone', (min(battdat_times), statistics.median(battdat_times)),
         False),
    ]:
        ratio = f'{cellpy_median / median:.1f}×' if compared else ''
        print(f'| {label} | {ms(best)} | {ms(median)} | {ratio} |')
    speedup = cellpy_median / analysis['median_s']
    per_million = analysis['median_s'] / (rows / 1e6)
    print(f"\nGoal (issue): ≥ 20× cellpy — {'met' if speedup >= 20 else 'missed'} by the analysis in process "
          f"({speedup:.1f}× on medians, {min(cellpy_times) / analysis['best_s']:.1f}× on best times), "
          f"{'met' if cellpy_median / cli_median >= 20 else 'missed'} by the CLI end to end "
          f"({cellpy_median / cli_median:.1f}×; writing the {analysis['points']:,} CSV rows takes about "
          f"{ms(cli_median - statistics.median(cli_peaks_times))}, the difference from `--peaks`). Coulomb's analysis alone: {per_million * 1e3:.1f} ms per million "
          f"rows. Coulomb made {analysis['curves']} curves ({analysis['points']:,} points on the 1 mV grid, "
          f"{analysis['skipped']} skipped); cellpy {cellpy_curves.groupby(['cycle', 'direction']).ngroups} "
          f"half-cycle curves ({cellpy_curves['dq'].notna().sum():,} points, one per sample).\n")

    stages = [('step segmentation (`StepSegmentation().steps`)', 'segmentation'),
              ('cycle assignment (`CycleAssignment`)', 'assignment'),
              ('half-cycle steps (`HalfCycle.all`)', 'half_cycles'),
              ('capacity and level filter in one pass (`LevelFilter.apply`, 2 mV)', 'level_filter'),
              ('grid (`UniformGrid.interpolating`, 1 mV)', 'grid'),
              ('Gaussian derivative (`Smoothing.derivative`, 10 mV FWHM)', 'smoothing')]
    print("Where the analysis's time goes (each stage run alone through its public entry point, median):\n")
    print('| stage | median | share of the analysis |')
    print('|---|---|---|')
    for label, key in stages:
        r = coulomb[key]
        print(f"| {label} | {ms(r['median_s'])} | {100 * r['median_s'] / analysis['median_s']:.0f} % |")

    # Sanity check: peak positions against the simulated centres, one cycle in full, then all cycles.
    fmt = lambda values: ', '.join(f'{v:.4f}' for v in values) or '—'
    cellpy_peaks = {}
    for (cycle, direction), half in cellpy_curves.dropna().groupby(['cycle', 'direction']):
        count = len(peaks_of(int(cycle), int(direction)))
        cellpy_peaks[(int(cycle), int(direction))] = strongest_peaks(half['voltage'].to_numpy(),
                                                                     half['dq'].to_numpy(), count)
    print(f'\nPeak positions, cycle {args.peak_cycle} (V; simulated centres; Coulomb `PeakFinder` at its default 5 % '
          f'prominence, as `coulomb dqdv --peaks`; cellpy gives no peak finder for ICA curves, so its curve is searched '
          f'with scipy `find_peaks` at 5 % prominence):\n')
    print('| half-cycle | simulated | Coulomb | cellpy |')
    print('|---|---|---|---|')
    names = {-1: 'lithiation (discharge)', 1: 'delithiation (charge)'}
    for direction in [-1, 1]:
        expected = sorted(m for m, _, _ in peaks_of(args.peak_cycle, direction))
        print(f'| {names[direction]} | {fmt(expected)} | {fmt(sorted(coulomb_peaks.get((args.peak_cycle, direction), [])))} '
              f'| {fmt(cellpy_peaks.get((args.peak_cycle, direction), []))} |')

    print(f'\nOver all {args.cycles} cycles: found position − simulated centre, mean ± standard deviation '
          f'(largest |difference|), in mV; a peak missing from a curve (none within 20 mV) is counted apart.\n')
    print('| peak | Coulomb | cellpy |')
    print('|---|---|---|')
    for direction in [-1, 1]:
        for number in range(len(peaks_of(1, direction))):
            cells = []
            for found in [coulomb_peaks, cellpy_peaks]:
                offsets, missing = [], 0
                for cycle in range(1, args.cycles + 1):
                    centre = sorted(m for m, _, _ in peaks_of(cycle, direction))[number]
                    near = [p for p in found.get((cycle, direction), []) if abs(p - centre) < 0.020]
                    if near:
                        offsets.append(1e3 * (min(near, key=lambda p: abs(p - centre)) - centre))
                    else:
                        missing += 1
                o = np.array(offsets)
                cells.append(f'{o.mean():+.2f} ± {o.std():.2f} ({np.abs(o).max():.2f})'
                             + (f', missing in {missing}' if missing else '') if len(o) else f'missing in {missing}')
            centre = sorted(m for m, _, _ in peaks_of(1, direction))[number]
            print(f'| {names[direction]}, {1e3 * centre:.0f} mV at cycle 1 | {cells[0]} | {cells[1]} |')


if __name__ == '__main__':
    main()
