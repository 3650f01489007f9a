#!/usr/bin/env python3
"""cellpy HDF5 and MATLAB v7.3 fixtures for Coulomb's readers, with references read by the Python tools.

Run from the repository root:  python3 Fixtures/make_format_fixtures.py [--shared ../shared/data] [--out Fixtures/formats]

Writes
  <out>/cellpy_rate_cut.h5       cellpy's own HDF5 file (file version 8) of ../shared/data/cellpy/20231115_rate_cc.h5
                                 cut to cycles 1-3: cellpy loads the real file, keeps raw rows with cycle_index <= 3,
                                 re-makes its step table and summary and saves (CellpyCell.save); PyTables' ptrepack
                                 then copies it with zlib level 9 (cellpy's object blocks reserve 1 MiB chunks each).
  <out>/cellpy_rate_cut.reference.h5   what cellpy reads back from the committed file (cellpy.get): raw columns as
                                 1-D float64 datasets under /raw (cellpy's names and units), the summary's index and
                                 numeric columns under /summary, and attributes mass_mg, area_cm2, cycle_mode, cell_name
                                 and raw_unit_* (written by h5py).
  <out>/severson_like.mat        a MATLAB v7.3 file written by hdf5storage in the layout of the Severson et al. 2019
                                 fast-charging data set: a 2x1 `batch` struct array with fields cycles (struct of cell
                                 arrays t [min], V [V], I [C-rate], Qc, Qd [Ah], T [degC], one vector per cycle), summary
                                 (cycle, QCharge, QDischarge, IR, Tavg, Tmin, Tmax, chargetime per cycle), barcode,
                                 policy_readable (char), channel_id, cycle_life. Simulated LFP-like cycles of a 1.1 Ah
                                 cell: CC charge at the policy's C-rates to 3.6 V, 4C discharge to 2.0 V; Qc and Qd are the
                                 trapezoid of I * 1.1 A over t (what a cycler's counters hold). Cell 2's first cycle is an
                                 empty array, as in the real data set.
  <out>/severson_like.reference.h5     the same file read back with h5py the way the data set's users read it
                                 (f[batch['cycles'][i, 0]] ...), written with h5py: /cell<c>/cycle<k>/{t,V,I,Qc,Qd,T},
                                 /cell<c>/summary/<field>, the cell's barcode, policy, cycle life and channel as attributes.
  <out>/bad_pickle_opcode.h5     cellpy_rate_cut.h5 with raw/table's `values_block_2_kind` replaced by a pickle that
                                 calls os.system (GLOBAL + REDUCE): must be refused, never run.
  <out>/bad_cellpy_v4.h5         pandas frames data_df / info_df / stat_df at the root, the pre-version-5 cellpy layout.
  <out>/bad_mat_no_batch.mat     a MATLAB v7.3 file (hdf5storage) holding only a double array `data`.
  <out>/pickles.json             Python's own pickles (pickle.dumps, protocols 0-4) of the values pandas/PyTables
                                 metadata holds, hex-encoded, each with the value as JSON (tuples as lists, a numpy
                                 object array as {"ndarray": shape, "items": [...]}); and pickles that must be refused
                                 (os.system by GLOBAL and by STACK_GLOBAL, a datetime, a set, a truncated pickle).
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CELLPY_COLUMNS = ['test_time', 'voltage', 'current', 'cycle_index', 'step_index', 'charge_capacity',
                  'discharge_capacity']


def make_cellpy(shared: Path, out: Path):
    import cellpy
    logdir = tempfile.mkdtemp()
    c = cellpy.get(str(shared / 'cellpy' / '20231115_rate_cc.h5'), custom_log_dir=logdir)
    c.data.raw = c.data.raw[c.data.raw.cycle_index <= 3].copy()
    c.make_step_table()
    c.make_summary()
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / 'saved.h5'
        c.save(str(saved))
        target = out / 'cellpy_rate_cut.h5'
        if target.exists():
            target.unlink()
        subprocess.run(['ptrepack', '--complevel', '9', '--complib', 'zlib', f'{saved}:/', f'{target}:/'], check=True,
                       stdout=subprocess.DEVNULL)

    # The reference: cellpy's reading of the committed file.
    back = cellpy.get(str(out / 'cellpy_rate_cut.h5'), custom_log_dir=logdir)
    d = back.data
    ref = out / 'cellpy_rate_cut.reference.h5'
    if ref.exists():
        ref.unlink()
    with h5py.File(ref, 'w') as h:
        for name in CELLPY_COLUMNS:
            h.create_dataset(f'raw/{name}', data=d.raw[name].to_numpy(dtype=float), compression='gzip',
                             compression_opts=9, shuffle=True)
        s = d.summary
        h['summary/index'] = s.index.to_numpy(dtype=float)
        h['summary'].attrs['index_name'] = str(s.index.name)
        numeric = [col for col in s.columns if pd.api.types.is_numeric_dtype(s[col]) and not
                   pd.api.types.is_datetime64_any_dtype(s[col])]
        for col in numeric:
            h[f'summary/{col}'] = s[col].to_numpy(dtype=float)
        h.attrs['mass_mg'] = float(d.mass)
        h.attrs['area_cm2'] = float(d.active_electrode_area)
        h.attrs['cycle_mode'] = str(back.cycle_mode[0] if isinstance(back.cycle_mode, list) else back.cycle_mode)
        h.attrs['cell_name'] = str(d.cell_name)
        for key, value in vars(d.raw_units).items():
            h.attrs[f'raw_unit_{key}'] = str(value)
    print(f'wrote {out / "cellpy_rate_cut.h5"} ({len(d.raw)} rows, {len(d.summary)} summary rows) and {ref}')

    # A pickle attribute outside the data-only subset.
    bad = out / 'bad_pickle_opcode.h5'
    shutil.copyfile(out / 'cellpy_rate_cut.h5', bad)
    with h5py.File(bad, 'r+') as h:
        h['CellpyData/raw/table'].attrs['values_block_2_kind'] = np.bytes_(b"cos\nsystem\n(S'echo owned'\ntR.")
    print(f'wrote {bad}')


def simulate_cycle(rng, rates, fraction, nominal_Ah=1.1):
    """One LFP-like cycle: CC charge at rates[0] to `fraction` of capacity then rates[1] to 3.6 V, rest, 4C
    discharge to 2.0 V. Returns t [min], V, I [C-rate], Qc, Qd [Ah], T [degC]."""
    def ocv(soc):
        return 2.0 + 1.3 * soc ** 0.15 + 0.3 * np.maximum(soc - 0.95, 0) / 0.05

    t, v, i, temp = [], [], [], []
    now, soc, capacity = 0.0, 0.0, 1.0 - 0.002 * rng.random()
    dt = 0.05  # min
    for phase, rate in ((0, rates[0]), (1, rates[1])):
        while True:
            target = fraction if phase == 0 else 1.0
            if soc >= target * capacity or (phase == 1 and ocv(soc / capacity) + 0.02 * rate > 3.6):
                break
            t.append(now); i.append(rate); v.append(min(ocv(soc / capacity) + 0.02 * rate, 3.6))
            temp.append(30 + 2 * rate + 0.1 * rng.standard_normal())
            soc += rate * dt / 60
            now += dt
    for _ in range(20):  # rest, 1 min
        t.append(now); i.append(0.0); v.append(ocv(soc / capacity)); temp.append(31 + 0.1 * rng.standard_normal())
        now += dt
    while soc > 0.02:
        t.append(now); i.append(-4.0); v.append(max(ocv(soc / capacity) - 0.08, 2.0))
        temp.append(33 + 0.1 * rng.standard_normal())
        soc -= 4.0 * dt / 60
        now += dt
    t, v, i, temp = map(np.asarray, (t, v, i, temp))
    amps = i * nominal_Ah
    dq = np.concatenate([[0.0], 0.5 * (amps[1:] + amps[:-1]) * np.diff(t) / 60])
    qc = np.cumsum(np.where(dq > 0, dq, 0.0))
    qd = np.cumsum(np.where(dq < 0, -dq, 0.0))
    return t, v, i, qc, qd, temp


def make_matlab(out: Path):
    import hdf5storage
    rng = np.random.default_rng(20261126)
    policies = [('5.4C(40%)-3.6C', (5.4, 3.6), 0.4), ('3.6C(80%)-3.6C', (3.6, 3.6), 0.8)]
    n = len(policies)
    fields = ['summary', 'cycles', 'cycle_life', 'policy_readable', 'barcode', 'channel_id']
    batch = np.zeros((n, 1), dtype=[(f, object) for f in fields])
    for c, (policy, rates, fraction) in enumerate(policies):
        cols = {k: np.empty((3, 1), dtype=object) for k in ['t', 'V', 'I', 'Qc', 'Qd', 'T']}
        summary = {k: [] for k in ['cycle', 'QCharge', 'QDischarge', 'IR', 'Tavg', 'Tmin', 'Tmax', 'chargetime']}
        for k in range(3):
            if c == 1 and k == 0:  # an empty first cycle, as the data set has
                for key in cols:
                    cols[key][k, 0] = np.zeros((0, 0))
            else:
                t, v, i, qc, qd, temp = simulate_cycle(rng, rates, fraction)
                for key, value in zip(['t', 'V', 'I', 'Qc', 'Qd', 'T'], [t, v, i, qc, qd, temp]):
                    cols[key][k, 0] = value.reshape(-1, 1)
            q = cols['Qc'][k, 0]
            summary['cycle'].append(float(k))
            summary['QCharge'].append(float(q.max()) if q.size else 0.0)
            summary['QDischarge'].append(float(cols['Qd'][k, 0].max()) if q.size else 0.0)
            summary['IR'].append(0.016 + 0.0001 * k)
            tt = cols['T'][k, 0]
            summary['Tavg'].append(float(tt.mean()) if q.size else 0.0)
            summary['Tmin'].append(float(tt.min()) if q.size else 0.0)
            summary['Tmax'].append(float(tt.max()) if q.size else 0.0)
            summary['chargetime'].append(10.0 + k)
        batch[c, 0]['cycles'] = {k: v for k, v in cols.items()}
        batch[c, 0]['summary'] = {k: np.asarray(v).reshape(1, -1) for k, v in summary.items()}
        batch[c, 0]['cycle_life'] = np.array([[1000.0 + 100 * c]])
        batch[c, 0]['policy_readable'] = np.str_(policy)
        batch[c, 0]['barcode'] = np.str_(f'EL150800{460 + c}')
        batch[c, 0]['channel_id'] = np.array([[float(c + 1)]])
    path = out / 'severson_like.mat'
    if path.exists():
        path.unlink()
    hdf5storage.savemat(str(path), {'batch': batch}, format='7.3', matlab_compatible=True)

    # Read back the way the data set's users do (h5py, following the references), stored with h5py: exact floats.
    ref = out / 'severson_like.reference.h5'
    if ref.exists():
        ref.unlink()
    with h5py.File(path, 'r') as f, h5py.File(ref, 'w') as h:
        b = f['batch']
        refs = lambda name: b[name][()].ravel()
        h.attrs['read_by'] = ('h5py, following batch/cycles and batch/summary references; char arrays as uint16 '
                              'UTF-16; MATLAB_empty arrays as empty datasets')
        h.attrs['nominal_capacity_Ah'] = 1.1
        h.attrs['current_unit'] = 'C-rate (Qc, Qd are the trapezoid of I * 1.1 A over t)'
        for c in range(len(refs('cycles'))):
            g = h.create_group(f'cell{c}')
            g.attrs['barcode'] = f[refs('barcode')[c]][()].tobytes()[::2].decode()
            g.attrs['policy_readable'] = f[refs('policy_readable')[c]][()].tobytes()[::2].decode()
            g.attrs['cycle_life'] = float(np.asarray(f[refs('cycle_life')[c]]).ravel()[0])
            g.attrs['channel_id'] = float(np.asarray(f[refs('channel_id')[c]]).ravel()[0])
            summ = f[refs('summary')[c]]
            for k in summ.keys():
                g[f'summary/{k}'] = np.asarray(summ[k], dtype=float).ravel()
            cyc = f[refs('cycles')[c]]
            for k in range(cyc['t'].size):
                for key in ['t', 'V', 'I', 'Qc', 'Qd', 'T']:
                    ds = f[cyc[key][()].ravel()[k]]
                    empty = bool(ds.attrs.get('MATLAB_empty', 0))
                    g[f'cycle{k}/{key}'] = np.zeros(0) if empty else np.asarray(ds, dtype=float).ravel()
            g.attrs['cycles'] = int(cyc['t'].size)
    print(f'wrote {path} and {ref} ({n} cells)')

    bad = out / 'bad_mat_no_batch.mat'
    if bad.exists():
        bad.unlink()
    hdf5storage.savemat(str(bad), {'data': np.arange(3.0).reshape(1, 3)}, format='7.3', matlab_compatible=True)
    print(f'wrote {bad}')


def make_old_cellpy(out: Path):
    path = out / 'bad_cellpy_v4.h5'
    if path.exists():
        path.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        written = Path(tmp) / 'v4.h5'
        frame = pd.DataFrame({'Test_Time': [0.0, 1.0], 'Voltage': [3.0, 3.1], 'Current': [0.1, 0.1]})
        frame.to_hdf(written, key='data_df')
        pd.DataFrame({'mass': [1.0]}).to_hdf(written, key='info_df')
        pd.DataFrame({'Cycle_Index': [1]}).to_hdf(written, key='stat_df')
        subprocess.run(['ptrepack', f'{written}:/', f'{path}:/'], check=True, stdout=subprocess.DEVNULL)
    print(f'wrote {path}')


def time_json(value):
    """A date or time as the Swift test expects it, worked out by Python's own calendar: a datetime as
    {"datetime": [year, month, day, hour, minute, second, nanosecond], "utcoffset_s": seconds or null}, a date as
    {"date": [year, month, day]}, a duration as {"timedelta": [whole seconds, nanoseconds]}; numpy's datetime64 and
    timedelta64 through their int64 nanosecond count (floor division, as numpy counts from 1970-01-01)."""
    import datetime
    if isinstance(value, np.datetime64):
        ns = int(value.astype('datetime64[ns]').astype(np.int64))
        seconds, nanosecond = divmod(ns, 10 ** 9)
        moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
        return {'datetime': [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                             nanosecond], 'utcoffset_s': None}
    if isinstance(value, np.timedelta64):
        return {'timedelta': list(divmod(int(value.astype('timedelta64[ns]').astype(np.int64)), 10 ** 9))}
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        return {'datetime': [value.year, value.month, value.day, value.hour, value.minute, value.second,
                             value.microsecond * 1000],
                'utcoffset_s': None if offset is None else int(offset.total_seconds())}
    if isinstance(value, datetime.date):
        return {'date': [value.year, value.month, value.day]}
    if isinstance(value, datetime.timedelta):
        microseconds = (value.days * 86400 + value.seconds) * 10 ** 6 + value.microseconds
        seconds, micro = divmod(microseconds, 10 ** 6)
        return {'timedelta': [seconds, micro * 1000]}
    return None


def as_json(value):
    if time_json(value) is not None:
        return time_json(value)
    if isinstance(value, np.ndarray):
        return {'ndarray': list(value.shape), 'items': [as_json(x) for x in value.ravel()]}
    if isinstance(value, (list, tuple)):
        return [as_json(x) for x in value]
    if isinstance(value, dict):
        return {'dict': [[as_json(k), as_json(v)] for k, v in value.items()]}
    return value


class OtherZone(__import__('datetime').tzinfo):
    """A tzinfo of the script's own: a pickle of a datetime in it names this class."""

    def utcoffset(self, dt):
        return __import__('datetime').timedelta(hours=1)


def make_pickles(out: Path):
    import datetime
    import pickle
    values = [
        ['test_id', 'data_point', 'cycle_index'],
        [(1, ['test_time', 'voltage', 'current'])],
        {1: {'names': [None], 'type': 'Index'}, 'index': {'index_name': 'cycle_index'}},
        np.array([['graphite', None, 'µA', 'A']], dtype=object),
        np.array([[[None], ['anode'], [0.0]]], dtype=object),
        [-5, 0, 255, 65535, 2 ** 31, -2 ** 40, 2 ** 62, 1.25, -0.5, True, False, None, 'tab\tquote\'', b'\x00\x01'],
        # Dates and times as cellpy's `info` and pandas object columns hold them (cellpy 1.0.3 pickles the test's
        # start as a datetime): naive and aware, with fold, before 1970, a date, durations of both signs, numpy scalars.
        [datetime.datetime(2016, 8, 5, 16, 16, 23), datetime.datetime(2016, 8, 5, 16, 16, 23, 999999),
         datetime.datetime(1899, 12, 30, 0, 0), datetime.datetime(2021, 11, 7, 1, 30, fold=1),
         datetime.datetime(2024, 2, 29, 23, 59, 59, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))),
         datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc), datetime.date(2016, 8, 5),
         datetime.timedelta(days=9, seconds=80743, microseconds=363402), -datetime.timedelta(microseconds=1),
         np.datetime64('2016-08-05T16:16:23.123456789', 'ns'), np.datetime64('1969-12-31T23:59:59.5', 'ms'),
         np.datetime64('2016-08-05', 'D'), np.timedelta64(-1500, 'ms'), np.timedelta64(3, 'h')],
        np.array([[datetime.datetime(2016, 8, 5, 16, 16, 23), 'x']], dtype=object),
    ]
    good = []
    for value in values:
        for protocol in range(5):
            if isinstance(value, list) and any(isinstance(x, bytes) for x in value) and protocol < 3:
                continue  # bytes need protocol 3
            good.append(dict(protocol=protocol, hex=pickle.dumps(value, protocol=protocol).hex(),
                             value=as_json([x.hex() if isinstance(x, bytes) else x for x in value]
                                           if isinstance(value, list) else value)))
    evil = pickle.dumps(os.system, protocol=4)  # STACK_GLOBAL posix.system
    bad = [
        dict(what='GLOBAL os.system + REDUCE, protocol 0', hex=b"cos\nsystem\n(S'echo owned'\ntR.".hex(),
             problem='global os.system is not allowed'),
        dict(what='STACK_GLOBAL of os.system, protocol 4', hex=evil.hex(), problem='is not allowed'),
        dict(what='a datetime with a tzinfo that is not a datetime.timezone (a tzinfo subclass would run code)',
             hex=pickle.dumps(datetime.datetime(2026, 1, 1, tzinfo=OtherZone()), 2).hex(),
             problem='is not allowed'),
        dict(what='a datetime whose state has month 13', hex=pickle.dumps(datetime.datetime(2026, 1, 1), 3).hex()
             .replace('07ea010100', '07ea0d0100'), problem='out of range'),
        dict(what='a numpy float64 scalar (only datetime64 and timedelta64 scalars are read)',
             hex=pickle.dumps(np.float64(1.5), 2).hex(), problem='other than a datetime64 or timedelta64'),
        dict(what='a set', hex=pickle.dumps({1, 2}, 4).hex(), problem='(set) is outside the data-only subset'),
        dict(what='truncated', hex=pickle.dumps(['a', 'b'], 0)[:-3].hex(), problem='truncated'),
    ]
    (out / 'pickles.json').write_text(json.dumps(dict(generated_by='Fixtures/make_format_fixtures.py',
                                                      python_pickle='pickle.dumps(value, protocol)',
                                                      bytes_values='hex strings', good=good, bad=bad), indent=1) + '\n')
    print(f'wrote {out / "pickles.json"} ({len(good)} good, {len(bad)} refused)')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', default=str(REPO.parent / 'shared' / 'data'))
    parser.add_argument('--out', default=str(HERE / 'formats'))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    make_cellpy(Path(args.shared).resolve(), out)
    make_matlab(out)
    make_old_cellpy(out)
    make_pickles(out)


if __name__ == '__main__':
    main()
