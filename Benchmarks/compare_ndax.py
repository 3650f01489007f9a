#!/usr/bin/env python3
"""Reading a ~1M-row Neware .ndax file: Coulomb's CLI against NewareNDA, same file, same run.

    python3 compare_ndax.py --coulomb ../.build/release/coulomb [--repeats 5] [--python-repeats 1]

Writes Benchmarks/data/ndax/test_2_x10.ndax once (kept; regenerated only when missing) from the real file
../shared/data/neware/test_2.ndax (ndc layout version 17, 108,563 records, 216 steps, BTS Server 8: its
data_runInfo.ndc lists about a third of the records) by repeating every table's pages 10 times: in copy k
the record indices of data_runInfo.ndc move on by k times the number of record slots of data.ndc, its step
numbers by k·10,000 and data_step.ndc's cycles by k times the file's cycle count, so each copy is new
records, steps and cycles. The other members are copied as they are; the archive is deflated by zipfile.

Then, best and median of --repeats runs (the file in the page cache): `NewareNDA.read(file,
software_cycle_number=False)` in this process, and Coulomb's `coulomb info FILE --format json` and
`coulomb import FILE -o OUT.h5 --force` as whole processes; their CPU time (user + system) too, which a busy
machine does not inflate as it does the wall-clock time. Sanity: the row counts agree, and voltage and
current agree on 1,000 evenly spaced rows (NewareNDA's float32 against Coulomb's battdat file).
"""
import argparse
import json
import resource
import logging
import os
import statistics
import struct
import subprocess
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np

from benchutil import ms, run_conditions, timed, timed_command, warm_page_cache
from compare_import import battdat_columns

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / 'shared' / 'data' / 'neware' / 'test_2.ndax'
DATA = HERE / 'data' / 'ndax'
PAGE, START = 4096, 132
SAMPLES = 1000


def pages(table: bytes):
    return [table[at:at + PAGE] for at in range(PAGE, len(table), PAGE)]


def shifted(page: bytes, size: int, trailer: int, edit):
    """A page with `edit(record bytearray)` applied to each non-empty record slot."""
    page = bytearray(page)
    for at in range(START, PAGE - trailer - size + 1, size):
        record = page[at:at + size]
        if edit(record):
            page[at:at + size] = record
    return bytes(page)


def cpu_times(repeats, body, children):
    """The CPU time (user + system) of each of `repeats` runs of `body`: this process's, or its children's."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    times = []
    for _ in range(repeats):
        before = resource.getrusage(who)
        body()
        after = resource.getrusage(who)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


def make_large(path: Path, copies: int = 10):
    with zipfile.ZipFile(SOURCE) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    data, run, step = members['data.ndc'], members['data_runInfo.ndc'], members['data_step.ndc']
    assert data[2] == run[2] == step[2] == 17, 'test_2.ndax is ndc version 17'
    slots = len(pages(data)) * 495
    cycles = max(struct.unpack_from('<i', page, at)[0]
                 for page in pages(step) for at in range(START, PAGE - 64 - 100 + 1, 100)) + 1

    def run_edit(k):
        def edit(record):
            index, = struct.unpack_from('<i', record, 41)
            if index == 0:
                return False
            struct.pack_into('<i', record, 41, index + k * slots)
            struct.pack_into('<i', record, 37, struct.unpack_from('<i', record, 37)[0] + k * 10000)
            return True
        return edit

    def step_edit(k):
        def edit(record):
            if struct.unpack_from('<i', record, 33)[0] == 0:
                return False
            struct.pack_into('<i', record, 0, struct.unpack_from('<i', record, 0)[0] + k * cycles)
            return True
        return edit

    members['data.ndc'] = data[:PAGE] + b''.join(pages(data)) * copies
    members['data_runInfo.ndc'] = run[:PAGE] + b''.join(
        shifted(page, 100, 64, run_edit(k)) for k in range(copies) for page in pages(run))
    members['data_step.ndc'] = step[:PAGE] + b''.join(
        shifted(page, 100, 64, step_edit(k)) for k in range(copies) for page in pages(step))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', required=True, help="Coulomb's CLI, built with -c release")
    parser.add_argument('--repeats', type=int, default=5)
    parser.add_argument('--python-repeats', type=int, default=1, help='NewareNDA runs (about 30 s each)')
    args = parser.parse_args()
    import NewareNDA
    logging.disable(logging.WARNING)

    path = DATA / 'test_2_x10.ndax'  # bump the name when make_large changes
    if not path.exists():
        make_large(path)
    out = DATA / 'coulomb_ndax_out.h5'
    conditions = run_conditions()
    warm_page_cache(path)
    read = lambda: NewareNDA.read(str(path), software_cycle_number=False)  # noqa: E731
    python_times, frame = timed(args.python_repeats, read)
    python_cpu = cpu_times(args.python_repeats, read, children=False)
    info_command = [args.coulomb, 'info', str(path), '--format', 'json']
    import_command = [args.coulomb, 'import', str(path), '-o', str(out), '--force']
    info_times = timed_command(args.repeats, info_command)
    import_times = timed_command(args.repeats, import_command)
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    info_cpu = cpu_times(args.repeats, lambda: subprocess.run(info_command, **quiet), children=True)
    import_cpu = cpu_times(args.repeats, lambda: subprocess.run(import_command, **quiet), children=True)
    info = json.loads(subprocess.run([args.coulomb, 'info', str(path), '--format', 'json'], check=True,
                                     capture_output=True, text=True).stdout)
    rows = len(frame)
    info_rows = sum(cell['rows'] for cell in info['cells'])
    time_s, voltage_V, current_A = battdat_columns(out)
    out.unlink(missing_ok=True)
    assert len(voltage_V) == rows == info_rows, f'rows differ (NewareNDA {rows}, info {info_rows}, import {len(voltage_V)})'
    picks = np.linspace(0, rows - 1, SAMPLES).astype(int)
    theirs_V = frame['Voltage'].to_numpy(float)[picks]
    theirs_A = frame['Current(mA)'].to_numpy(float)[picks] / 1000
    worst = max(np.max(np.abs(voltage_V[picks] - theirs_V) / np.maximum(np.abs(theirs_V), 1e-3)),
                np.max(np.abs(current_A[picks] - theirs_A) / np.maximum(np.abs(theirs_A), 1e-3)))
    size_MB = path.stat().st_size / 1e6

    print(f'{conditions}, {os.getloadavg()[0]:.2f} at the end. Best and median of {args.repeats} runs '
          f'({args.python_repeats} for NewareNDA), the file in the page cache; NewareNDA {version("NewareNDA")}, '
          f'pandas {version("pandas")}. Coulomb times are whole processes.\n')
    print('| file | tool | best | median | CPU, user + system (median) | rows/s (median) | NewareNDA / this (median) |')
    print('|---|---|---|---|---|---|---|')
    python_median = statistics.median(python_times)
    for tool, times, cpu in [('NewareNDA `read(file, software_cycle_number=False)`', python_times, python_cpu),
                             ('Coulomb `info FILE --format json`', info_times, info_cpu),
                             ('Coulomb `import FILE -o OUT.h5 --force`', import_times, import_cpu)]:
        median = statistics.median(times)
        print(f'| Neware .ndax, ndc 17 ({rows:,} rows, {size_MB:.1f} MB) | {tool} | {ms(min(times))} | {ms(median)} | '
              f'{ms(statistics.median(cpu))} | {rows / median / 1e6:.2f} M | {python_median / median:.2f}× |')
    print(f'\nSanity: {rows:,} rows from NewareNDA, `coulomb info` and the battdat file `coulomb import` wrote; largest '
          f'relative difference of voltage and current on {SAMPLES:,} evenly spaced rows {worst:.1e} (NewareNDA '
          f'stores float32).')


if __name__ == '__main__':
    main()
