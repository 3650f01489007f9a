#!/usr/bin/env python3
"""Arbin .res fixtures and cellpy's reading of them, for Coulomb's libmdb reader; and a cellpy HDF5 file whose
`info` pickles the test's start as a datetime.

Run from the repository root:  .venv/bin/python Fixtures/make_res_fixtures.py [--shared ../shared/data]

Writes
  arbin/20160805_test001_45_cc_01.res   ../shared/data/cellpy/20160805_test001_45_cc_01.res, copied as it is (an MS
                                        Access/Jet 4 database: there is no tool here that writes a smaller one).
  arbin/arbin_res.reference.h5          what cellpy 1.0.3 reads from it (`cellpy.get(..., instrument="arbin_res")`,
                                        which runs mdbtools' `mdb-export` and parses its CSV with pandas), written with
                                        h5py: /raw/<cellpy name> as float64 in cellpy's row order (sorted by DateTime,
                                        then Test_Time), cellpy's raw units and the Global_Table facts cellpy keeps
                                        (channel_index, creator, schedule_file_name, start_datetime, test_name) as
                                        attributes, plus Global_Table's MASS / Specific_Capacity as pandas reads them
                                        from `mdb-export` (cellpy does not keep them).
  formats/cellpy_res_datetime.h5        cellpy's own HDF5 file (CellpyCell.save, zlib 9 by ptrepack) of that reading cut
                                        to cycles 1-2, step table and summary re-made, whose `info` frame holds the
                                        test's start as a pickled datetime.datetime (see make_cellpy_datetime).
  formats/cellpy_res_datetime.reference.json   the start time, calibration date, time zone and cell name as pandas
                                        reads them back from the committed file, and the names the pickles use.
"""
import argparse
import datetime
import json
import pickletools
import shutil
import subprocess
import tempfile
from io import StringIO
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NAME = '20160805_test001_45_cc_01.res'
COLUMNS = ['data_point', 'test_time', 'step_time', 'current', 'voltage', 'cycle_index', 'step_index',
           'charge_capacity', 'discharge_capacity', 'charge_energy', 'discharge_energy']


def make_res(shared: Path):
    import cellpy
    out = HERE / 'arbin'
    out.mkdir(exist_ok=True)
    res = out / NAME
    shutil.copyfile(shared / 'cellpy' / NAME, res)
    logdir = tempfile.mkdtemp()
    c = cellpy.get(str(res), instrument='arbin_res', custom_log_dir=logdir)
    d = c.data
    ref = out / 'arbin_res.reference.h5'
    if ref.exists():
        ref.unlink()
    global_table = pd.read_csv(StringIO(subprocess.run(['mdb-export', str(res), 'Global_Table'], check=True,
                                                       capture_output=True, text=True).stdout))
    with h5py.File(ref, 'w') as h:
        for name in COLUMNS:
            h.create_dataset(f'raw/{name}', data=d.raw[name].to_numpy(dtype=float), compression='gzip',
                             compression_opts=9, shuffle=True)
        h.attrs['generated_by'] = 'Fixtures/make_res_fixtures.py'
        h.attrs['reader'] = f'cellpy {cellpy.__version__} arbin_res (mdb-export)'
        h.attrs['channel_index'] = int(d.channel_index)
        for key in ['creator', 'schedule_file_name', 'test_name']:
            h.attrs[key] = str(getattr(d, key))
        # cellpy keeps the OLE date (days since 1899-12-30) as read; its own converter gives the datetime.
        from cellpy.readers.core import xldate_as_datetime
        h.attrs['start_datetime'] = xldate_as_datetime(float(d.start_datetime)).isoformat()
        h.attrs['mass_g'] = float(global_table['MASS'][0])
        h.attrs['specific_capacity'] = float(global_table['Specific_Capacity'][0])
        for key, value in vars(d.raw_units).items():
            h.attrs[f'raw_unit_{key}'] = str(value)
    print(f'wrote {res} and {ref} ({len(d.raw)} rows)')
    return c, logdir


def make_cellpy_datetime(c, logdir):
    """cellpy's file of the .res reading, its `info` frame re-written with the start time as a Python object.

    cellpy 1.0.3 keeps the .res start time as the OLE float it reads, and pandas stores a lone datetime as a
    datetime64 block (no pickle) — in every case tried here (the start converted with cellpy's own
    `xldate_as_datetime`; neware_uio.csv's Timestamp). A frame built from Python objects keeps an object column,
    which PyTables pickles with the datetime inside; that is what `info` holds here: cellpy's own info frame with
    `start_datetime` a datetime.datetime, `tester_calibration_date` a datetime.date and `time_zone` a
    datetime.timedelta, each in an object column, re-written with pandas' fixed format as cellpy writes it.
    """
    import cellpy
    from cellpy.readers.core import xldate_as_datetime
    out = HERE / 'formats'
    c.data.raw = c.data.raw[c.data.raw.cycle_index <= 2].copy()
    c.make_step_table()
    c.make_summary()
    start = xldate_as_datetime(float(c.data.start_datetime))
    target = out / 'cellpy_res_datetime.h5'
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / 'saved.h5'
        c.save(str(saved))
        info = pd.read_hdf(saved, 'CellpyData/info')
        for column, value in [('start_datetime', start), ('tester_calibration_date', datetime.date(2016, 3, 1)),
                              ('time_zone', datetime.timedelta(hours=2))]:
            info[column] = pd.Series([value], index=info.index, dtype=object)
        info.to_hdf(saved, key='CellpyData/info', format='fixed', mode='a')
        if target.exists():
            target.unlink()
        subprocess.run(['ptrepack', '--complevel', '9', '--complib', 'zlib', f'{saved}:/', f'{target}:/'], check=True,
                       stdout=subprocess.DEVNULL)
    # The names the info pickles give to the objects they hold.
    names = set()
    with h5py.File(target, 'r') as h:
        group = h['CellpyData/info']
        for key in group:
            if key.endswith('_values') and group[key].dtype == object:
                raw = group[key][()][0].tobytes()
                names |= {a for op, a, _ in pickletools.genops(raw) if op.name in ('SHORT_BINUNICODE', 'BINUNICODE')
                          and a in ('datetime', 'date', 'timedelta')}
    back = pd.read_hdf(target, 'CellpyData/info')
    got = back['start_datetime'][0]
    reference = dict(
        generated_by='Fixtures/make_res_fixtures.py', reader=f'pandas {pd.__version__} read_hdf (cellpy {cellpy.__version__} wrote the rest)',
        start_datetime=[got.year, got.month, got.day, got.hour, got.minute, got.second, got.microsecond * 1000],
        tester_calibration_date=str(back['tester_calibration_date'][0]),
        time_zone_s=back['time_zone'][0].total_seconds(),
        cell_name=str(back['cell_name'][0]), rows=int(len(c.data.raw)),
        pickled_names=sorted(names))
    (out / 'cellpy_res_datetime.reference.json').write_text(json.dumps(reference, indent=1) + '\n')
    print(f'wrote {target} and its reference: {reference}')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', default=str(REPO.parent / 'shared' / 'data'))
    args = parser.parse_args()
    c, logdir = make_res(Path(args.shared).resolve())
    make_cellpy_datetime(c, logdir)


if __name__ == '__main__':
    main()
