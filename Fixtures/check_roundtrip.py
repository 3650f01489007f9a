#!/usr/bin/env python3
"""Round trip: Coulomb writes battdat files; battdat, pandas and h5py read them back with equal values.

    python3 Fixtures/check_roundtrip.py --coulomb .build/debug/coulomb

For each readable fixture, `coulomb import` writes a battdat file. The source values are read with the tool
that wrote the fixture (battdat or h5py); the output is read with battdat (`BatteryDataset.from_hdf`, which
also validates the metadata against battdat's pydantic schema), with pandas (`read_hdf`) and with h5py.
Every column must be equal, value for value. Exits non-zero on the first difference.
"""
import argparse
import io
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
from battdat.data import BatteryDataset

HERE = Path(__file__).resolve().parent
RAW = ['test_time', 'voltage', 'current', 'cycle_number', 'step_index', 'temperature']
EIS = ['test_id', 'frequency', 'z_real', 'z_imag', 'test_time']
checked = []


def equal(what, expected, actual):
    expected = np.asarray(expected)
    actual = np.asarray(actual)
    same_nan = expected.dtype.kind == 'f' and actual.dtype.kind == 'f'
    if expected.shape != actual.shape or not np.array_equal(expected, actual, equal_nan=same_nan):
        sys.exit(f'MISMATCH {what}: expected {expected[:5]}… ({expected.shape}), got {actual[:5]}… ({actual.shape})')
    checked.append(what)


def read_output(path, prefix):
    """The same tables three ways: battdat, pandas, h5py."""
    with warnings.catch_warnings():
        warnings.simplefilter('error')  # battdat warns when a schema does not parse: that is a failure here
        dataset = BatteryDataset.from_hdf(path, prefix=prefix)
    problems = dataset.validate()
    if problems:
        sys.exit(f'battdat validation of {path} ({prefix}): {problems}')
    views = {'battdat': dataset.tables}
    node = '' if prefix is None else f'{prefix}/'
    views['pandas'] = {k: pd.read_hdf(path, f'{node}{k}') for k in dataset.tables}
    with h5py.File(path, 'r') as f:
        views['h5py'] = {k: {c: f[f'{node}{k}'][c] for c in f[f'{node}{k}'].dtype.names} for k in dataset.tables}
    return views


def compare(label, source_tables, path, prefix):
    for tool, tables in read_output(path, prefix).items():
        for table, columns in [('raw_data', RAW), ('eis_data', EIS)]:
            if table not in source_tables:
                continue
            for column in columns:
                if column in source_tables[table]:
                    equal(f'{label} {prefix or "/"} {table}.{column} via {tool}',
                          source_tables[table][column], tables[table][column])


def coulomb_import(coulomb, source, out):
    subprocess.run([coulomb, 'import', str(source), '-o', str(out)], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--coulomb', required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # battdat files (written by battdat): source values read by battdat.
        for name, prefixes in [('arbin_single.h5', [None]), ('eis_spectra.h5', [None]),
                               ('two_cells.h5', ['cell_a', 'cell_b'])]:
            out = tmp / name
            coulomb_import(args.coulomb, HERE / 'battdat' / name, out)
            for prefix in prefixes:
                source = BatteryDataset.from_hdf(HERE / 'battdat' / name, prefix=prefix).tables
                compare(name, source, out, prefix if len(prefixes) > 1 else None)
        # Hand-written h5py layout: source values read by h5py, mapped to battdat's names.
        out = tmp / 'cell_columns.h5'
        coulomb_import(args.coulomb, HERE / 'hdf5_columns' / 'cell_columns.h5', out)
        with h5py.File(HERE / 'hdf5_columns' / 'cell_columns.h5', 'r') as f:
            raw = {'test_time': f['time_s'][()], 'voltage': f['voltage_V'][()], 'current': f['current_A'][()],
                   'cycle_number': f['cycle_index'][()].astype(np.int64), 'step_index': f['step_index'][()].astype(np.int64)}
            spectra = [f[f'eis/{g}'] for g in sorted(f['eis'])]
            eis = {'test_id': np.concatenate([np.full(len(g['frequency_Hz']), i) for i, g in enumerate(spectra)]),
                   'frequency': np.concatenate([g['frequency_Hz'][()] for g in spectra]),
                   'z_real': np.concatenate([g['z_real_ohm'][()] for g in spectra]),
                   'z_imag': np.concatenate([g['z_imag_ohm'][()] for g in spectra]),
                   'test_time': np.concatenate([np.full(len(g['frequency_Hz']), g.attrs['time_s']) for g in spectra])}
            area = f.attrs['area_cm2']
        compare('cell_columns.h5', {'raw_data': raw, 'eis_data': eis}, out, None)
        metadata = BatteryDataset.from_hdf(out).metadata
        equal('cell_columns.h5 metadata coulomb.area_cm2', area, metadata.model_extra['coulomb']['area_cm2'])
        # Two hand-written cells, one in mA and float32: into groups.
        out = tmp / 'two_cells_columns.h5'
        coulomb_import(args.coulomb, HERE / 'hdf5_columns' / 'two_cells_columns.h5', out)
        with h5py.File(HERE / 'hdf5_columns' / 'two_cells_columns.h5', 'r') as f:
            a = {'test_time': f['cell_A/time_s'][()], 'voltage': f['cell_A/voltage_V'][()], 'current': f['cell_A/current_A'][()]}
            b = {'test_time': f['cell_B/test_time'][()], 'voltage': f['cell_B/voltage'][()].astype(np.float64),
                 'current': f['cell_B/current_mA'][()] * 1e-3}
        compare('two_cells_columns.h5', {'raw_data': a}, out, 'cell_A')
        compare('two_cells_columns.h5', {'raw_data': b}, out, 'cell_B')
        # `coulomb cycles -o FILE.h5` writes battdat's cycle_stats: battdat reads it, and its capacities are
        # the simulated Si half cell's exact I*t (expected.json), in battdat's A-hr.
        out = tmp / 'si_cycle_stats.h5'
        subprocess.run([args.coulomb, 'cycles', str(HERE / 'hdf5_columns' / 'si_half_cell.h5'), '-o', str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        dataset = BatteryDataset.from_hdf(out)
        stats = dataset.tables['cycle_stats']
        truth = json.loads((HERE / 'expected.json').read_text())['hdf5_columns/si_half_cell.h5']['cycles']
        equal('si_cycle_stats.h5 cycle_number', [c['cycle'] for c in truth], stats['cycle_number'].to_numpy())
        for column, key in [('capacity_charge', 'charge_capacity_mAh'), ('capacity_discharge', 'discharge_capacity_mAh')]:
            got = stats[column].to_numpy() * 1000
            want = np.array([c[key] for c in truth])
            if not np.allclose(got, want, rtol=1e-12, atol=0):
                raise SystemExit(f'si_cycle_stats.h5 {column}: {got} != {want}')
            checked.append(f'si_cycle_stats.h5 {column}')
        equal('si_cycle_stats.h5 metadata mode', 'anode', dataset.metadata.model_extra['coulomb']['cycle_stats']['mode'])
        # `coulomb fit -o FILE.h5` writes an eis_fits table: pandas reads it with the values of the CSV output,
        # and the fitted values of the simulated spectra are impedance.py's parameters.
        out = tmp / 'fits.h5'
        source = HERE / 'bad' / 'eis_one_bad_spectrum.h5'
        fit = [args.coulomb, 'fit', str(source), '--circuit', 'R0-p(R1,CPE1)']
        subprocess.run(fit + ['-o', str(out)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        table = pd.read_hdf(out, 'eis_fits')
        printed = subprocess.run(fit + ['--format', 'csv'], check=True, capture_output=True, text=True).stdout
        csv = pd.read_csv(io.StringIO(printed), comment='#', float_precision='round_trip')
        for column in ['spectrum', 'R0', 'R1', 'CPE1_Q', 'CPE1_n', 'rss_ohm2', 'iterations']:
            equal(f'fits.h5 {column}', csv[column].to_numpy(), table[column].to_numpy())
        equal('fits.h5 converged', csv['converged'].astype(int).to_numpy(), table['converged'].to_numpy())
        good = table[table['spectrum'].isin([0, 2])]
        for column, truth in [('R0', 20.0), ('R1', 500.0), ('CPE1_Q', 2e-6), ('CPE1_n', 0.85)]:
            if not np.allclose(good[column], truth, rtol=1e-6):
                raise SystemExit(f'fits.h5 {column}: {good[column].to_numpy()} != {truth}')
        errors = json.loads(h5py.File(out, 'r').attrs['metadata'])['coulomb']['eis_fits']['text_columns']['error']
        equal('fits.h5 errors', [False, True, False, True], np.array([bool(e) for e in errors]))
        # A cellpy file imported with spectra into one cell: battdat reads cellpy's record (values as cellpy read
        # them, formats/cellpy_rate_cut.reference.h5) and the spectra, and the sources' SHA-256 are hashlib's.
        import hashlib
        out = tmp / 'merged.h5'
        inputs = [HERE / 'formats' / 'cellpy_rate_cut.h5', HERE / 'battdat' / 'eis_spectra.h5']
        subprocess.run([args.coulomb, 'import', *map(str, inputs), '--cell', 'Si-07', '-o', str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        with h5py.File(HERE / 'formats' / 'cellpy_rate_cut.reference.h5', 'r') as f:
            raw = {'test_time': f['raw/test_time'][()], 'voltage': f['raw/voltage'][()], 'current': f['raw/current'][()],
                   'cycle_number': f['raw/cycle_index'][()].astype(np.int64),
                   'step_index': f['raw/step_index'][()].astype(np.int64)}
        eis = BatteryDataset.from_hdf(HERE / 'battdat' / 'eis_spectra.h5').tables['eis_data']
        compare('cellpy + eis --cell', {'raw_data': raw, 'eis_data': eis}, out, None)
        sources = BatteryDataset.from_hdf(out).metadata.model_extra['coulomb']['sources']
        equal('merged.h5 sources', [hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs],
              [source['sha256'] for source in sources])
        # `coulomb batch -o FILE.h5` with an unreadable file among the inputs: pandas reads every numeric column of
        # batch_results as numbers (missing values NaN) equal to the CSV's, and the text columns are in the metadata.
        inputs = [str(HERE / 'symmetric' / 'ccd_time_hard_short.h5'), str(HERE / 'bad' / 'truncated.h5'),
                  str(HERE / 'formats' / 'cellpy_rate_cut.h5')]
        out = tmp / 'batch.h5'
        subprocess.run([args.coulomb, 'batch', *inputs, '-o', str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        table = pd.read_hdf(out, 'batch_results')
        printed = subprocess.run([args.coulomb, 'batch', *inputs, '--format', 'csv'], capture_output=True, text=True).stdout
        csv = pd.read_csv(io.StringIO(printed), comment='#', float_precision='round_trip')
        for column in ['rows', 'complete_cycles', 'initial_ce_pct', 'ccd_mA_cm2', 'onset_time_s', 'asr_dc_ohm_cm2']:
            equal(f'batch.h5 {column}', csv[column].to_numpy(dtype=float), table[column].to_numpy(dtype=float))
        texts = json.loads(h5py.File(out, 'r').attrs['metadata'])['coulomb']['batch_results']['text_columns']
        equal('batch.h5 status', csv['status'].to_numpy(), np.array(texts['status']))
    print(f'round trip: {len(checked)} columns equal in battdat, pandas and h5py')


if __name__ == '__main__':
    main()
