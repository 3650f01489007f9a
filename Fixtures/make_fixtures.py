#!/usr/bin/env python3
"""Write Coulomb's HDF5 fixtures with the tools users already trust (battdat, h5py, pandas, impedance.py).

Run from the repository root:  python3 Fixtures/make_fixtures.py [--shared ../shared/data]

Every file and the reference values in `expected.json` come from these tools, never from Coulomb.
What each file is for is listed in Fixtures/README.md.
"""
import argparse
import json
import os
import shutil
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
from battdat.data import BatteryDataset
from battdat.io.arbin import ArbinReader
from battdat.schemas import BatteryMetadata
from impedance import preprocessing

HERE = Path(__file__).resolve().parent
expected = {}


def arbin(shared: Path) -> pd.DataFrame:
    """battdat's own Arbin CSV example (Apache-2.0), read by battdat's Arbin reader."""
    data = ArbinReader().read_dataset([str(shared / 'battery_data_toolkit' / 'arbin_example.csv')])
    raw = data.tables['raw_data']
    # The enum columns are Python objects; keep the numeric columns people analyse.
    return raw[['cycle_number', 'step_index', 'test_time', 'voltage', 'current', 'temperature']].copy()


def spectra(shared: Path):
    """Real spectra from impedance.py's test data (MIT), read with impedance.py's own readers."""
    found = []
    f, z = preprocessing.readCSV(str(shared / 'impedance_py' / 'exampleData.csv'))
    found.append(('exampleData.csv', f, z))
    for name in ['Circuit1_EIS_1.z', 'Circuit2_EIS_1.z', 'Circuit3_EIS_1.z']:
        f, z = preprocessing.readFile(str(shared / 'impedance_py' / name), instrument='zplot')
        found.append((name, f, z))
    return found


def describe_cycling(key, raw, time_col='test_time', cycle_col='cycle_number'):
    t = np.asarray(raw[time_col], dtype=float)
    expected[key] = dict(rows=int(len(t)), time_span_s=float(t[-1] - t[0]),
                         cycles=None if cycle_col is None else int(len(np.unique(raw[cycle_col]))),
                         first_voltage_V=float(raw['voltage'].iloc[0]) if 'voltage' in raw else None,
                         sum_current_A=float(np.sum(raw['current'])) if 'current' in raw else None)


def write_battdat(out: Path, shared: Path):
    raw = arbin(shared)
    meta = BatteryMetadata(name='arbin-lfp', battery={'cathode': {'name': 'LFP', 'area': 1.2, 'loading': 10.0},
                                                        'anode': {'name': 'graphite', 'area': 1.2}})
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=raw).to_hdf(out / 'battdat' / 'arbin_single.h5')
    describe_cycling('battdat/arbin_single.h5', raw)
    expected['battdat/arbin_single.h5'].update(area_cm2=1.2, mass_g=1.2 * 10.0 / 1000, spectra=0, cell='arbin-lfp')

    # Two cells in one file, one group each (battdat's "prefix").
    path = out / 'battdat' / 'two_cells.h5'
    cell_b = raw[raw['cycle_number'] == 0].copy()
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=raw).to_hdf(path, prefix='cell_a', complevel=4)
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=cell_b).to_hdf(path, prefix='cell_b', overwrite=False)
    describe_cycling('battdat/two_cells.h5:cell_a', raw)
    describe_cycling('battdat/two_cells.h5:cell_b', cell_b)

    # Several spectra in one eis_data table.
    rows = []
    for test_id, (name, f, z) in enumerate(spectra(shared)):
        rows.append(pd.DataFrame(dict(test_id=test_id, test_time=3600.0 * test_id, frequency=f, z_real=z.real,
                                      z_imag=z.imag, z_mag=np.abs(z), z_phase=np.angle(z, deg=True))))
    eis = pd.concat(rows, ignore_index=True)
    BatteryDataset.make_cell_dataset(metadata=BatteryMetadata(name='impedance-examples'),
                                     eis_data=eis).to_hdf(out / 'battdat' / 'eis_spectra.h5')
    expected['battdat/eis_spectra.h5'] = dict(
        rows=0, cycles=None, spectra=len(rows), points=[len(r) for r in rows],
        sum_z_real_ohm=float(eis['z_real'].sum()), sum_z_imag_ohm=float(eis['z_imag'].sum()),
        first_frequency_Hz=[float(r['frequency'].iloc[0]) for r in rows])


def write_columns(out: Path, shared: Path):
    raw = arbin(shared)
    path = out / 'hdf5_columns' / 'cell_columns.h5'
    with h5py.File(path, 'w') as f:
        f['time_s'] = raw['test_time'].to_numpy()
        f['voltage_V'] = raw['voltage'].to_numpy()
        f['current_A'] = raw['current'].to_numpy()
        f['cycle_index'] = raw['cycle_number'].to_numpy().astype(np.int32)
        f['step_index'] = raw['step_index'].to_numpy().astype(np.int16)
        f.attrs['cell_type'] = 'full'
        f.attrs['area_cm2'] = 1.5
        f.attrs['active_mass_g'] = np.float32(0.0125)
        for i, (name, fr, z) in enumerate(spectra(shared)[:2]):
            g = f.create_group(f'eis/spectrum_{i}')
            g['frequency_Hz'] = fr
            g['z_real_ohm'] = z.real
            g['z_imag_ohm'] = z.imag
            g.attrs['time_s'] = 100.0 * i
    describe_cycling('hdf5_columns/cell_columns.h5', raw)
    expected['hdf5_columns/cell_columns.h5'].update(area_cm2=1.5, mass_g=float(np.float32(0.0125)), spectra=2,
                                                    cell_type='full')

    # Two cells as groups; cell_B stores current in mA, chunked and compressed, with no cycle index.
    path = out / 'hdf5_columns' / 'two_cells_columns.h5'
    with h5py.File(path, 'w') as f:
        a = f.create_group('cell_A')
        a['time_s'] = raw['test_time'].to_numpy()
        a['voltage_V'] = raw['voltage'].to_numpy()
        a['current_A'] = raw['current'].to_numpy()
        b = f.create_group('cell_B')
        b.create_dataset('test_time', data=raw['test_time'].to_numpy(), chunks=(256,), compression='gzip', shuffle=True)
        b.create_dataset('voltage', data=raw['voltage'].to_numpy().astype(np.float32), chunks=(256,),
                         compression='gzip')
        b.create_dataset('current_mA', data=raw['current'].to_numpy() * 1000.0, chunks=(256,), compression='gzip')
        b.attrs['cell_type'] = 'symmetric'
    expected['hdf5_columns/two_cells_columns.h5'] = dict(
        cells=['cell_A', 'cell_B'], rows=len(raw), sum_current_A=float(np.sum(raw['current'].to_numpy() * 1000.0) / 1000.0),
        voltage_f32_first=float(np.float32(raw['voltage'].iloc[0])))

    # A test clock that restarts at zero for a second sequence: repaired with a warning.
    path = out / 'hdf5_columns' / 'time_reset.h5'
    t1 = np.arange(0.0, 100.0, 10.0)
    t2 = np.arange(0.0, 50.0, 10.0)
    with h5py.File(path, 'w') as f:
        f['time_s'] = np.concatenate([t1, t2])
        f['voltage_V'] = np.linspace(3.0, 3.5, len(t1) + len(t2))
        f['current_A'] = np.full(len(t1) + len(t2), 0.1)
    expected['hdf5_columns/time_reset.h5'] = dict(rows=15, reset_row=10, time_span_s=90.0 + 10.0 + 40.0)


def write_silicon(out: Path):
    """A simulated Si|SE|Li half cell whose capacities and dQ/dV peaks are known in closed form.

    Each half-cycle's dQ/dV is a sum of Gaussian peaks on a flat baseline (lithiation near 0.22 and
    0.08 V, delithiation near 0.29 V and the sharp Li15Si4 peak at 0.47 V, after DOMAIN.md), integrated to
    Q(V) and inverted at 20 s samples of a constant 0.2 mA current, with +-0.3 mV of uniform noise and
    10 min rests. The current switches at a repeated time stamp, so each half-cycle's capacity is exactly
    I*t. No cycle index: cycles come from the anode convention (lithiation first).
    """
    from math import erf, sqrt
    rng = np.random.default_rng(7)
    current_A, dt = 0.2e-3, 20.0
    lithiation = [(0.22, 0.030, 0.45), (0.08, 0.020, 0.45)]
    delithiation = [(0.29, 0.030, 0.50), (0.47, 0.012, 0.40)]  # weights + baseline = 1
    baseline_fraction = 0.10
    low, high = 0.01, 0.90
    capacities = [(1.00, 0.80), (0.90, 0.87), (0.88, 0.86)]  # (lithiation, delithiation) in mAh; whole 20 s samples

    def q_of_v(v, peaks, total_mAh):
        """Capacity passed (mAh) at voltage v, counted from the low end of the window."""
        cdf = lambda x, m, s: 0.5 * (1 + np.vectorize(erf)((x - m) / (s * sqrt(2))))
        shape = sum(w * (cdf(v, m, s) - cdf(low, m, s)) / (cdf(high, m, s) - cdf(low, m, s)) for m, s, w in peaks)
        shape = shape + baseline_fraction * (v - low) / (high - low)
        return total_mAh * shape

    fine = np.linspace(low, high, 200_001)
    t, v, i = [], [], []
    clock = 0.0

    cycle_of_row = []

    def hold(current, voltages):
        nonlocal clock
        for k, volt in enumerate(voltages):
            if k > 0:
                clock += dt
            t.append(clock)
            v.append(volt)
            i.append(current)
            cycle_of_row.append(cycle_number)

    cycle_number = 0
    for lith_mAh, delith_mAh in capacities:
        cycle_number += 1
        for direction, peaks, total in [(-1, lithiation, lith_mAh), (1, delithiation, delith_mAh)]:
            q_fine = q_of_v(fine, peaks, total)
            samples = int(round(total / 1000 / current_A * 3600 / dt))
            q = np.linspace(0, total, samples + 1)
            # Lithiation runs from high to low voltage: capacity passed is counted from the top.
            volts = np.interp(q, q_fine, fine) if direction > 0 else np.interp(total - q, q_fine, fine)
            volts = volts + rng.uniform(-0.3e-3, 0.3e-3, len(volts))
            hold(direction * current_A, volts)
            end = v[-1]
            # A 10 min rest, relaxing 50 mV back, starting at the same time stamp.
            relax = end - direction * 0.05 * (1 - np.exp(-np.arange(31) * dt / 120))
            hold(0.0, relax)

    path = out / 'hdf5_columns' / 'si_half_cell.h5'
    with h5py.File(path, 'w') as f:
        f['time_s'] = np.array(t)
        f['voltage_V'] = np.array(v)
        f['current_A'] = np.array(i)
        f.attrs['cell_type'] = 'anode_half'
        f.attrs['active_mass_g'] = 0.0003
        f.attrs['area_cm2'] = 0.785

    # The dQ/dV Coulomb should find with its default 10 mV-FWHM Gaussian smoothing: each Gaussian's sigma
    # widened in quadrature, evaluated on a fine grid with numpy; the top of each peak is its reference.
    smoothing_sigma = 0.010 / (2 * sqrt(2 * np.log(2)))
    grid = np.linspace(low, high, 89_001)
    peaks_expected = []
    for cycle, (lith_mAh, delith_mAh) in enumerate(capacities, start=1):
        for direction, peaks, total in [('discharge', lithiation, lith_mAh), ('charge', delithiation, delith_mAh)]:
            cdf = lambda x, m, s: 0.5 * (1 + erf((x - m) / (s * sqrt(2))))
            curve = np.full_like(grid, total * baseline_fraction / (high - low))
            for m, s, w in peaks:
                scale = total * w / (cdf(high, m, s) - cdf(low, m, s))
                wide = sqrt(s * s + smoothing_sigma ** 2)
                curve += scale * np.exp(-0.5 * ((grid - m) / wide) ** 2) / (wide * sqrt(2 * np.pi))
            for m, s, w in peaks:
                near = np.abs(grid - m) < 0.01
                top = np.argmax(np.where(near, curve, -np.inf))
                sign = 1 if direction == 'charge' else -1
                peaks_expected.append(dict(cycle=cycle, direction=direction, voltage_V=float(grid[top]),
                                           height_mAh_V=float(sign * curve[top])))
    # Energies by the trapezoid on the samples (mean voltage of each interval), each interval belonging
    # to the cycle of its later sample; durations from the previous cycle's last sample.
    ta, va, ia, ca = np.array(t), np.array(v), np.array(i), np.array(cycle_of_row)
    dt_s, i_mean, v_mean = np.diff(ta), (ia[:-1] + ia[1:]) / 2, (va[:-1] + va[1:]) / 2
    owner = ca[1:]
    cycles = []
    for n, (a, b) in enumerate(capacities, start=1):
        mine = owner == n
        rows = np.flatnonzero(ca == n)
        previous = max(rows[0] - 1, 0)
        cycles.append(dict(
            cycle=n, discharge_capacity_mAh=a, charge_capacity_mAh=b, coulombic_efficiency_pct=100 * b / a,
            charge_energy_mWh=float(np.sum(dt_s[mine] * np.maximum(i_mean[mine], 0) * v_mean[mine]) / 3.6),
            discharge_energy_mWh=float(np.sum(dt_s[mine] * np.maximum(-i_mean[mine], 0) * v_mean[mine]) / 3.6),
            duration_s=float(ta[rows[-1]] - ta[previous])))
    expected['hdf5_columns/si_half_cell.h5'] = dict(
        rows=len(t), cell_type='anodeHalf', active_mass_g=0.0003, area_cm2=0.785, cycles=cycles, peaks=peaks_expected)


def write_bad(out: Path):
    bad = out / 'bad'
    (bad / 'not_hdf5.h5').write_text('time_s,voltage_V,current_A\n0,3.1,0.1\n')
    good = out / 'battdat' / 'arbin_single.h5'
    data = good.read_bytes()
    (bad / 'truncated.h5').write_bytes(data[: len(data) // 2])
    with h5py.File(bad / 'unknown_layout.h5', 'w') as f:
        f['foo'] = np.arange(10.0)
        f.create_group('bar')['baz'] = np.arange(3)
    with h5py.File(bad / 'missing_current.h5', 'w') as f:
        f['time_s'] = np.arange(5.0)
        f['voltage_V'] = np.full(5, 3.0)
    table = np.zeros(4, dtype=[('test_time', '<f8'), ('voltage', '<f8')])
    with h5py.File(bad / 'battdat_missing_current.h5', 'w') as f:
        f['raw_data'] = table
        f.attrs['metadata'] = json.dumps({'name': 'x'})
    with h5py.File(bad / 'wrong_type.h5', 'w') as f:
        f['time_s'] = np.arange(3.0)
        f['voltage_V'] = np.array([b'3.1', b'3.2', b'3.3'])
        f['current_A'] = np.zeros(3)
    with h5py.File(bad / 'zero_rows.h5', 'w') as f:
        for name in ['time_s', 'voltage_V', 'current_A']:
            f[name] = np.zeros(0)
    with h5py.File(bad / 'mismatched_lengths.h5', 'w') as f:
        f['time_s'] = np.arange(5.0)
        f['voltage_V'] = np.full(4, 3.0)
        f['current_A'] = np.zeros(5)
    with h5py.File(bad / 'invalid_utf8_attribute.h5', 'w') as f:
        f['time_s'] = np.arange(3.0)
        f['voltage_V'] = np.full(3, 3.0)
        f['current_A'] = np.zeros(3)
        f.attrs['cell_type'] = np.bytes_(b'full\xff\xfe')
    with h5py.File(bad / 'nan_time.h5', 'w') as f:
        f['time_s'] = np.array([0.0, 1.0, np.nan, 3.0])
        f['voltage_V'] = np.full(4, 3.0)
        f['current_A'] = np.zeros(4)
    with h5py.File(bad / 'time_backwards.h5', 'w') as f:
        f['time_s'] = np.array([0.0, 10.0, 20.0, 15.0, 30.0])
        f['voltage_V'] = np.full(5, 3.0)
        f['current_A'] = np.zeros(5)
    with h5py.File(bad / 'three_point_bad_frequency.h5', 'w') as f:
        g = f.create_group('eis/0')
        g['frequency_Hz'] = np.array([1000.0, 0.0, 10.0])
        g['z_real_ohm'] = np.array([1.0, 2.0, 3.0])
        g['z_imag_ohm'] = np.array([-1.0, -2.0, -1.0])


def write_bad_spectra(out: Path):
    """A battdat eis_data table where one spectrum of four is unreadable and one too short to fit:
    spectra 0 and 2 are impedance.py simulations of R0-p(R1,CPE1) (R0 20, R1 500, Q 2e-6, n 0.85), spectrum 1
    the same with a NaN frequency at its row 3, spectrum 3 three points of it."""
    from impedance.models.circuits import CustomCircuit
    f = np.logspace(5, -1, 31)
    z = CustomCircuit('R0-p(R1,CPE1)', initial_guess=[20.0, 500.0, 2e-6, 0.85]).predict(f)
    rows = []
    for test_id, (freq, imp) in enumerate([(f, z), (np.where(np.arange(31) == 3, np.nan, f), z), (f, z),
                                           (f[::15], z[::15])]):
        rows.append(pd.DataFrame(dict(test_id=test_id, test_time=60.0 * test_id, frequency=freq, z_real=imp.real,
                                      z_imag=imp.imag)))
    BatteryDataset.make_cell_dataset(metadata=BatteryMetadata(name='one-bad-spectrum'),
                                     eis_data=pd.concat(rows, ignore_index=True)).to_hdf(out / 'bad' / 'eis_one_bad_spectrum.h5')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--shared', default=str(HERE.parent.parent / 'shared' / 'data'))
    args = parser.parse_args()
    shared = Path(args.shared)
    for sub in ['battdat', 'hdf5_columns', 'bad']:
        shutil.rmtree(HERE / sub, ignore_errors=True)
        (HERE / sub).mkdir(parents=True)
    write_battdat(HERE, shared)
    write_columns(HERE, shared)
    write_silicon(HERE)
    write_bad(HERE)
    write_bad_spectra(HERE)
    (HERE / 'expected.json').write_text(json.dumps(expected, indent=2, sort_keys=True) + '\n')
    print('fixtures written:', ', '.join(sorted(str(p.relative_to(HERE)) for p in HERE.rglob('*.h5'))))


if __name__ == '__main__':
    main()
