#!/usr/bin/env python3
"""Reading ~1M-row cycler files: Coulomb's CLI against the Python tool users would use, same files, same run.

    python3 compare_import.py --coulomb ../.build/release/coulomb [--repeats 5]

Writes three large files once into Benchmarks/data/import/ (kept; regenerated only when missing), each made
from a committed fixture by repeating its rows with the clock, point and cycle counters carried on:

- Arbin CSV: Fixtures/exports/arbin_example.csv (2,142 rows, 2 cycles) 467 times, written by pandas;
- BioLogic GCPL .mpt: Fixtures/exports/biol_gcpl.mpt (600 rows: rests and a charge) 1,667 times, every other copy
  with the current negated (a discharge), in EC-Lab's text layout (tab-separated, CRLF, Latin-1, the fixture's
  number formats);
- cellpy HDF5: Fixtures/formats/cellpy_rate_cut.h5's raw frame (8,303 rows, 3 cycles) 121 times, with cellpy's
  step table and summary re-made and saved by cellpy (`CellpyCell.save`), then read back with `cellpy.get`.

Then, per file and in one run, best and median of --repeats runs (the file in the page cache):

- the Python tool: `pandas.read_csv` (Arbin), galvani `BioLogic.MPTfile` (.mpt), `cellpy.get` (cellpy HDF5),
  in this process (imports done beforehand);
- Coulomb's CLI: `coulomb info FILE --format json` (process start, detect, read, validate, summarise) and
  `coulomb import FILE -o OUT.h5 --force` (the same plus writing the battdat file).

Sanity check: Coulomb's battdat output must have the Python tool's row count, and equal time, voltage and
current (in s, V, A) on 1,000 evenly spaced rows; the largest relative difference is printed.
"""
import argparse
import json
import logging
import os
import statistics
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
from galvani import BioLogic

from benchutil import ms, repeated_arbin, run_conditions, timed, timed_command, warm_page_cache

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / 'Fixtures'
DATA = HERE / 'data' / 'import'
LOG_DIR = tempfile.gettempdir()  # cellpy writes a log file wherever it is told
SAMPLES = 1000


# ------------------------------------------------------------------------------------------------ files
def make_arbin(path: Path, copies: int = 467):
    """The Arbin fixture repeated (``benchutil.repeated_arbin``) as one CSV."""
    repeated_arbin(copies).to_csv(path, index=False)


def make_mpt(path: Path, copies: int = 1667):
    """The GCPL fixture repeated; odd copies are discharges (current, control and charge negated)."""
    one, _ = BioLogic.MPTfile(str(FIXTURES / 'exports' / 'biol_gcpl.mpt'))
    period = one['time/s'][-1] + 10.0
    columns = ['mode', 'ox/red', 'time/s', 'control/mA', 'Ewe/V', 'I/mA', 'cycle number', 'Ns', '(Q-Qo)/mA.h']
    header = ['EC-Lab ASCII FILE', 'Nb header lines : 7', '', 'Galvanostatic Cycling with Potential Limitation',
              '', f'Written by Benchmarks/compare_import.py from Fixtures/exports/biol_gcpl.mpt ({copies} copies)']
    lines = header + ['\t'.join(columns)]
    for k in range(copies):
        sign = -1.0 if k % 2 else 1.0
        ox_red = 0 if k % 2 else 1
        for r in one.tolist():
            mode, _, t, control, ewe, current, _, ns, q = r
            lines.append(f'{mode}\t{ox_red if current else 0}\t{t + k * period:.10E}\t{sign * control:.7E}\t'
                         f'{ewe:.7E}\t{sign * current:.7E}\t{float(k // 2):.15E}\t{ns}\t{sign * q:.10E}')
    path.write_bytes(('\r\n'.join(lines) + '\r\n').encode('latin-1'))


def make_cellpy(path: Path, copies: int = 121):
    """cellpy's own file: the fixture's raw frame repeated, step table and summary re-made, saved by cellpy."""
    import cellpy
    c = cellpy.get(str(FIXTURES / 'formats' / 'cellpy_rate_cut.h5'), custom_log_dir=LOG_DIR)
    one = c.data.raw
    period = one['test_time'].iloc[-1] - one['test_time'].iloc[0] + 30.0
    cycles = one['cycle_index'].max()
    parts = []
    for k in range(copies):
        part = one.copy()
        part['data_point'] += k * len(one)
        part['test_time'] += k * period
        part['date_time'] += pd.Timedelta(seconds=k * period)
        part['cycle_index'] += k * cycles
        parts.append(part)
    raw = pd.concat(parts)
    raw.index = pd.Index(raw['data_point'].to_numpy(), name=one.index.name)
    c.data.raw = raw
    c.make_step_table()
    c.make_summary()
    c.save(str(path))
    back = cellpy.get(str(path), custom_log_dir=LOG_DIR).data.raw
    assert len(back) == len(raw) and np.array_equal(back['voltage'].to_numpy(), raw['voltage'].to_numpy()), \
        f'cellpy.get does not read {path} back as written'


# --------------------------------------------------------------------------------------- Python readers
def read_arbin(path: Path):
    return pd.read_csv(path)


def arbin_columns(frame):
    return frame['Test_Time'].to_numpy(), frame['Voltage'].to_numpy(), frame['Current'].to_numpy()


def read_mpt(path: Path):
    return BioLogic.MPTfile(str(path))[0]


def mpt_columns(data):
    return data['time/s'], data['Ewe/V'], data['I/mA'] / 1000


def read_cellpy(path: Path):
    import cellpy
    return cellpy.get(str(path), custom_log_dir=LOG_DIR)


def cellpy_columns(cell):
    raw = cell.data.raw
    assert cell.data.raw_units['current'] == 'A', cell.data.raw_units
    return raw['test_time'].to_numpy(), raw['voltage'].to_numpy(), raw['current'].to_numpy()


# (name, file, maker, Python tool's label, reader, its time/voltage/current)
CASES = [
    ('Arbin CSV', 'arbin_1M_v1.csv', make_arbin, '`pandas.read_csv(FILE)`', read_arbin, arbin_columns),
    ('BioLogic GCPL .mpt', 'biologic_gcpl_1M_v1.mpt', make_mpt, 'galvani `BioLogic.MPTfile(FILE)`', read_mpt,
     mpt_columns),
    ('cellpy HDF5', 'cellpy_1M_v1.h5', make_cellpy, '`cellpy.get(FILE)` (raw, steps, summary)', read_cellpy,
     cellpy_columns),
]


# ------------------------------------------------------------------------------------------------ Coulomb
def battdat_columns(path: Path):
    """time, voltage and current of the one cell Coulomb's import wrote (battdat's `raw_data`, at the root or
    in the cell's group)."""
    with h5py.File(path, 'r') as f:
        keys = []
        f.visit(lambda name: keys.append(name) if name.split('/')[-1] == 'raw_data' else None)
    assert len(keys) == 1, f'{path}: expected one raw_data table, found {keys}'
    raw = pd.read_hdf(path, keys[0])
    return raw['test_time'].to_numpy(), raw['voltage'].to_numpy(), raw['current'].to_numpy()


def largest_relative_difference(ours, theirs):
    n = len(theirs[0])
    index = np.unique(np.linspace(0, n - 1, SAMPLES).astype(int))
    worst = 0.0
    for a, b in zip(ours, theirs):
        a, b = np.asarray(a, dtype=float)[index], np.asarray(b, dtype=float)[index]
        scale = np.maximum(np.abs(b), 1e-300)
        worst = max(worst, float(np.max(np.abs(a - b) / scale)))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', required=True, help="Coulomb's CLI, built with -c release")
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)
    import cellpy  # noqa: F401 -- imported before timing: its import alone takes seconds

    DATA.mkdir(parents=True, exist_ok=True)
    conditions = run_conditions()
    out = DATA / 'coulomb_import_out.h5'
    rows_out = []
    checks = []
    for name, filename, make, label, read, columns in CASES:
        path = DATA / filename  # bump the version in the name when a maker changes
        if not path.exists():
            make(path)
        warm_page_cache(path)
        python_times, result = timed(args.repeats, lambda: read(path))
        theirs = columns(result)
        del result

        info_times = timed_command(args.repeats, [args.coulomb, 'info', str(path), '--format', 'json'])
        import_times = timed_command(args.repeats, [args.coulomb, 'import', str(path), '-o', str(out), '--force'])
        info = json.loads(subprocess.run([args.coulomb, 'info', str(path), '--format', 'json'], check=True,
                                         capture_output=True, text=True).stdout)
        ours = battdat_columns(out)
        rows = len(theirs[0])
        info_rows = sum(cell['rows'] for cell in info['cells'])
        assert len(ours[0]) == rows == info_rows, f'{path}: {name}: rows differ (Python {rows}, Coulomb ' \
                                                  f'info {info_rows}, import {len(ours[0])})'
        checks.append((name, rows, largest_relative_difference(ours, theirs)))
        python_median = statistics.median(python_times)
        size_MB = path.stat().st_size / 1e6
        for tool, times in [(label, python_times), ('Coulomb `info FILE --format json`', info_times),
                            ('Coulomb `import FILE -o OUT.h5 --force`', import_times)]:
            median = statistics.median(times)
            rows_out.append((f'{name} ({rows:,} rows, {size_MB:.0f} MB)', tool, min(times), median, rows / median,
                             python_median / median))
    out.unlink(missing_ok=True)

    print(f'{conditions}, {os.getloadavg()[0]:.2f} at the end. Best and median of {args.repeats} runs, files in the '
          f'page cache; pandas {pd.__version__}, galvani {version("galvani")}, cellpy {version("cellpy")}. Coulomb '
          f'times are whole processes (start, read, and for `import` the battdat file written).\n')
    print('| file | tool | best | median | rows/s (median) | Python tool / this (median) |')
    print('|---|---|---|---|---|---|')
    for file, tool, best, median, rate, ratio in rows_out:
        print(f'| {file} | {tool} | {ms(best)} | {ms(median)} | {rate / 1e6:.2f} M | {ratio:.2f}× |')
    print(f'\nSanity: per file, the row count of the Python tool, of `coulomb info` and of the battdat file `coulomb '
          f'import` wrote, and the largest relative difference of time, voltage and current (s, V, A) on '
          f'{SAMPLES:,} evenly spaced rows: '
          + '; '.join(f'{name} {rows:,} rows in all three, {worst:.1e}' for name, rows, worst in checks) + '.')


if __name__ == '__main__':
    main()
