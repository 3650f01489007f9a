#!/usr/bin/env python3
"""Write per-cycle capacity / Coulombic-efficiency fixtures from real cycler files, with reference values
computed by the Python tools users trust (cellpy, battdat, numpy), never by Coulomb.

Run from the repository root:  python3 Fixtures/make_cycling_fixtures.py [--shared ../shared/data]

For every source file in `../shared/data` that the tools read sensibly, this script
  1. reads it with cellpy (Arbin .res through mdbtools' `mdb-export`, cellpy HDF5, Neware CSV, Arbin CSV),
  2. writes `Fixtures/cycling/<name>.h5` with battdat's own writer (`BatteryDataset.to_hdf`, zlib level 9),
     raw_data columns test_time [s], voltage [V], current [A, positive = charging the cell], cycle_number
     (the instrument's cycle index as cellpy reports it, so it starts at 1, not battdat's 0), step_index and
     the instrument's per-cycle counters cycle_capacity_charge / cycle_capacity_discharge [A·h];
     the cell type sits in the metadata under the extra key `coulomb`,
  3. writes `Fixtures/cycling/reference.json` with, per cycle: (a) cellpy's summary (instrument counters),
     (b) battdat's CapacityPerCycle (integrates current, computed on the file as written and read back),
     (c) a plain numpy trapezoid integration of max(I,0) and max(-I,0),
  4. prints where (a), (b) and (c) disagree by more than 0.5 % on complete cycles, with the likely cause.

Files that are too large are cut to their first cycles (whole cycles only, so every kept cycle's counters and
integrals are exactly those of the full file); the cut is written in the metadata, in reference.json and in
Fixtures/README.md. Files the tools cannot read sensibly are listed under `skipped` with the reason found.
"""
import argparse
import csv
import json
import shutil
import subprocess
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

import battdat
import cellpy
from battdat.data import BatteryDataset
from battdat.io.arbin import ArbinReader
from battdat.postprocess.integral import CapacityPerCycle
from battdat.schemas import BatteryMetadata
from cellpy import prms
from galvani import BioLogic

HERE = Path(__file__).resolve().parent
OUT = HERE / 'cycling'
TOLERANCE_PCT = 0.5
CHARGE_TO_AH = {'Ah': 1.0, 'mAh': 1e-3, 'A*h': 1.0, 'mA*h': 1e-3}

# cellpy's CE formula per cycle mode (cellpy.readers.cellreader.CellpyCell._generate_absolute_summary_columns):
# mode "anode": first step = discharge (lithiation of the working electrode), CE = 100 * charge / discharge;
# any other mode ("full_cell", "cathode"): first step = charge, CE = 100 * discharge / charge.
CE_FORMULA = {'anode': '100 * charge_capacity / discharge_capacity (same cycle index)',
              'full_cell': '100 * discharge_capacity / charge_capacity (same cycle index)'}
CYCLE_MODE = {'anode_half': 'anode', 'cathode_half': 'full_cell', 'full': 'full_cell'}


# ----------------------------------------------------------------------------------------------- readers
def cellpy_get(*args, **kwargs):
    """cellpy.get, with cellpy's log files (cellpy_*.log, written to the working directory by default) and its
    copies of the raw files kept in the temporary folder main() sets up."""
    return cellpy.get(*args, custom_log_dir=tempfile.gettempdir(), **kwargs)


def read_sources_tsv(shared: Path) -> dict:
    with open(shared / 'SOURCES.tsv', newline='') as f:
        return {row['local_path']: row for row in csv.DictReader(f, delimiter='\t')}


def load_arbin_res(shared: Path, tmp: Path):
    """cellpy's golden Arbin .res file (MS Access; cellpy runs mdbtools' mdb-export on Linux)."""
    return cellpy_get(str(shared / 'cellpy' / '20160805_test001_45_cc_01.res'), instrument='arbin_res')


def load_cellpy_h5(shared: Path, tmp: Path):
    """A cellpy HDF5 file (file version 8 layout under /CellpyData); its stored summary is an older layout,
    so the summary is re-made below with make_summary()."""
    return cellpy_get(str(shared / 'cellpy' / '20231115_rate_cc.h5'))


def load_neware_uio(shared: Path, tmp: Path):
    """Neware CSV export, read with cellpy's neware_txt loader, model "UIO" (the model cellpy's tests use)."""
    return cellpy_get(str(shared / 'cellpy' / 'neware_uio.csv'), instrument='neware_txt', model='UIO')


ARBIN_CSV_HEADERS = {
    'Test_Time': 'Test_Time(s)', 'DateTime': 'Date_Time', 'Step_Time': 'Step_Time(s)', 'Current': 'Current(A)',
    'Voltage': 'Voltage(V)', 'Charge_Capacity': 'Charge_Capacity(Ah)', 'Discharge_Capacity': 'Discharge_Capacity(Ah)',
    'Charge_Energy': 'Charge_Energy(Wh)', 'Discharge_Energy': 'Discharge_Energy(Wh)', 'dV/dt': 'dV/dt(V/s)',
    'Internal_Resistance': 'Internal_Resistance(Ohm)', 'Temperature': 'Aux_Temperature_1(C)'}


def load_arbin_csv(shared: Path, tmp: Path):
    """battdat's Arbin CSV example. cellpy 1.0.3 has no loader for this header style (no units in the names),
    so a temporary copy gets the Arbin SQL-export header names cellpy's `arbin_sql_csv` loader expects and an
    ISO date instead of the UNIX `DateTime` (cellpy parses it with dateutil); every number is left unchanged."""
    src = pd.read_csv(shared / 'battery_data_toolkit' / 'arbin_example.csv')
    copy = src.rename(columns=ARBIN_CSV_HEADERS)
    copy['Date_Time'] = pd.to_datetime(copy['Date_Time'], unit='s').dt.strftime('%Y-%m-%d %H:%M:%S')
    path = tmp / 'arbin_example.csv'
    copy.to_csv(path, index=False, float_format='%.17g')
    old_sep = prms.Reader.sep
    prms.Reader.sep = ','  # cellpy's arbin_sql_csv reads with prms.Reader.sep (default ';')
    try:
        return cellpy_get(str(path), instrument='arbin_sql_csv')
    finally:
        prms.Reader.sep = old_sep


# One entry per fixture. max_cycle: keep cycles 1..max_cycle (None = all).
FILES = [
    dict(name='arbin_res_si_half', source='cellpy/20160805_test001_45_cc_01.res', load=load_arbin_res,
         reader='cellpy 1.0.3, instrument="arbin_res" (mdbtools mdb-export)', max_cycle=None,
         cell_type='anode_half',
         cell_type_reason='Si-type electrode against Li, cycled 0.05-1.0 V: the first step lowers the voltage '
                          '(lithiation = discharge of the half cell), so cellpy\'s "anode" mode applies'),
    # 27,450 rows / 21 cycles would be about 350 kB: keep cycles 1-17 (C/10 up to 2C, 19,738 rows, about 250 kB);
    # cycles 18-20 repeat C/10 and cycle 21 is a single row.
    dict(name='cellpy_rate_graphite_half', source='cellpy/20231115_rate_cc.h5', load=load_cellpy_h5,
         reader='cellpy 1.0.3, cellpy.get on the cellpy HDF5 file (summary re-made with make_summary)', max_cycle=17,
         cell_type='anode_half',
         cell_type_reason='cellpy cell info says material "graphite", cycle_mode "anode"; 0.02-2.9 V against Li, '
                          'each cycle starts with a discharge (lithiation)'),
    dict(name='neware_uio_half', source='cellpy/neware_uio.csv', load=load_neware_uio,
         reader='cellpy 1.0.3, instrument="neware_txt", model="UIO"', max_cycle=None,
         cell_type='anode_half',
         cell_type_reason='cycled 0.05-1.0 V against Li (anode-type half cell, Si/graphite window), each cycle '
                          'starts with CC discharges to 0.05 V'),
    dict(name='arbin_csv_lfp_full', source='battery_data_toolkit/arbin_example.csv', load=load_arbin_csv,
         reader='cellpy 1.0.3, instrument="arbin_sql_csv" on a header-renamed copy (numbers unchanged); '
                'also battdat 0.4.6 ArbinReader for comparison', max_cycle=None,
         cell_type='full',
         cell_type_reason='LFP-type full cell (2.0-3.6 V, about 1.07 A·h): charge comes first, so CE is '
                          'discharge/charge (cellpy "full_cell" mode)'),
]


# ----------------------------------------------------------------------------------------------- helpers
def rel_pct(a, b):
    if a is None or b is None or not np.isfinite(a) or not np.isfinite(b) or max(abs(a), abs(b)) == 0:
        return None
    return 100.0 * abs(a - b) / max(abs(a), abs(b))


def num(x, digits=12):
    """JSON-safe float (None for NaN/inf)."""
    if x is None:
        return None
    x = float(x)
    return float(f'{x:.{digits}g}') if np.isfinite(x) else None


def current_sign_check(t, v, i):
    """Fraction of logged intervals with |I| > 0 and a voltage change where I and dV/dt have the same sign.
    Near 1: positive current raises the cell voltage, i.e. positive = charging the cell."""
    dv = np.diff(v)
    im = 0.5 * (i[1:] + i[:-1])
    mask = (np.abs(im) > 1e-9) & (np.abs(dv) > 1e-6) & (np.sign(i[1:]) == np.sign(i[:-1]))
    return float(np.mean(np.sign(im[mask]) == np.sign(dv[mask]))) if mask.any() else float('nan')


def numpy_per_cycle(raw: pd.DataFrame) -> dict:
    """Trapezoid integral of max(I,0) and max(-I,0) [mAh] and of max(I,0)*V, max(-I,0)*V [Wh] per cycle.
    The interval from the last row of one cycle to the first row of the next belongs to the later cycle.

    Also per cycle: the |I| integral over the boundary interval and over all intervals whose two rows have
    different step_index (where a logged current jumps between samples and the trapezoid's straight line is a
    guess), and the half-cycles: runs of instrument steps that move charge one way (steps moving < 1 % of the
    cycle's charge count as rest and join the run before them), each with its own capacity."""
    t = raw['test_time'].to_numpy(float)
    i = raw['current'].to_numpy(float)
    v = raw['voltage'].to_numpy(float)
    c = raw['cycle_number'].to_numpy()
    st = raw['step_index'].to_numpy()
    dt = np.diff(t)
    ip, im = np.maximum(i, 0.0), np.maximum(-i, 0.0)
    # interval k (row k -> k+1) belongs to row k+1; row 0 gets nothing
    qc = np.r_[0.0, 0.5 * (ip[1:] + ip[:-1]) * dt / 3.6]  # A*s -> mAh
    qd = np.r_[0.0, 0.5 * (im[1:] + im[:-1]) * dt / 3.6]
    ec = np.r_[0.0, 0.5 * (ip[1:] * v[1:] + ip[:-1] * v[:-1]) * dt / 3600.0]  # W*s -> Wh
    ed = np.r_[0.0, 0.5 * (im[1:] * v[1:] + im[:-1] * v[:-1]) * dt / 3600.0]
    boundary = np.r_[False, c[1:] != c[:-1]]
    step_change = np.r_[False, (st[1:] != st[:-1]) | (c[1:] != c[:-1])]
    out = {}
    for cyc in pd.unique(c):
        m = c == cyc
        b = m & boundary
        sc = m & step_change
        total = qc[m].sum() + qd[m].sum()
        # step blocks (consecutive rows with one step_index) -> half-cycles
        rows = np.flatnonzero(m)
        block_id = np.cumsum(np.r_[True, st[rows][1:] != st[rows][:-1]])
        halves = []
        for blk in np.unique(block_id):
            r_ = rows[block_id == blk]
            bc, bd_ = qc[r_].sum(), qd[r_].sum()
            direction = None
            if max(bc, bd_) > 0.01 * total:
                direction = 'charge' if bc > bd_ else 'discharge'
            if direction is not None and (not halves or halves[-1]['direction'] != direction):
                halves.append(dict(direction=direction, steps=[], charge=0.0, discharge=0.0))
            if not halves:  # leading rest: give it to the first run
                halves.append(dict(direction=None, steps=[], charge=0.0, discharge=0.0))
            h = halves[-1]
            if h['direction'] is None and direction is not None:
                h['direction'] = direction
            h['steps'].append(int(st[r_[0]]))
            h['charge'] += bc
            h['discharge'] += bd_
        half_cycles = [dict(direction=h['direction'], steps=sorted(set(h['steps'])),
                            capacity_mAh=num(h['charge'] if h['direction'] == 'charge' else h['discharge']))
                       for h in halves if h['direction'] is not None]
        out[int(cyc)] = dict(
            charge_capacity_mAh=num(qc[m].sum()), discharge_capacity_mAh=num(qd[m].sum()),
            charge_energy_Wh=num(ec[m].sum()), discharge_energy_Wh=num(ed[m].sum()),
            boundary_interval_s=num(dt[b[1:]].sum()) if b.any() else None,
            boundary_charge_mAh=num(qc[b].sum() + qd[b].sum()) if b.any() else None,
            step_change_charge_mAh=num(qc[sc].sum() + qd[sc].sum()),
            half_cycles=half_cycles)
    return out


def battdat_per_cycle(path: Path):
    """battdat's CapacityPerCycle on the fixture as written (read back with BatteryDataset.from_hdf)."""
    ds = BatteryDataset.from_hdf(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        feats = CapacityPerCycle().compute_features(ds)
    notes = sorted({str(w.message) for w in caught if 'Unable to clearly detect' in str(w.message)})
    out = {}
    for _, row in feats.iterrows():
        out[int(row['cycle_number'])] = dict(
            charge_capacity_mAh=num(row['capacity_charge'] * 1000.0),
            discharge_capacity_mAh=num(row['capacity_discharge'] * 1000.0),
            charge_energy_Wh=num(row['energy_charge']), discharge_energy_Wh=num(row['energy_discharge']))
    return ds, out, notes


def step_kinds(steps: pd.DataFrame) -> dict:
    """cycle -> (has charge step, has discharge step, type of the last step), from cellpy's step table."""
    kinds = {}
    for cyc, g in steps.groupby('cycle'):
        types = [str(x) for x in g['type']]
        kinds[int(cyc)] = (any(x in ('charge', 'cv_charge') for x in types),
                           any('discharge' in x for x in types), types[-1])
    return kinds


# ----------------------------------------------------------------------------------------------- one file
def make_one(spec: dict, shared: Path, tmp: Path, sources: dict) -> dict:
    src_row = sources.get(spec['source'], {})
    c = spec['load'](shared, tmp)
    mode = CYCLE_MODE[spec['cell_type']]
    c.cycle_mode = mode
    c.make_summary()  # re-made in the chosen mode (cellpy's default is "anode")
    data = c.data
    raw_all = data.raw
    charge_unit = data.raw_units['charge']
    to_ah = CHARGE_TO_AH[charge_unit]

    # cellpy raw -> battdat raw_data columns
    t = raw_all['test_time'].to_numpy(dtype=float)
    v = raw_all['voltage'].to_numpy(dtype=float)
    i = raw_all['current'].to_numpy(dtype=float) * {'A': 1.0, 'mA': 1e-3}[data.raw_units['current']]
    agree = current_sign_check(t, v, i)
    sign = 1.0 if agree >= 0.5 else -1.0  # all sources here already log positive = charging; checked, not assumed
    raw = pd.DataFrame({
        'test_time': t,
        'voltage': v,
        'current': sign * i,
        'cycle_number': raw_all['cycle_index'].to_numpy().astype(np.int64),
        'step_index': raw_all['step_index'].to_numpy().astype(np.int64),
    })
    has_counters = 'charge_capacity' in raw_all and 'discharge_capacity' in raw_all and \
        float(np.nanmax(raw_all['charge_capacity'].to_numpy(float))) > 0
    if has_counters:
        raw['cycle_capacity_charge'] = raw_all['charge_capacity'].to_numpy(float) * to_ah
        raw['cycle_capacity_discharge'] = raw_all['discharge_capacity'].to_numpy(float) * to_ah

    all_cycles = [int(x) for x in pd.unique(raw['cycle_number'])]
    assert np.all(np.diff(raw['cycle_number'].to_numpy()) >= 0), 'cycle index must not decrease'
    assert np.all(np.diff(t) >= 0), 'test time must not decrease'
    rows_in_source = len(raw)
    cut = None
    if spec['max_cycle'] is not None and spec['max_cycle'] < max(all_cycles):
        raw = raw[raw['cycle_number'] <= spec['max_cycle']].reset_index(drop=True)
        cut = f"cycles 1-{spec['max_cycle']} of {max(all_cycles)} kept ({len(raw)} of {rows_in_source} rows), " \
              f"cut at a cycle boundary"
    kept = [int(x) for x in pd.unique(raw['cycle_number'])]

    # active mass: only when cellpy's cell info carries one (cellpy uses 1.0 mg as a placeholder when not)
    mass_mg = float(data.mass) if data.mass is not None else None
    mass_from_file = spec['source'].endswith('.h5') and mass_mg not in (None, 1.0)
    active_mass_g = mass_mg / 1000.0 if mass_from_file else None

    path = OUT / f"{spec['name']}.h5"
    meta = BatteryMetadata(
        name=spec['name'],
        comments=f"{spec['source']} read with {spec['reader']}; current positive = charging the cell; "
                 f"cycle_number = instrument cycle index (from 1)" + (f"; {cut}" if cut else ''),
        source=f"{src_row.get('source_repo', '?')}@{src_row.get('commit', '?')[:12]}:{src_row.get('path_in_repo', '?')}"
               f" ({src_row.get('license', '?')})",
        coulomb={'cell_type': spec['cell_type'], 'active_mass_g': active_mass_g})
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=raw).to_hdf(path, complevel=9, complib='zlib')

    # check battdat kept the extra key in the stored metadata JSON
    with h5py.File(path, 'r') as f:
        stored = json.loads(f.attrs['metadata'])
    assert stored.get('coulomb', {}).get('cell_type') == spec['cell_type'], 'battdat dropped the coulomb key'

    ds, bd, bd_notes = battdat_per_cycle(path)
    back = ds.tables['raw_data']
    assert len(back) == len(raw) and np.array_equal(back['current'].to_numpy(), raw['current'].to_numpy())
    npy = numpy_per_cycle(back)

    # (a) cellpy's summary, absolute capacities. `charge_capacity` in the summary is in data.raw_units (A·h here);
    # `charge_capacity_absolute` is the same column converted by cellpy to cellpy_units.charge (mAh). We report
    # the *_absolute columns and check them against our own A·h -> mAh conversion.
    assert c.cellpy_units['charge'] == 'mAh'
    s = data.summary
    cp = {}
    for cyc, row in s.iterrows():
        ch, dch = float(row['charge_capacity_absolute']), float(row['discharge_capacity_absolute'])
        assert abs(ch - float(row['charge_capacity']) * to_ah * 1000.0) <= 1e-9 * max(1.0, abs(ch))
        assert abs(dch - float(row['discharge_capacity']) * to_ah * 1000.0) <= 1e-9 * max(1.0, abs(dch))
        cp[int(cyc)] = dict(charge_capacity_mAh=num(ch), discharge_capacity_mAh=num(dch),
                            coulombic_efficiency_pct=num(row['coulombic_efficiency']))
    cellpy_missing = [x for x in all_cycles if x not in cp]

    # completeness of each cycle, from cellpy's step table and the counters of the first row
    kinds = step_kinds(data.steps)
    first_counts = (float(raw_all['charge_capacity'].iloc[0]) + float(raw_all['discharge_capacity'].iloc[0])) \
        if has_counters else 0.0
    starts_mid_test = first_counts > 0
    last_in_source = max(all_cycles)
    cycles = []
    for cyc in kept:
        has_ch, has_dch, last_type = kinds.get(cyc, (False, False, ''))
        why = []
        if not (has_ch and has_dch):
            why.append('no ' + ' and no '.join(x for x, ok in (('charge step', has_ch), ('discharge step', has_dch))
                                               if not ok))
        if cyc == all_cycles[0] and starts_mid_test:
            why.append(f'file starts mid-test: counters already at {first_counts * to_ah * 1000:.4g} mAh on row 1')
        if cyc == last_in_source and not (last_type.startswith('ocv') or last_type == 'rest'):
            why.append(f'last cycle of the file ends inside a {last_type} step')
        rows = int((back['cycle_number'] == cyc).sum())
        cycles.append(dict(cycle_number=cyc, rows=rows, complete=not why, incomplete_because=why or None,
                           cellpy=cp.get(cyc), battdat=bd.get(cyc), numpy=npy.get(cyc)))

    # half-cycles per cycle (a cycle index holding two cycles has two charge and two discharge runs)
    seg = {k: (sum(h['direction'] == 'charge' for h in d_['half_cycles']),
               sum(h['direction'] == 'discharge' for h in d_['half_cycles'])) for k, d_ in npy.items()}

    notes = []
    if cut:
        notes.append(f'cut: {cut}; the full file is {rows_in_source} rows / {len(all_cycles)} cycles')
    if starts_mid_test:
        notes.append('starts mid-test: the instrument counters of the first cycle include charge passed before '
                     'the first logged row, so counter capacities (cellpy) exceed what the rows integrate to')
    multi = [k for k, (a, b) in seg.items() if a > 1 and b > 1]
    if multi:
        notes.append(f'cycle index {multi} holds more than one charge/discharge pair (charge and discharge '
                     f'runs: {[seg[k] for k in multi]}); battdat\'s CapacityPerCycle assumes one of each; '
                     f'numpy.half_cycles gives each run\'s capacity')
    if cellpy_missing:
        notes.append(f'cycles missing from cellpy\'s summary: {cellpy_missing}')
    if mass_mg == 1.0 and not mass_from_file:
        notes.append('no active mass in the file: cellpy uses its 1.0 mg placeholder, so its gravimetric columns '
                     'are per 1 mg; active_mass_g is null')
    if bd_notes:
        notes.append('battdat warned: ' + ' | '.join(bd_notes))

    return dict(
        fixture=f"cycling/{spec['name']}.h5", source=spec['source'], read_with=spec['reader'],
        licence=src_row.get('license'), source_repo=src_row.get('source_repo'), source_commit=src_row.get('commit'),
        source_sha256=src_row.get('sha256'),
        rows=len(back), rows_in_source=rows_in_source, cycles=len(kept), cycles_in_source=len(all_cycles),
        cycle_numbers=kept, cut=cut, has_counters=bool(has_counters), starts_mid_test=bool(starts_mid_test),
        cell_type=spec['cell_type'], cell_type_reason=spec['cell_type_reason'], active_mass_g=active_mass_g,
        cellpy_cell_info=dict(mass_mg=mass_mg, material=getattr(data.meta_common, 'material', None),
                              raw_units_charge=charge_unit),
        current_sign=dict(source_positive_means='charging' if sign > 0 else 'discharging', flipped=sign < 0,
                          same_sign_as_dV_dt_fraction=num(agree, 6)),
        cellpy_cycle_mode=mode, cellpy_ce_formula=CE_FORMULA[mode],
        charge_discharge_runs={str(k): list(v_) for k, v_ in seg.items()},
        notes=notes, per_cycle=cycles), c


def arbin_reader_extra(shared: Path) -> dict:
    """battdat's own ArbinReader on arbin_example.csv, for comparison with the cellpy-read fixture."""
    ds = ArbinReader().read_dataset([str(shared / 'battery_data_toolkit' / 'arbin_example.csv')])
    raw = ds.tables['raw_data']
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        feats = CapacityPerCycle().compute_features(ds)
    npy = numpy_per_cycle(raw)
    return dict(
        what='battdat 0.4.6 ArbinReader().read_dataset on the original CSV: test_time from the whole-second '
             'DateTime column, rows with equal (time rounded to 0.01 s, V, I) dropped, cycle_number from 0, '
             'step_index re-derived by battdat, instrument counters not kept',
        rows=len(raw),
        per_cycle=[dict(cycle_number_battdat=int(r['cycle_number']),
                        battdat=dict(charge_capacity_mAh=num(r['capacity_charge'] * 1000),
                                     discharge_capacity_mAh=num(r['capacity_discharge'] * 1000)),
                        numpy=dict(charge_capacity_mAh=npy[int(r['cycle_number'])]['charge_capacity_mAh'],
                                   discharge_capacity_mAh=npy[int(r['cycle_number'])]['discharge_capacity_mAh']))
                   for _, r in feats.iterrows()])


# ----------------------------------------------------------------------------------------------- skipped
def probe_skipped(shared: Path, tmp: Path) -> dict:
    """Try the remaining candidate files and record why they do not become fixtures."""
    skipped = {}

    def err(e):  # without the local folder, so reference.json does not depend on --shared
        return f'{type(e).__name__}: {str(e).splitlines()[0][:160]}'.replace(f'{shared}/', '')

    p = shared / 'cellpy' / '20200624_test001_cc_01.h5'
    try:
        cellpy_get(str(p))
        why = 'read by cellpy (unexpected)'
    except Exception as e:
        why = f'cellpy 1.0.3 refuses it ({err(e)})'
    with pd.HDFStore(p, 'r') as store:
        d = store['data_df']
        why += (f'; it is not a cellpy file but raw Arbin tables ({", ".join(store.keys())}) with {len(d)} rows, '
                f'test time restarting {int((np.diff(d["Test_Time"].to_numpy()) < 0).sum())} times, '
                f'max |I| {np.abs(d["Current"]).max():.3g} A only in two 0.15 s points, counters all '
                f'{float(d[["Charge_Capacity", "Discharge_Capacity"]].abs().max().max()):.3g}: no cycle to check')
    skipped['cellpy/20200624_test001_cc_01.h5'] = why

    p = shared / 'cellpy' / 'nw_regular_export_ife_example.csv'
    try:
        cellpy_get(str(p), instrument='neware_txt')
        why = 'read by cellpy (unexpected)'
    except Exception as e:
        why = (f'cellpy 1.0.3 neware_txt cannot read it ({err(e)}): it is a Neware BTSDA "regular export" '
               f'with cycle, step and record rows nested in one CSV, a layout no cellpy 1.0.3 model parses')
    skipped['cellpy/nw_regular_export_ife_example.csv'] = why

    p = shared / 'cellpy' / 'maccor_002.txt'
    try:
        cellpy_get(str(p), instrument='maccor_txt', model='two')
        first = 'read'
    except Exception as e:
        first = err(e)
    clean = tmp / 'maccor_002.txt'  # the only non-UTF-8 bytes are in the header's Description line
    clean.write_bytes(p.read_bytes().decode('utf-8', errors='replace').encode('utf-8'))
    try:
        c = cellpy_get(str(clean), instrument='maccor_txt', model='two')
        r = c.data.raw
        second = (f'with those bytes replaced, model "two" reads {len(r)} rows but current max |I| = '
                  f'{np.abs(r["current"]).max():.3g} A and counters max {r["charge_capacity"].max():.3g} '
                  f'(the file has 0.16 mA and 2.4 mAh), and its TestTime column is in minutes, not seconds')
    except Exception as e:
        second = f'with those bytes replaced: {err(e)}'
    skipped['cellpy/maccor_002.txt'] = (f'cellpy 1.0.3 maccor_txt model "two" on Linux: {first} (a 0xFF byte in '
                                        f'the header); {second}. Zero current: not read sensibly')

    p = shared / 'battery_data_format' / 'GCPL-0.mpr'
    d = pd.DataFrame(BioLogic.MPRfile(str(p)).data)
    try:
        cellpy_get(str(p), instrument='biologics_mpr')
        cp = 'cellpy reads it'
    except Exception as e:
        cp = f'cellpy 1.0.3 biologics_mpr fails ({err(e)})'
    skipped['battery_data_format/GCPL-0.mpr'] = (
        f'galvani {version("galvani")} reads {len(d)} rows over '
        f'{d["time/s"].max():.3g} s, columns {list(d.columns)}, all charge counters '
        f'{float(d["(Q-Qo)/mA.h"].abs().max()):.3g} mA.h and no current flowing (a rest of a few seconds); {cp}. '
        f'No cycle to check')
    return skipped


# ----------------------------------------------------------------------------------------------- comparison
def compare(entry: dict) -> list:
    """Disagreements > TOLERANCE_PCT between cellpy, battdat and numpy on complete cycles, with likely causes."""
    found = []
    for cyc in entry['per_cycle']:
        if not cyc['complete']:
            continue
        n = cyc['cycle_number']
        for q in ('charge_capacity_mAh', 'discharge_capacity_mAh'):
            vals = {k: (cyc[k] or {}).get(q) for k in ('cellpy', 'battdat', 'numpy')}
            for a, b in (('cellpy', 'numpy'), ('cellpy', 'battdat'), ('battdat', 'numpy')):
                d = rel_pct(vals[a], vals[b])
                if d is not None and d > TOLERANCE_PCT:
                    found.append(dict(cycle_number=n, quantity=q, pair=f'{a} vs {b}', **{a: vals[a], b: vals[b]},
                                      difference_pct=num(d, 4),
                                      likely_cause=cause(entry, cyc, a, b, q)))
        for q in ('charge_energy_Wh', 'discharge_energy_Wh'):  # only battdat and numpy give energies
            vals = {k: (cyc[k] or {}).get(q) for k in ('battdat', 'numpy')}
            d = rel_pct(vals['battdat'], vals['numpy'])
            if d is not None and d > TOLERANCE_PCT:
                found.append(dict(cycle_number=n, quantity=q, pair='battdat vs numpy', **vals,
                                  difference_pct=num(d, 4), likely_cause=cause(entry, cyc, 'battdat', 'numpy', q)))
    return found


def max_differences(entry: dict) -> dict:
    """Largest relative difference [%] per pair of tools over the complete cycles, capacities only."""
    out = {}
    for a, b in (('cellpy', 'numpy'), ('cellpy', 'battdat'), ('battdat', 'numpy')):
        d = [rel_pct((c[a] or {}).get(q), (c[b] or {}).get(q)) for c in entry['per_cycle'] if c['complete']
             for q in ('charge_capacity_mAh', 'discharge_capacity_mAh')]
        d = [x for x in d if x is not None]
        out[f'{a}_vs_{b}'] = num(max(d), 4) if d else None
    return out


def cause(entry, cyc, a, b, q) -> str:
    n = cyc['cycle_number']
    runs = entry['charge_discharge_runs'].get(str(n), [1, 1])
    if 'battdat' in (a, b) and runs[0] > 1 and runs[1] > 1:
        return ('battdat CapacityPerCycle takes capacities from the extremes of the net charge integral, which '
                'assumes one charge and one discharge per cycle; this cycle index holds '
                f'{runs[0]} charge and {runs[1]} discharge runs, so battdat reports about one of them')
    npy = cyc['numpy'] or {}
    diff = abs(((cyc[a] or {}).get(q) or 0.0) - ((cyc[b] or {}).get(q) or 0.0))
    bq = npy.get('boundary_charge_mAh') or 0.0
    if 'battdat' in (a, b) and 'numpy' in (a, b) and bq > 0.5 * diff:
        return (f'boundary interval: battdat gives the interval from this cycle\'s last row to the next cycle\'s '
                f'first row to this cycle, numpy to the next ({bq:.4g} mAh passes in that interval)')
    sq = npy.get('step_change_charge_mAh') or 0.0
    if 'cellpy' in (a, b) and sq > 0.5 * diff:
        return (f'cellpy reports the instrument counters, the others integrate logged rows: {sq:.4g} mAh of the '
                f'integral lies in intervals across step changes, where the current jumps between two samples '
                f'and the trapezoid assumes a straight line (difference here {diff:.4g} mAh)')
    if 'cellpy' in (a, b):
        return 'cellpy reports the instrument counters; the others integrate the logged current'
    return 'integration details'


# ----------------------------------------------------------------------------------------------- main
def tool_versions() -> dict:
    try:
        mdb = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'mdbtools'], capture_output=True, text=True).stdout
    except OSError:
        mdb = None
    import tables
    return dict(cellpy=cellpy.__version__, battdat=battdat.__version__, galvani=version('galvani'), pandas=pd.__version__,
                numpy=np.__version__, h5py=h5py.__version__, tables=tables.__version__, mdbtools=mdb or None)


def print_table(entry):
    print(f"\n== {entry['fixture']}  ({entry['source']}; {entry['rows']} rows, {entry['cycles']} cycles, "
          f"{entry['cell_type']}, cellpy mode {entry['cellpy_cycle_mode']})")
    print(f"{'cyc':>4} {'ok':>3} | {'cellpy ch':>10} {'dch':>10} {'CE%':>8} | {'battdat ch':>10} {'dch':>10} | "
          f"{'numpy ch':>10} {'dch':>10} | max diff %")
    for cyc in entry['per_cycle']:
        a, b, c = cyc['cellpy'] or {}, cyc['battdat'] or {}, cyc['numpy'] or {}

        def f(x):
            return f'{x:10.5g}' if x is not None else f"{'-':>10}"
        diffs = [rel_pct(x.get(q), y.get(q)) for q in ('charge_capacity_mAh', 'discharge_capacity_mAh')
                 for x, y in ((a, c), (a, b), (b, c))]
        diffs = [d for d in diffs if d is not None]
        ce = a.get('coulombic_efficiency_pct')
        print(f"{cyc['cycle_number']:>4} {'y' if cyc['complete'] else 'n':>3} | {f(a.get('charge_capacity_mAh'))} "
              f"{f(a.get('discharge_capacity_mAh'))} {ce if ce is None else round(ce, 3):>8} | "
              f"{f(b.get('charge_capacity_mAh'))} {f(b.get('discharge_capacity_mAh'))} | "
              f"{f(c.get('charge_capacity_mAh'))} {f(c.get('discharge_capacity_mAh'))} | "
              f"{max(diffs) if diffs else float('nan'):.3f}")
    for note in entry['notes']:
        print('  note:', note)
    for d in entry['disagreements']:
        print(f"  > {TOLERANCE_PCT}%: cycle {d['cycle_number']} {d['quantity']} {d['pair']}: "
              f"{d['difference_pct']}% - {d['likely_cause']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', default=str(HERE.parent.parent / 'shared' / 'data'))
    args = parser.parse_args()
    shared = Path(args.shared)
    if shutil.which('mdb-export') is None:
        raise SystemExit('mdb-export (apt: mdbtools) is missing; run scripts/install-deps.sh --python')
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    sources = read_sources_tsv(shared)

    reference = dict(
        generated_by='Fixtures/make_cycling_fixtures.py', tools=tool_versions(),
        conventions=dict(
            capacity_unit='mAh, absolute (not per gram)', energy_unit='Wh',
            current_sign='positive = charging the cell (battdat), checked against dV/dt for every file',
            cycle_number='the instrument cycle index as cellpy reports it (from 1)',
            cellpy=('(a) cellpy summary: charge_capacity_absolute / discharge_capacity_absolute (cellpy_units mAh; '
                    'the plain summary columns are in the instrument raw units, A·h here, and are checked to be '
                    '1/1000 of these). They are the instrument counters at the last row of each cycle (for Neware, '
                    'cellpy first sums the per-step counters within the cycle). coulombic_efficiency_pct is '
                    'cellpy\'s, in the cycle mode named per file'),
            battdat=('(b) battdat.postprocess.integral.CapacityPerCycle on the fixture read back with '
                     'BatteryDataset.from_hdf: integrates current from the first row of a cycle to the first row of '
                     'the next (so the boundary interval belongs to the earlier cycle), then takes discharge = '
                     'deepest drop of the net integral and charge = the rest (or the mirror if the cycle starts by '
                     'charging); energies likewise from I*V, in Wh'),
            numpy=('(c) numpy trapezoid of max(I,0) and max(-I,0) over test_time, per cycle; the interval from the '
                   'last row of the previous cycle to the first row of this cycle belongs to this cycle; '
                   'boundary_charge_mAh is the |I| integral over that interval; energies from max(±I,0)*V'),
            complete=('a cycle is complete when cellpy\'s step table has both a charge and a discharge step in it, '
                      'it is not the first cycle of a file that starts mid-test, and it is not a last cycle that ends '
                      'inside a charge/discharge step'),
            tolerance_pct=TOLERANCE_PCT),
        files={}, skipped={})

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir) / 'work'  # our own temporary copies
        tmp.mkdir()
        (Path(tmpdir) / 'cellpy').mkdir()
        tempfile.tempdir = str(Path(tmpdir) / 'cellpy')  # cellpy copies each raw file to gettempdir(), leaves it
        for spec in FILES:
            entry, _ = make_one(spec, shared, tmp, sources)
            if spec['name'] == 'arbin_csv_lfp_full':
                entry['battdat_arbin_reader'] = arbin_reader_extra(shared)
            entry['disagreements'] = compare(entry)
            entry['max_difference_pct_complete_cycles'] = max_differences(entry)
            entry['size_bytes'] = (OUT / f"{spec['name']}.h5").stat().st_size
            reference['files'][spec['name']] = entry
            print_table(entry)
        reference['skipped'] = probe_skipped(shared, tmp)
        tempfile.tempdir = None

    print('\nlargest capacity difference on complete cycles [%]:')
    for k, e in reference['files'].items():
        print(f'  {k:28s}', '  '.join(f'{p}: {v}' for p, v in e['max_difference_pct_complete_cycles'].items()))
    print('\nskipped:')
    for k, why in reference['skipped'].items():
        print(f'  {k}: {why}')
    (OUT / 'reference.json').write_text(json.dumps(reference, indent=1, sort_keys=False, allow_nan=False) + '\n')
    print('\ncycling fixtures written:', ', '.join(
        f"{p.name} ({p.stat().st_size // 1024} kB)" for p in sorted(OUT.glob('*'))))


if __name__ == '__main__':
    main()
