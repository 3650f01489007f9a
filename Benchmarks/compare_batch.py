#!/usr/bin/env python3
"""`coulomb batch` over many files with 1 and 2 jobs, beside the per-file loop a Python user would write.

    python3 compare_batch.py --coulomb ../.build/release/coulomb [--files 200] [--eis-files 40] [--repeats 3]

Copies committed fixtures once into Benchmarks/data/batch/<set>/ (kept; re-made when the count changes):

- `ccd`: the eight symmetric Li|SE|Li CCD ramps of Fixtures/symmetric/ (`ccd_*.h5`, battdat), in turn;
  `coulomb batch --analyses ccd`. No Python tool finds a CCD, so nothing runs beside it; each row's CCD is
  checked against Fixtures/symmetric/truth.json.
- `si_half`: Fixtures/hdf5_columns/si_half_cell.h5 (simulated Si half cell, 3 cycles, h5py columns);
  `coulomb batch --analyses cycles`. Beside it, a numpy loop: per file, h5py reads the three columns, the
  record is cut where the sign of the current changes (rests below 1 % of the largest current dropped), the
  trapezoid capacities per half-cycle come from `benchutil.numpy_segment_sums`, CE = delithiation/lithiation.
- `cellpy`: Fixtures/formats/cellpy_rate_cut.h5 (cellpy's own file, 8,303 rows, 3 cycles);
  `coulomb batch --analyses cycles`. Beside it, `cellpy.get(FILE)` per file and the CE from the summary it
  stored (cellpy loads the summary; Coulomb recomputes the cycle table from the raw record).
- `eis` (--eis-files, 40: impedance.py takes about 0.1 s a fit): Fixtures/impedance/arrhenius_spectra.h5 (five
  simulated spectra of R0-p(R1,CPE1), battdat); `coulomb batch --analyses fit --circuit R0-p(R1,CPE1)`. Beside
  it, pandas reads `eis_data` and impedance.py fits each spectrum from a start taken from the spectrum.

Mean CE is over the cycles after the first, as Coulomb's `mean_ce_pct`. Each set is timed as a whole (best and
median of --repeats runs, files in the page cache): Coulomb's CLI with `--jobs 1` and `--jobs 2` (one process
for all files, CSV to a file), Python in this process with its imports done beforehand. Values are compared
file by file (sanity).
"""
import argparse
import csv
import json
import logging
import os
import shutil
import statistics
import tempfile
from importlib.metadata import version
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from benchutil import ms, numpy_segment_sums, run_conditions, timed, timed_command, warm_page_cache

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / 'Fixtures'
DATA = HERE / 'data' / 'batch'
LOG_DIR = tempfile.gettempdir()
CIRCUIT = 'R0-p(R1,CPE1)'  # the circuit the impedance fixture was simulated with


def copies(name: str, sources: list[Path], count: int) -> list[Path]:
    """`count` copies of the sources in turn, in DATA/name/ (re-made when the folder holds another count)."""
    folder = DATA / name
    existing = sorted(folder.glob('*.h5')) if folder.exists() else []
    if len(existing) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for k in range(count):
            source = sources[k % len(sources)]
            shutil.copyfile(source, folder / f'{source.stem}_{k:04d}.h5')
        existing = sorted(folder.glob('*.h5'))
    return existing


def source_stem(path: str) -> str:
    return Path(path).stem.rsplit('_', 1)[0]


def numpy_half_cell(path: Path):
    """(first delithiation capacity mAh, mean CE % after the first cycle) of a Si half cell, as a numpy user
    computes them."""
    with h5py.File(path, 'r') as f:
        t, v, i = f['time_s'][...], f['voltage_V'][...], f['current_A'][...]
    sign = np.where(np.abs(i) > 0.01 * np.abs(i).max(), np.sign(i), 0)
    active = np.flatnonzero(sign)
    starts = active[np.r_[True, np.diff(sign[active]) != 0]]
    sums = numpy_segment_sums(t, v, i, starts)
    lithiation = sums['discharge_Ah'][sign[starts] < 0] * 1e3
    delithiation = sums['charge_Ah'][sign[starts] > 0] * 1e3
    cycles = min(len(lithiation), len(delithiation))
    ce = 100 * delithiation[:cycles] / lithiation[:cycles]
    return delithiation[0], ce[1:].mean()


def cellpy_summary(path: Path):
    """(first charge capacity mAh, mean CE % after the first cycle) from the summary cellpy stored in its file,
    CE as charge/discharge (the anode convention Coulomb applies to this file; cellpy's own
    `coulombic_efficiency` column holds discharge/charge here)."""
    import cellpy
    cell = cellpy.get(str(path), custom_log_dir=LOG_DIR)
    summary = cell.data.summary
    assert cell.data.raw_units['charge'] == 'Ah', cell.data.raw_units
    ce = 100 * summary['charge_capacity'] / summary['discharge_capacity']
    return float(summary['charge_capacity'].iloc[0]) * 1e3, float(ce.iloc[1:].mean())


def impedance_fits(path: Path):
    """R0 and R1 (ohm) of the first and last spectrum of a battdat file, fitted by impedance.py from a start
    taken from each spectrum: R0 = Z' at the highest frequency, R1 = Z' at the lowest − R0, n = 0.85, Q putting
    the arc's apex at the frequency of the largest −Z''."""
    from impedance.models.circuits import CustomCircuit
    fits = []
    for _, spectrum in pd.read_hdf(path, 'eis_data').groupby('test_id', sort=True):
        spectrum = spectrum.sort_values('frequency', ascending=False)
        f = spectrum['frequency'].to_numpy()
        z = spectrum['z_real'].to_numpy() + 1j * spectrum['z_imag'].to_numpy()
        r0, r1 = z.real[0], z.real[-1] - z.real[0]
        q = 1 / (r1 * (2 * np.pi * f[np.argmax(-z.imag)]) ** 0.85)
        circuit = CustomCircuit(CIRCUIT, initial_guess=[r0, r1, q, 0.85])
        circuit.fit(f, z, weight_by_modulus=True)
        fits.append(circuit.parameters_)
    return [fits[0][0], fits[-1][0], fits[0][1], fits[-1][1]]


def read_rows(path: Path):
    with open(path, newline='') as f:
        return list(csv.DictReader(line for line in f if not line.startswith('#')))


def number(text: str):
    return float(text) if text not in ('', None) else None


def same(ours, expected):
    """Equal CCDs (both absent, or equal to 1e-9 relative: levels are sums of floating-point steps)."""
    return ours is expected or (ours is not None and expected is not None and abs(ours - expected) <= 1e-9 * expected)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', required=True, help="Coulomb's CLI, built with -c release")
    parser.add_argument('--files', type=int, default=200)
    parser.add_argument('--eis-files', type=int, default=40, help='files in the impedance set (impedance.py is slow)')
    parser.add_argument('--repeats', type=int, default=3)
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)
    import cellpy  # noqa: F401 -- imported before timing: its import alone takes seconds

    truth = json.loads((FIXTURES / 'symmetric' / 'truth.json').read_text())['files']
    expected_si = next(v for k, v in json.loads((FIXTURES / 'expected.json').read_text()).items()
                       if k.endswith('si_half_cell.h5'))['cycles']
    resistors = json.loads((FIXTURES / 'impedance' / 'arrhenius_truth.json').read_text())['resistors']
    cycle_columns = ['first_capacity_out_mAh', 'mean_ce_pct']
    # (folder, what the files are, sources, count, batch options, Python loop and its label, columns it gives,
    # the same values from an independent source when there is one)
    sets = [
        ('ccd', 'symmetric CCD ramps (8 files of `Fixtures/symmetric/ccd_*.h5` in turn, battdat)',
         sorted((FIXTURES / 'symmetric').glob('ccd_*.h5')), args.files, ['--analyses', 'ccd'], None, None, [], None),
        ('si_half', 'Si half cell (`Fixtures/hdf5_columns/si_half_cell.h5`, HDF5 columns)',
         [FIXTURES / 'hdf5_columns' / 'si_half_cell.h5'], args.files, ['--analyses', 'cycles'], numpy_half_cell,
         'h5py + numpy per file (half-cycles by the sign of the current, `numpy_segment_sums`, CE)', cycle_columns,
         ('closed form in `Fixtures/expected.json`',
          [expected_si[0]['charge_capacity_mAh'],
           statistics.mean(c['coulombic_efficiency_pct'] for c in expected_si[1:])])),
        ('cellpy', "graphite half cell in cellpy's file (`Fixtures/formats/cellpy_rate_cut.h5`)",
         [FIXTURES / 'formats' / 'cellpy_rate_cut.h5'], args.files, ['--analyses', 'cycles'], cellpy_summary,
         '`cellpy.get(FILE)` per file, CE from its stored summary', cycle_columns, None),
        ('eis', 'garnet spectra at 5 temperatures (`Fixtures/impedance/arrhenius_spectra.h5`, battdat)',
         [FIXTURES / 'impedance' / 'arrhenius_spectra.h5'], args.eis_files,
         ['--analyses', 'fit', '--circuit', CIRCUIT], impedance_fits,
         f'pandas + impedance.py per file (`CustomCircuit(\'{CIRCUIT}\').fit(weight_by_modulus=True)` per spectrum)',
         ['R0_first', 'R0_last', 'R1_first', 'R1_last'],
         ('the simulated values in `arrhenius_truth.json`',
          [resistors['R0']['ohm'][0], resistors['R0']['ohm'][-1], resistors['R1']['ohm'][0],
           resistors['R1']['ohm'][-1]])),
    ]
    conditions = run_conditions()
    table, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / 'batch.csv'
        for name, label, sources, count, options, python, python_label, columns, reference in sets:
            files = copies(name, sources, count)
            warm_page_cache(*files)
            entries = []
            if python:
                entries.append((python_label, timed(args.repeats, lambda: [python(f) for f in files])[0]))
            for jobs in (1, 2):
                times = timed_command(args.repeats, [args.coulomb, 'batch', *map(str, files), *options,
                                                     '--jobs', str(jobs), '-o', str(out), '--force'])
                entries.append((f'Coulomb `batch {" ".join(options)} --jobs {jobs}`', times))
            rows = read_rows(out)
            assert len(rows) == len(files) and all(r['status'] == 'ok' for r in rows), \
                f'{name}: batch rows {len(rows)}, statuses {sorted({r["status"] for r in rows})}'
            first = statistics.median(entries[0][1])
            for tool, times in entries:
                median = statistics.median(times)
                table.append((f'{label}, {len(files)} files', tool, min(times), median, median / len(files),
                              first / median))

            # Sanity, file by file.
            if name == 'ccd':
                wrong = sorted({source_stem(r['file']) for r in rows if not same(
                    number(r['ccd_mA_cm2']), truth[source_stem(r['file']) + '.h5']['ccd_expected_mA_cm2'])})
                notes.append(f'{label.split(" (")[0]}: the CCD of each of the {len(rows)} files against '
                             '`truth.json`: ' + (f'differs for {", ".join(wrong)}' if wrong else 'all equal'))
                continue
            ours = {Path(r['file']).name: [number(r[c]) for c in columns] for r in rows}
            theirs = {f.name: python(f) for f in files}
            worst = max(abs(a / b - 1) for k in theirs for a, b in zip(ours[k], theirs[k]))
            note = (f'{label.split(" (")[0]}: Coulomb\'s {", ".join(f"`{c}`" for c in columns)} against the Python '
                    f'loop\'s, every file: largest relative difference {worst:.1e}; Coulomb '
                    + ', '.join(f'{v:.6g}' for v in ours[files[0].name]))
            if reference:
                source, values = reference
                note += f', {source} ' + ', '.join(f'{v:.6g}' for v in values)
            notes.append(note)

    print(f'{conditions}, {os.getloadavg()[0]:.2f} at the end. {args.files} files per set ({args.eis_files} of '
          f'spectra); whole runs, best and median of {args.repeats}, files in the page cache; cellpy '
          f'{version("cellpy")}, impedance.py {version("impedance")}, numpy {np.__version__}, '
          f'h5py {h5py.__version__}.\n')
    print('| files | tool | best | median | per file (median) | first row of the set / this (median) |')
    print('|---|---|---|---|---|---|')
    for files, tool, best, median, per_file, ratio in table:
        print(f'| {files} | {tool} | {ms(best)} | {ms(median)} | {ms(per_file)} | {ratio:.2f}× |')
    print('\nSanity: ' + '; '.join(notes) + '.')


if __name__ == '__main__':
    main()
