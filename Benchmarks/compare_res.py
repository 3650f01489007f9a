#!/usr/bin/env python3
"""Reading an Arbin .res file: Coulomb's CLI against cellpy, same file, same run.

    python3 compare_res.py --coulomb ../.build/release/coulomb [--repeats 5]

The file is the committed Fixtures/arbin/20160805_test001_45_cc_01.res (10,261 data points, 1.6 MB): no tool here
writes an MS Access database, so no larger .res can be made. Per tool, best and median of --repeats runs (the file
in the page cache):

- cellpy: `cellpy.get(FILE, instrument="arbin_res")` in this process (imports done beforehand); it runs mdbtools'
  `mdb-export` once per table and parses the CSV with pandas;
- Coulomb's CLI: `coulomb info FILE --format json` and `coulomb import FILE -o OUT.h5 --force` (whole processes,
  each running libmdb in a child process of itself), and the child alone, `coulomb _read-res FILE` (process start,
  libmdb's parse, the reading written to a pipe).

Sanity: Coulomb's battdat output must have cellpy's row count and equal time, voltage and current on 1,000 evenly
spaced rows; the largest relative difference is printed (the singles `Current` and `Voltage` reach cellpy as
8-digit text, so up to ~5e-8).
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

from benchutil import ms, run_conditions, timed, timed_command, warm_page_cache
from compare_import import SAMPLES, battdat_columns, largest_relative_difference

HERE = Path(__file__).resolve().parent
RES = HERE.parent / 'Fixtures' / 'arbin' / '20160805_test001_45_cc_01.res'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', required=True, help="Coulomb's CLI, built with -c release")
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)
    import cellpy
    logdir = tempfile.mkdtemp()
    conditions = run_conditions()
    warm_page_cache(RES)
    cellpy_times, cell = timed(args.repeats, lambda: cellpy.get(str(RES), instrument='arbin_res', custom_log_dir=logdir))
    raw = cell.data.raw
    theirs = (raw['test_time'].to_numpy(), raw['voltage'].to_numpy(), raw['current'].to_numpy())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / 'res.h5'
        info_times = timed_command(args.repeats, [args.coulomb, 'info', str(RES), '--format', 'json'])
        import_times = timed_command(args.repeats, [args.coulomb, 'import', str(RES), '-o', str(out), '--force'])
        child_times = timed_command(args.repeats, [args.coulomb, '_read-res', str(RES)])
        info = json.loads(subprocess.run([args.coulomb, 'info', str(RES), '--format', 'json'], check=True,
                                         capture_output=True, text=True).stdout)
        ours = battdat_columns(out)
    rows = len(theirs[0])
    assert len(ours[0]) == rows == info['cells'][0]['rows'], 'rows differ'
    worst = largest_relative_difference(ours, theirs)
    cellpy_median = statistics.median(cellpy_times)
    print(f'{conditions}, {os.getloadavg()[0]:.2f} at the end. Best and median of {args.repeats} runs, the file in the '
          f'page cache; cellpy {version("cellpy")} with mdbtools (`mdb-export`), pandas {version("pandas")}; Coulomb '
          f'with libmdb from mdbtools-dev. Coulomb times are whole processes.\n')
    print('| file | tool | best | median | rows/s (median) | cellpy / this (median) |')
    print('|---|---|---|---|---|---|')
    name = f'Arbin .res ({rows:,} rows, {RES.stat().st_size / 1e6:.1f} MB)'
    for tool, times in [('`cellpy.get(FILE, instrument="arbin_res")`', cellpy_times),
                        ('Coulomb `info FILE --format json`', info_times),
                        ('Coulomb `import FILE -o OUT.h5 --force`', import_times),
                        ('Coulomb `_read-res FILE` (the libmdb child alone)', child_times)]:
        median = statistics.median(times)
        print(f'| {name} | {tool} | {ms(min(times))} | {ms(median)} | {rows / median / 1e6:.2f} M | '
              f'{cellpy_median / median:.2f}× |')
    print(f'\nSanity: {rows:,} rows from cellpy, `coulomb info` and the battdat file `coulomb import` wrote; the largest '
          f'relative difference of time, voltage and current (s, V, A) on {SAMPLES:,} evenly spaced rows: {worst:.1e}.')


if __name__ == '__main__':
    main()
