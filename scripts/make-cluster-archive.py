#!/usr/bin/env python3
"""A lab's archive in miniature, for `make cluster-check` and docs/SCALING.md: mixed formats and kinds of cell.

Usage (from the repository root, with the project's .venv):
    .venv/bin/python scripts/make-cluster-archive.py OUT_DIR [--files N] [--seed S] [--kinds K,…] [--simulated-only]

Writes N files (default 240) under OUT_DIR and OUT_DIR/files.txt listing them sorted, one per line:

* cycling/   simulated cycled cells (HDF5 columns layout, h5py): full, cathode-half and anode-half cells, constant
             current, 5–20 cycles, 60 s sampling; capacity, fade and Coulombic efficiency drawn per file;
* symmetric/ simulated Li|SE|Li cells on CCD ramps (time- and capacity-limited) and at constant current, healthy or
             failing by hard short, soft short or sudden drop, from Fixtures/make_symmetric_fixtures.py's simulator
             (30 s sampling); one in twelve without an electrode area (a note, no CCD);
* impedance/ impedance series: 3–12 spectra of R0-p(R1,CPE1) (100 kHz–0.1 Hz, 8 points per decade, 0.5 % noise)
             with R1 growing along the series;
* copies/    the committed fixtures of the other formats (battdat, cellpy, Arbin, Maccor, Neware, BioLogic, MATLAB,
             Gamry, …), each twice under two names: identical bytes, two rows;
* bad/       a few bad files (truncated HDF5, not HDF5, empty columns, no current, time running backwards, an
             empty file): failed rows with their errors.

--kinds picks the simulated kinds (cycling, symmetric, impedance; all three by default, in turn), and
--simulated-only leaves out the copies and the bad files (docs/SCALING.md measures each kind on its own).
Every simulated file has its own seed (S + its number), so the archive is the same on every machine; nothing here
is a reference value — the check compares Coulomb with itself, sharded and unsharded.
"""
import argparse
import shutil
import sys
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'Fixtures'))
import make_symmetric_fixtures as symmetric  # noqa: E402  (the simulator of the committed symmetric fixtures)

COPIES = ['battdat/arbin_single.h5', 'battdat/eis_spectra.h5', 'battdat/two_cells.h5', 'cycling/neware_uio_half.h5',
          'cycling/arbin_res_si_half.h5', 'formats/cellpy_rate_cut.h5', 'formats/severson_like.mat',
          'hdf5_columns/two_cells_columns.h5', 'hdf5_columns/si_half_cell.h5', 'exports/maccor_002.txt',
          'exports/arbin_example.csv', 'exports/biol_gcpl.mpt', 'exports/exampleDataGamry.DTA',
          'exports/PEIS-0.mpr', 'exports/pec.csv', 'impedance/two_sweeps.mpt']
BAD = ['bad/truncated.h5', 'bad/not_hdf5.h5', 'bad/zero_rows.h5', 'bad/missing_current.h5', 'bad/time_backwards.h5']


def cycled(path: Path, rng):
    """Constant-current cycles; I > 0 charges the cell. Anode half cells start with lithiation (I < 0)."""
    kind = rng.choice(['full', 'cathode', 'anode'])
    capacity_mAh = rng.uniform(1.0, 3.0)
    fade = rng.uniform(0.001, 0.02)
    first_ce, later_ce = rng.uniform(0.80, 0.92), rng.uniform(0.995, 0.9995)
    current_A = capacity_mAh / 2.0 / 1000.0  # C/2
    low, high = (0.01, 1.0) if kind == 'anode' else (3.0, 4.2)
    first_sign = -1 if kind == 'anode' else 1
    t, v, i, cycle, step = [], [], [], [], []
    clock, step_no = 0.0, 0
    for c in range(int(rng.integers(5, 21))):
        q_in = capacity_mAh * (1 - fade) ** c
        q_out = q_in * (first_ce if c == 0 else later_ce)
        for sign, q in ((first_sign, q_in), (-first_sign, q_out)):
            duration = q / (current_A * 1000.0) * 3600.0
            times = np.arange(0.0, duration, 60.0)
            x = times / duration
            rising = sign > 0
            shape = x ** 0.8 if rising else 1 - x ** 0.8
            if kind == 'anode':
                shape = 1 - shape
            t.append(clock + times)
            v.append(low + (high - low) * shape + rng.normal(0, 1e-3, len(times)))
            i.append(np.full(len(times), sign * current_A))
            cycle.append(np.full(len(times), c))
            step.append(np.full(len(times), step_no))
            clock += duration
            step_no += 1
    with h5py.File(path, 'w') as f:
        f['time_s'], f['voltage_V'], f['current_A'] = np.concatenate(t), np.concatenate(v), np.concatenate(i)
        f['cycle_index'], f['step_index'] = np.concatenate(cycle).astype(np.int64), np.concatenate(step).astype(np.int64)
        f.attrs['cell_type'] = {'anode': 'anodeHalf', 'cathode': 'cathodeHalf', 'full': 'full'}[kind]
        f.attrs['area_cm2'] = round(float(rng.uniform(0.5, 2.0)), 3)
        f.attrs['active_mass_g'] = round(float(rng.uniform(0.005, 0.02)), 4)


def symmetric_cell(path: Path, rng, number: int):
    """A CCD ramp or a constant-current test, from the committed fixtures' simulator."""
    protocol = rng.choice(['time-limited', 'time-limited', 'capacity-limited', 'constant'])
    if protocol == 'constant':
        levels, pairs = [round(float(rng.uniform(0.1, 0.3)), 2)], int(rng.integers(8, 20))
    else:
        step = float(rng.choice([0.05, 0.1, 0.2]))
        levels, pairs = [round(step * (k + 1), 2) for k in range(int(rng.integers(3, 8)))], int(rng.integers(1, 3))
    halves = 2 * pairs * len(levels)
    failure = rng.choice(['none', 'hard', 'soft', 'drop'])
    at = int(rng.integers(1, halves))
    failures = {
        'none': [],
        'hard': [symmetric.hard(half=at, frac=float(rng.uniform(0.2, 0.8)), R=float(rng.uniform(2, 5)))],
        'soft': [dict(kind='soft_short', half=at, frac=0.4, dip_rate_per_h=1.5, dip_depth=(0.3, 0.7),
                      dip_tau_s=(15.0, 60.0), noise_growth_per_h=1.0, noise_max=6.0)],
        'drop': [dict(kind='sudden_drop', half=at, frac=0.5, fraction=float(rng.uniform(0.4, 0.7)))],
    }[failure]
    spec = dict(symmetric.DEFAULTS, name=path.stem, description='cluster archive', seed=10_000 + number, protocol=str(protocol), levels=levels,
                pairs=pairs, q_mAh_cm2=0.1, dt_s=30.0, half_cycle_s=1800.0, area_cm2=round(float(rng.uniform(0.5, 2.0)), 3),
                asr=float(rng.uniform(30, 200)), j0=float(rng.uniform(0.5, 2.0)), failures=failures)
    raw, _ = symmetric.simulate(spec)
    with h5py.File(path, 'w') as f:
        f['time_s'], f['voltage_V'], f['current_A'] = raw['test_time'].to_numpy(), raw['voltage'].to_numpy(), raw['current'].to_numpy()
        f['cycle_index'], f['step_index'] = raw['cycle_number'].to_numpy(), raw['step_index'].to_numpy()
        f.attrs['cell_type'] = 'symmetric'
        f.attrs['stack_pressure_MPa'] = float(spec['stack_pressure_MPa'])
        if number % 12 != 0:
            f.attrs['area_cm2'] = spec['area_cm2']


def impedance_series(path: Path, rng):
    """Spectra of R0-p(R1,CPE1) at 8 points per decade, R1 growing along the series; 0.5 % complex noise."""
    frequency = np.logspace(5, -1, 49)
    omega = 2 * np.pi * frequency
    r0, r1, q, n = rng.uniform(5, 50), rng.uniform(50, 500), 10 ** rng.uniform(-7, -5), rng.uniform(0.7, 0.95)
    with h5py.File(path, 'w') as f:
        f.attrs['cell_type'] = 'symmetric'
        f.attrs['area_cm2'] = round(float(rng.uniform(0.5, 2.0)), 3)
        eis = f.create_group('eis')
        for k in range(int(rng.integers(3, 13))):
            r = r1 * (1 + 0.1 * k)
            z = r0 + r / (1 + r * q * (1j * omega) ** n)
            z = z * (1 + rng.normal(0, 0.005, len(z)) + 1j * rng.normal(0, 0.005, len(z)))
            g = eis.create_group(f'spectrum_{k}')
            g['frequency_Hz'], g['z_real_ohm'], g['z_imag_ohm'] = frequency, z.real, z.imag
            g.attrs['time_s'] = 3600.0 * k
            g.attrs['temperature_C'] = 25.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out', type=Path)
    parser.add_argument('--files', type=int, default=240)
    parser.add_argument('--seed', type=int, default=20261206)
    parser.add_argument('--kinds', default='cycling,symmetric,impedance')
    parser.add_argument('--simulated-only', action='store_true')
    args = parser.parse_args()
    kinds = args.kinds.split(',')
    assert set(kinds) <= {'cycling', 'symmetric', 'impedance'}, kinds
    if args.out.exists():
        shutil.rmtree(args.out)
    for folder in ('cycling', 'symmetric', 'impedance', 'copies', 'bad'):
        (args.out / folder).mkdir(parents=True)
    written = []
    for source in [] if args.simulated_only else BAD:
        target = args.out / 'bad' / Path(source).name
        shutil.copyfile(ROOT / 'Fixtures' / source, target)
        written.append(target)
    if not args.simulated_only:
        (args.out / 'bad' / 'empty.h5').write_bytes(b'')
        written.append(args.out / 'bad' / 'empty.h5')
    for source in [] if args.simulated_only else COPIES:
        for copy in ('a', 'b'):
            target = args.out / 'copies' / f'{Path(source).stem}_{copy}{Path(source).suffix}'
            shutil.copyfile(ROOT / 'Fixtures' / source, target)
            written.append(target)
    number = 0
    while len(written) < args.files:
        rng = np.random.default_rng(args.seed + number)
        kind = kinds[number % len(kinds)]
        path = args.out / kind / f'{kind}_{number:05d}.h5'
        if kind == 'cycling':
            cycled(path, rng)
        elif kind == 'symmetric':
            symmetric_cell(path, rng, number)
        else:
            impedance_series(path, rng)
        written.append(path)
        number += 1
    (args.out / 'files.txt').write_text(''.join(f'{p}\n' for p in sorted(str(p) for p in written)))
    print(f'{len(written)} files in {args.out} ({number} simulated)')


if __name__ == '__main__':
    main()
