#!/usr/bin/env python3
"""BioLogic .mpr files without an `I/mA` column, and one with a column id no reader knows, with galvani's reading.

Run from the repository root:  .venv/bin/python Fixtures/make_mpr_fixtures.py [--shared ../shared/data]
(after make_export_fixtures.py, whose exports/biol.mpr — the first 3,200 records of cellpy's biol.mpr — is the
source of the two edited files).

Writes, in Fixtures/exports/:
  GCPL-0.mpr            ../shared/data/battery_data_format/GCPL-0.mpr as it is: a GCPL record (4 records of rest)
                        with `dq/mA.h`, `(Q-Qo)/mA.h` and the set-point `control/V/mA`, no `I/mA`.
  MB-0.mpr              ../shared/data/battery_data_format/MB-0.mpr as it is: flags, `Ns`, `time/s`, `Ewe/V` only
                        (an open-circuit record, 2 records).
  biol_dq_only.mpr      exports/biol.mpr with its `I/mA` column (id 8) taken out of the column list and of every
                        record (module length rewritten): a multi-cycle GCPL file whose current must come from `dq/mA.h`.
  biol_unknown_id.mpr   exports/biol.mpr cut to its first 1,200 records, with the id of `control/mA` (20, float32)
                        replaced by 1999, an id no reader knows (galvani refuses the file).
  mpr_variants.reference.json   galvani 0.5.0's reading (BioLogic.MPRfile) of each file — of exports/biol.mpr cut the
                        same way for biol_unknown_id.mpr — as `time_s`, `voltage_V` (Ewe/V), `dq_mAh`, and `current_A`:
                        I/mA / 1000 where the file has it, else numpy's 3.6·dq/Δt (dq in mA·h since the previous record;
                        0 A for the first record, whose dq is 0), else 0 A; plus the measured `I/mA` of biol.mpr beside the
                        derived current of biol_dq_only.mpr, for the agreement of the two.
"""
import argparse
import json
import shutil
import struct
from importlib.metadata import version
from pathlib import Path

import numpy as np
from galvani import BioLogic

from make_export_fixtures import mpr_modules

HERE = Path(__file__).resolve().parent
OUT = HERE / 'exports'


def edit_data_module(raw: bytes, edit) -> bytes:
    """Rewrites the version-2 `VMP data` module with edit(ids, records: list of bytes) -> (ids, records)."""
    out = bytearray(raw[:52])
    for header, size, data, length, module_version, name, v2 in mpr_modules(raw):
        start = header - 6  # at 'MODULE'
        block = bytearray(raw[start:data + length])
        if name == 'VMP data':
            assert module_version == 2
            count, columns = struct.unpack('<IB', raw[data:data + 5])
            ids = list(struct.unpack(f'<{columns}H', raw[data + 5:data + 5 + 2 * columns]))
            record = (length - 405) // count
            records = [raw[data + 405 + i * record:data + 405 + (i + 1) * record] for i in range(count)]
            ids, records = edit(ids, records)
            head = bytearray(raw[data:data + 405])
            head[0:5] = struct.pack('<IB', len(records), len(ids))
            head[5:405] = struct.pack(f'<{len(ids)}H', *ids) + bytes(400 - 2 * len(ids))
            body = bytes(head) + b''.join(records)
            length_at = 6 + (39 if v2 else 35)
            block = bytearray(raw[start:data]) + body
            block[length_at:length_at + 4] = struct.pack('<I', len(body))
        out += block
    return bytes(out)


def column_offset(ids, name):
    dtype, _ = BioLogic.VMPdata_dtype_from_colIDs(ids)
    field = dtype.fields[name]
    return field[1], field[0].itemsize


def without_current(ids, records):
    at, width = column_offset(ids, 'I/mA')
    return [i for i in ids if i != 8], [r[:at] + r[at + width:] for r in records]


def unknown_id(ids, records):
    return [1999 if i == 20 else i for i in ids], records[:1200]


def first_records(ids, records):
    return ids, records[:1200]


def reading(path: Path, rows=None) -> dict:
    data = BioLogic.MPRfile(str(path)).data
    if rows is not None:
        data = data[:rows]
    names = data.dtype.names
    time = data['time/s'].astype(float)
    result = dict(read_by=f'galvani {version("galvani")} BioLogic.MPRfile', columns=list(names), rows=len(data),
                  time_s=time.tolist(), voltage_V=data['Ewe/V'].astype(float).tolist())
    if 'I/mA' in names:
        result['current_A'] = (data['I/mA'].astype(float) / 1000).tolist()
        result['current_from'] = 'I/mA'
    elif 'dq/mA.h' in names:
        dq = data['dq/mA.h'].astype(float)
        assert dq[0] == 0
        current = np.zeros(len(dq))
        current[1:] = 3.6 * dq[1:] / np.diff(time)
        result['dq_mAh'] = dq.tolist()
        result['current_A'] = current.tolist()
        result['current_from'] = 'dq/mA.h (numpy: 3.6 * dq / diff(time/s))'
    else:
        result['current_A'] = [0.0] * len(data)
        result['current_from'] = 'none (open circuit)'
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', default=str(HERE.parent.parent / 'shared' / 'data'))
    args = parser.parse_args()
    shared = Path(args.shared).resolve()
    reference = dict(generated_by='Fixtures/make_mpr_fixtures.py', files={})
    for name in ['GCPL-0.mpr', 'MB-0.mpr']:
        shutil.copyfile(shared / 'battery_data_format' / name, OUT / name)
        reference['files'][name] = reading(OUT / name) | dict(source=f'battery_data_format/{name}', cut='none')
    biol = (OUT / 'biol.mpr').read_bytes()
    (OUT / 'biol_dq_only.mpr').write_bytes(edit_data_module(biol, without_current))
    entry = reading(OUT / 'biol_dq_only.mpr') | dict(
        source='exports/biol.mpr (cellpy/biol.mpr, first 3,200 records)', edit='I/mA (id 8) removed from every record')
    entry['measured_I_A'] = (BioLogic.MPRfile(str(OUT / 'biol.mpr')).data['I/mA'].astype(float) / 1000).tolist()
    reference['files']['biol_dq_only.mpr'] = entry
    (OUT / 'biol_unknown_id.mpr').write_bytes(edit_data_module(biol, unknown_id))
    reference['files']['biol_unknown_id.mpr'] = reading(OUT / 'biol.mpr', rows=1200) | dict(
        source='exports/biol.mpr, first 1,200 records', edit='id 20 (control/mA, float32, column 5) set to 1999',
        read_from='exports/biol.mpr (galvani refuses id 1999)')
    # The edited files read back with galvani where it can: the edit kept everything else.
    check = BioLogic.MPRfile(str(OUT / 'biol_dq_only.mpr')).data
    original = BioLogic.MPRfile(str(OUT / 'biol.mpr')).data
    for column in check.dtype.names:
        assert np.array_equal(check[column], original[column], equal_nan=True), column
    (OUT / 'mpr_variants.reference.json').write_text(json.dumps(reference) + '\n')
    print('wrote', ', '.join(reference['files']), 'and mpr_variants.reference.json')


if __name__ == '__main__':
    main()
