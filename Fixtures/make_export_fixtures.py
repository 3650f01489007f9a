#!/usr/bin/env python3
"""Copy small real cycler/potentiostat exports into Fixtures/exports/ and write what the Python tools users trust
read from them, as the reference Coulomb's export readers are tested against (never Coulomb's own output).

Run from the repository root:  python3 Fixtures/make_export_fixtures.py [--shared ../shared/data]

For each source file in `../shared/data` this script
  1. copies it to `Fixtures/exports/` (files over ~300 kB are cut to their first rows or cycles, as a user's
     own export of fewer cycles would be; the cut is stated in `reference.json` and Fixtures/README.md),
  2. reads the copy with the tool users trust for that format and writes the values, in battdat's units
     (s, V, A, ohm, Hz) and sign conventions (current > 0 charges the cell; Z = Z' + jZ'', Z'' < 0 on a
     capacitive arc), to `Fixtures/exports/reference.json`, with the tool, the mapping and the cut,
  3. writes bad-input variants made from the real files (`Fixtures/exports/bad/`) and, for the inputs that
     must read equal to their clean originals, variants with decimal commas and mixed line endings.

Readers: impedance.py `preprocessing.readFile` (BioLogic/Gamry/ZPlot/Autolab/CH Instruments/VersaStudio/PowerSuite/
Parstat EIS) and `readCSV` (plain CSV);
galvani `BioLogic.MPRfile` (.mpr) and `BioLogic.MPTfile` (.mpt cycling); cellpy (Neware CSV, model UIO;
Battery Data Format CSV, instrument `batmo_bdf`; PEC CSV, instrument `pec_csv`); Python's csv module for the nested Neware export (cellpy
cannot parse it); pandas `read_csv` for the Arbin CSV (battdat's ArbinReader
re-derives test_time from the whole-second DateTime column and drops repeated rows, so it is no row-for-row
reference; its row count is recorded) and the Maccor text (cellpy 1.0.3 reads its current as zero).
"""
import argparse
import csv
import json
import shutil
import struct
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd

import cellpy
from battdat.io.arbin import ArbinReader
from galvani import BioLogic
from impedance import preprocessing

HERE = Path(__file__).resolve().parent
OUT = HERE / 'exports'
BAD = OUT / 'bad'


def floats(values) -> list:
    return [float(v) for v in np.asarray(values, dtype=float)]


def ints(values) -> list:
    return [int(v) for v in np.asarray(values)]


def spectrum(frequency, z) -> dict:
    z = np.asarray(z, dtype=complex)
    return dict(frequency_Hz=floats(frequency), z_real_ohm=floats(z.real), z_imag_ohm=floats(z.imag))


def licences(shared: Path) -> dict:
    with open(shared / 'SOURCES.tsv', newline='') as f:
        return {row['local_path']: f"{row['license']} ({row['source_repo']}@{row['commit'][:7]})"
                for row in csv.DictReader(f, delimiter='\t')}


def cut_lines(source: Path, target: Path, keep) -> int:
    """Copies the lines of `source` for which keep(index, line) holds (bytes, line endings untouched)."""
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for i, line in enumerate(lines) if keep(i, line)]
    target.write_bytes(b''.join(kept))
    return len(kept)


def header_index(lines: list, prefix: bytes) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def cut_after_header(source: Path, target: Path, prefix: bytes, rows: int, between: int = 0) -> tuple:
    """Copies the lines of `source` up to its header line (the first starting with `prefix`), `between` more
    lines and `rows` rows; returns the source's lines and the header's index."""
    lines = source.read_bytes().splitlines(keepends=True)
    header = header_index(lines, prefix)
    target.write_bytes(b''.join(lines[:header + 1 + between + rows]))
    return lines, header


# ------------------------------------------------------------------------------------------------- readers
def impedance_py(path: Path, instrument: str) -> dict:
    f, z = preprocessing.readFile(str(path), instrument=instrument)
    return dict(read_by=f'impedance.py {version("impedance")} preprocessing.readFile(instrument="{instrument}")',
                spectra=[spectrum(f, z)])


def impedance_csv(path: Path) -> dict:
    f, z = preprocessing.readCSV(str(path))
    return dict(read_by=f'impedance.py {version("impedance")} preprocessing.readCSV (columns f, Z\', Z\'\' as written)',
                spectra=[spectrum(f, z)])


def galvani_mpr(path: Path) -> dict:
    """galvani's reading; every record is a cycling row (when there is a current), and runs of consecutive
    records with freq/Hz > 0 (one cycle number, one z cycle) are spectra: Re(Z) and -(-Im(Z)), or
    |Z|·exp(j·Phase)."""
    data = BioLogic.MPRfile(str(path)).data
    names = data.dtype.names
    result = dict(read_by=f'galvani {version("galvani")} BioLogic.MPRfile', columns=list(names))
    freq = data['freq/Hz'] if 'freq/Hz' in names else np.zeros(len(data))
    eis = freq > 0
    if 'Re(Z)/Ohm' in names:
        z = data['Re(Z)/Ohm'].astype(float) - 1j * data['-Im(Z)/Ohm'].astype(float)
    elif '|Z|/Ohm' in names:
        z = data['|Z|/Ohm'].astype(float) * np.exp(1j * np.deg2rad(data['Phase(Z)/deg'].astype(float)))
    cycles = data['cycle number'] if 'cycle number' in names else np.zeros(len(data))
    sweeps = data['z cycle'] if 'z cycle' in names else np.zeros(len(data))
    spectra, start = [], None
    for row in range(len(data) + 1):
        continues = row < len(data) and eis[row] and (
            start is None or (cycles[row] == cycles[start] and sweeps[row] == sweeps[start]))
        if start is not None and not continues:
            spectra.append(spectrum(freq[start:row], z[start:row]) | dict(first_record=start + 1))
            start = None
        if row < len(data) and eis[row] and start is None:
            start = row
    result['spectra'] = spectra
    if not eis.all() and 'I/mA' in names:
        result['cycling'] = dict(time_s=floats(data['time/s']), voltage_V=floats(data['Ewe/V']),
                                 current_A=floats(data['I/mA'].astype(float) / 1000))
        if 'Ns' in names:
            result['cycling']['step_index'] = ints(data['Ns'])
    return result


def galvani_mpt(path: Path) -> dict:
    data, _ = BioLogic.MPTfile(str(path), encoding='latin-1')
    return dict(read_by=f'galvani {version("galvani")} BioLogic.MPTfile',
                cycling=dict(time_s=floats(data['time/s']), voltage_V=floats(data['Ewe/V']),
                             current_A=floats(data['I/mA'] / 1000), cycle_index=ints(data['cycle number']),
                             step_index=ints(data['Ns'])))


def cellpy_cycling(path: Path, instrument: str, model: str | None = None, steps: bool = True,
                   capacities: bool = False) -> dict:
    """cellpy's raw table (its units: s, V, A, Ah; current > 0 on charge) as reference columns."""
    kwargs = dict(instrument=instrument, custom_log_dir=tempfile.gettempdir())
    if model:
        kwargs['model'] = model
    raw = cellpy.get(str(path), **kwargs).data.raw
    columns = dict(time_s=floats(raw['test_time']), voltage_V=floats(raw['voltage']), current_A=floats(raw['current']),
                   cycle_index=ints(raw['cycle_index']))
    if steps:
        columns['step_index'] = ints(raw['step_index'])
    if capacities:
        columns['charge_capacity_Ah'] = floats(raw['charge_capacity'])
        columns['discharge_capacity_Ah'] = floats(raw['discharge_capacity'])
    return columns


# ------------------------------------------------------------------------------------------------- files
def impedance_export(shared: Path, entry: dict, source: str, instrument: str, mapping: str) -> dict:
    """An impedance file copied as it is and read with impedance.py's readFile."""
    target = OUT / Path(source).name
    shutil.copyfile(shared / source, target)
    return entry | impedance_py(target, instrument) | dict(mapping=mapping)


def biologic_mpt_gcpl(shared: Path, entry: dict) -> dict:
    """No real GCPL .mpt is in ../shared/data, so one is written in EC-Lab's text layout (tab-separated, CRLF,
    Latin-1, `Nb header lines`) from the first 600 records of biol.mpr as galvani reads them, and read back with
    galvani's MPTfile."""
    data = BioLogic.MPRfile(str(shared / 'cellpy/biol.mpr')).data[:600]
    cycle = np.cumsum(np.r_[0, np.diff(data['Ns'].astype(int)) < 0])
    columns = ['mode', 'ox/red', 'time/s', 'control/mA', 'Ewe/V', 'I/mA', 'cycle number', 'Ns', '(Q-Qo)/mA.h']
    header = ['EC-Lab ASCII FILE', 'Nb header lines : 7', '', 'Galvanostatic Cycling with Potential Limitation',
              '', 'Written by Fixtures/make_export_fixtures.py from biol.mpr (cellpy test data, MIT)']
    rows = []
    for i, r in enumerate(data):
        rows.append('\t'.join([str(int(r['flags'] & 3)), str(int((r['flags'] & 4) >> 2)), f"{r['time/s']:.10E}",
                               f"{r['control/mA']:.7E}", f"{r['Ewe/V']:.7E}", f"{r['I/mA']:.7E}",
                               f'{float(cycle[i]):.15E}', str(int(r['Ns'])), f"{r['(Q-Qo)/mA.h']:.10E}"]))
    target = OUT / 'biol_gcpl.mpt'
    target.write_bytes(('\r\n'.join(header + ['\t'.join(columns)] + rows) + '\r\n').encode('latin-1'))
    return entry | galvani_mpt(target) | dict(
        cut='written by this script from biol.mpr records 1-600 (values printed to 8-11 significant digits)',
        mapping='time/s; Ewe/V; I/mA / 1000 (EC-Lab: I > 0 anodic at the working electrode = charge); '
                'cycle number; Ns')


def biologic_mpr(shared: Path, entry: dict, name: str, source: str, records: int | None = None) -> dict:
    target = OUT / name
    raw = (shared / source).read_bytes()
    if records is not None:
        raw = cut_mpr(raw, records)
    target.write_bytes(raw)
    result = entry | galvani_mpr(target) | dict(
        mapping="freq/Hz, Re(Z)/Ohm, Z'' = -(-Im(Z)/Ohm) or |Z|/Ohm·exp(j·Phase(Z)/deg); time/s, Ewe/V, "
                "I/mA / 1000, Ns")
    if records is not None:
        result['cut'] = f'first {records} records of the data module (number of records and module length rewritten)'
    return result


def mpr_modules(raw: bytes):
    """(header offset, header size, data offset, length, version, short name) of every module."""
    offset = 52
    while offset < len(raw):
        assert raw[offset:offset + 6] == b'MODULE'
        header = raw[offset + 6:offset + 6 + 59]
        v2 = header[35:39] == b'\xff' * 4
        size = 59 if v2 else 51
        length, module_version = struct.unpack('<2I', header[39:47] if v2 else header[35:43])
        yield offset + 6, size, offset + 6 + size, length, module_version, header[:10].decode().strip(), v2
        offset += 6 + size + length


def cut_mpr(raw: bytes, records: int) -> bytes:
    out = bytearray(raw[:52])
    for header, size, data, length, module_version, name, v2 in mpr_modules(raw):
        block = bytearray(raw[header - 6:data + length])
        if name == 'VMP data':
            assert module_version == 2
            columns = raw[data + 4]
            ids = struct.unpack(f'<{columns}H', raw[data + 5:data + 5 + 2 * columns])
            count = struct.unpack('<I', raw[data:data + 4])[0]
            record = (length - 405) // count
            new_length = 405 + records * record
            length_at = 6 + (39 if v2 else 35)
            block[length_at:length_at + 4] = struct.pack('<I', new_length)
            body = 6 + size
            block[body:body + 4] = struct.pack('<I', records)
            block = block[:body + new_length]
            assert len(ids) == columns
        out += block
    return bytes(out)


def plain_csv(shared: Path, entry: dict) -> dict:
    target = OUT / 'exampleData.csv'
    shutil.copyfile(shared / 'impedance_py/exampleData.csv', target)
    return entry | impedance_csv(target) | dict(mapping="no header: frequency, Z', Z'' as written")


def arbin(shared: Path, entry: dict) -> dict:
    target = OUT / 'arbin_example.csv'
    shutil.copyfile(shared / 'battery_data_toolkit/arbin_example.csv', target)
    frame = pd.read_csv(target)
    battdat_rows = len(ArbinReader().read_file(str(target)))
    return entry | dict(
        read_by=f'pandas {version("pandas")} read_csv',
        mapping='Test_Time [s], Voltage [V], Current [A] (> 0 on charge: the voltage rises in every such step), '
                'Cycle_Index, Step_Index, Charge_Capacity/Discharge_Capacity [Ah] as written',
        note=f'battdat {version("battery-data-toolkit")} ArbinReader gives {battdat_rows} rows (time from the '
             f'whole-second DateTime column, repeated rows dropped, cycle_number from 0), so it is no row-for-row '
             f'reference; pandas reads the file as written ({len(frame)} rows)',
        cycling=dict(time_s=floats(frame['Test_Time']), voltage_V=floats(frame['Voltage']),
                     current_A=floats(frame['Current']), cycle_index=ints(frame['Cycle_Index']),
                     step_index=ints(frame['Step_Index']), charge_capacity_Ah=floats(frame['Charge_Capacity']),
                     discharge_capacity_Ah=floats(frame['Discharge_Capacity'])))


def bdf(shared: Path, entry: dict, cycles: int) -> dict:
    target = OUT / 'batmo_bdf.csv'
    source = shared / 'cellpy/batmo_bdf.csv'
    cycle_column = pd.read_csv(source)['Cycle Count / 1'].to_numpy()
    kept = cut_lines(source, target, lambda i, line: i == 0 or cycle_column[i - 1] <= cycles)
    return entry | dict(
        read_by=f'cellpy {version("cellpy")} get(instrument="batmo_bdf")',
        cut=f'cycles 1-{cycles} ({kept - 1} of {len(cycle_column)} rows)',
        mapping="Test Time / h × 3600; Voltage / V; Current / A re-signed from 'Step Type / 1' (cellpy: |I|, "
                "negative on discharge; the file's own sign is the opposite, charge < 0); Cycle Count / 1",
        note='cellpy renumbers the step index (a counter of step changes), so it is not compared',
        cycling=cellpy_cycling(target, 'batmo_bdf', steps=False))


def neware(shared: Path, entry: dict, rows: int) -> dict:
    target = OUT / 'neware_uio.csv'
    source = shared / 'cellpy/neware_uio.csv'
    total = len(pd.read_csv(source))
    kept = cut_lines(source, target, lambda i, line: i <= rows)
    return entry | dict(
        read_by=f'cellpy {version("cellpy")} get(instrument="neware_txt", model="UIO")',
        cut=f'first {kept - 1} of {total} rows (the rest of cycle 1, about 3400 rows, left out for size)',
        mapping='Cumulative Time (h:mm:ss) in s, Voltage(V), Current(A) (negative on CC DChg), Cycle Index, '
                'Step Index',
        cycling=cellpy_cycling(target, 'neware_txt', 'UIO'))


def neware_nested(shared: Path, entry: dict, cycles: int) -> dict:
    """The nested BTSDA export (cycle, step and record rows in one CSV), which cellpy 1.0.3 cannot parse: read
    with Python's csv module as a user would, each record row taking the cycle and step index of the rows
    above it (the first step row sits at the end of the first cycle row, after its 8 cycle columns)."""
    target = OUT / 'nw_regular_export_ife_example.csv'
    source = shared / 'cellpy/nw_regular_export_ife_example.csv'
    lines = source.read_bytes().splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if i >= 3 and line[:1].isdigit()]
    end = starts[cycles] if len(starts) > cycles else len(lines)
    target.write_bytes(b''.join(lines[:end]))
    with open(target, newline='') as f:
        rows = list(csv.reader(f))
    cycle_columns, record_header = len(rows[0]), rows[2]
    column = {name: i for i, name in enumerate(record_header)}
    cycle = step = None
    out = dict(time_s=[], voltage_V=[], current_A=[], cycle_index=[], step_index=[])
    for row in rows[3:]:
        if row[0]:
            cycle = int(row[0])
            if len(row) > cycle_columns:
                step = int(row[cycle_columns])
        elif row[1]:
            step = int(row[1])
        else:
            out['time_s'].append(pd.to_timedelta(row[column['Total Time']]).total_seconds())
            out['voltage_V'].append(float(row[column['Voltage(V)']]))
            out['current_A'].append(float(row[column['Current(A)']]))
            out['cycle_index'].append(cycle)
            out['step_index'].append(step)
    return entry | dict(
        read_by=f'Python csv module, float(), pandas {version("pandas")} to_timedelta (cellpy 1.0.3 cannot parse it)',
        cut=f'cycles 1-{cycles} ({end} of {len(lines)} lines)',
        mapping='record rows: Total Time (h:mm:ss) in s, Voltage(V), Current(A) (negative on discharge); cycle '
                'and step index from the cycle and step rows above',
        cycling=out)


def maccor(shared: Path, entry: dict, rows: int) -> dict:
    target = OUT / 'maccor_002.txt'
    lines, header = cut_after_header(shared / 'cellpy/maccor_002.txt', target, b'Rec\t', rows, between=1)
    frame = pd.read_csv(target, sep='\t', skiprows=header, encoding='latin-1', index_col=False).dropna(subset=['Rec'])
    clock = pd.to_datetime(frame['DPT Time'], format='%m/%d/%Y %I:%M:%S %p')
    elapsed_clock_s = (clock.iloc[-1] - clock.iloc[0]).total_seconds()
    elapsed_test = frame['TestTime'].iloc[-1] - frame['TestTime'].iloc[0]
    assert abs(elapsed_test * 60 / elapsed_clock_s - 1) < 0.05, 'TestTime is not in minutes'
    sign = np.where(frame['Md'] == 'D', -1.0, 1.0)
    return entry | dict(
        read_by=f'pandas {version("pandas")} read_csv(sep="\\t", skiprows={header}, index_col=False)',
        cut=f'first {rows} records of {len(lines) - header - 2}',
        mapping=f'TestTime × 60 (minutes: {elapsed_test:.4f} TestTime units over {elapsed_clock_s:.0f} s of DPT Time), '
                'Voltage [V], Current [A] × (-1 where Md is D), Cycle C, Step',
        note='cellpy 1.0.3 reads this file with zero current (its maccor_txt models expect other column names)',
        cycling=dict(time_s=floats(frame['TestTime'] * 60), voltage_V=floats(frame['Voltage [V]']),
                     current_A=floats(frame['Current [A]'] * sign), cycle_index=ints(frame['Cycle C']),
                     step_index=ints(frame['Step'])))


PEC_HEADER = b'Test,Cell,Rack,'


def pec(shared: Path, entry: dict, rows: int) -> dict:
    target = OUT / 'pec.csv'
    lines, header = cut_after_header(shared / 'cellpy/pec.csv', target, PEC_HEADER, rows)
    return entry | pec_reading(target) | dict(
        cut=f'first {rows} of {len(lines) - header - 1} records (cycle 0: discharge and rest; the start of cycle 1\'s '
            f'charge)')


def pec_reading(path: Path) -> dict:
    cycling = cellpy_cycling(path, 'pec_csv', capacities=True)
    # cellpy adds 1 to every PEC cycle number (its test `0 in column` looks at the index, so it always does);
    # the file's own numbers count from 0, as battdat's do, and Coulomb keeps them.
    cycling['cycle_index'] = [cycle - 1 for cycle in cycling['cycle_index']]
    return dict(
        read_by=f'cellpy {version("cellpy")} get(instrument="pec_csv")',
        mapping='Total Time (Seconds) [or (Hours in hh:mm:ss.xxx)] in s; Voltage (mV) / 1000; Current (mA) / 1000 '
                '(negative on discharge, as written); Step; Cycle = cellpy cycle_index - 1 (cellpy adds 1); '
                'Charge/Discharge Capacity (mAh) / 1000',
        cycling=cycling)


def pec_hhmmss(entry: dict) -> dict:
    """pec.csv with its `Total Time (Seconds)` written as PEC's `(Hours in hh:mm:ss.xxx)` (the export option), read
    by cellpy's own conversion of that unit. Only the total time: cellpy 1.0.3 converts an hh:mm:ss step time into
    the test-time column."""
    source = (OUT / 'pec.csv').read_bytes().splitlines(keepends=True)
    header = header_index(source, PEC_HEADER)
    column = source[header].split(b',').index(b'Total Time (Seconds)')
    out = source[:header] + [source[header].replace(b'Total Time (Seconds)', b'Total Time (Hours in hh:mm:ss.xxx)')]
    for line in source[header + 1:]:
        fields = line.split(b',')
        milliseconds = round(float(fields[column]) * 1000)
        assert abs(milliseconds / 1000 - float(fields[column])) < 1e-9, 'a time finer than ms'
        seconds, ms = divmod(milliseconds, 1000)
        fields[column] = f'{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{ms:03d}'.encode()
        out.append(b','.join(fields))
    target = OUT / 'pec_hhmmss.csv'
    target.write_bytes(b''.join(out))
    return entry | pec_reading(target) | dict(cut='pec.csv with Total Time written as h:mm:ss.xxx (the same records)')


# ------------------------------------------------------------------------------------------------- bad input
def write_bad_inputs():
    BAD.mkdir(parents=True, exist_ok=True)
    mpt = (OUT / 'exampleDataBioLogic.mpt').read_bytes()
    lines = mpt.splitlines(keepends=True)
    # Cut mid-row: the last kept row loses its second half.
    (BAD / 'truncated.mpt').write_bytes(b''.join(lines[:80]) + lines[80][:40])
    (BAD / 'header_beyond_end.mpt').write_bytes(mpt.replace(b'Nb header lines : 61', b'Nb header lines : 200'))
    (BAD / 'header_count_wrong.mpt').write_bytes(mpt.replace(b'Nb header lines : 61', b'Nb header lines : 70'))
    nan_rows = lines[:]
    fields = nan_rows[69].split(b'\t')
    fields[0] = b'NaN'
    nan_rows[69] = b'\t'.join(fields)
    (BAD / 'nan_frequency.mpt').write_bytes(b''.join(nan_rows))
    arbin = (OUT / 'arbin_example.csv').read_bytes().splitlines(keepends=True)[:200]
    (BAD / 'arbin_missing_current.csv').write_bytes(
        b''.join(b','.join(f for i, f in enumerate(line.rstrip(b'\r\n').split(b',')) if i != 6) + b'\n' for line in arbin))
    text_row = arbin[100].split(b',')
    text_row[7] = b'3.4O5'  # a letter O for a zero
    (BAD / 'arbin_not_a_number.csv').write_bytes(b''.join(arbin[:100] + [b','.join(text_row)] + arbin[101:]))
    backwards = arbin[50].split(b',')
    backwards[1] = b'100.0'  # line 51, after 170.0296 s: a step back, not a clock restart
    (BAD / 'arbin_time_backwards.csv').write_bytes(b''.join(arbin[:50] + [b','.join(backwards)] + arbin[51:]))
    mpr = bytearray((OUT / 'PEIS-0.mpr').read_bytes())
    for header, size, data, length, module_version, name, v2 in mpr_modules(bytes(mpr)):
        if name == 'VMP data':
            version_at = header + (43 if v2 else 39)
            unknown = bytearray(mpr)
            unknown[version_at:version_at + 4] = struct.pack('<I', 7)
            (BAD / 'unknown_version.mpr').write_bytes(bytes(unknown))
            column = bytearray(mpr)  # two unknown ids: their widths cannot be told apart
            column[data + 5 + 2 * 4:data + 5 + 2 * 6] = struct.pack('<2H', 998, 999)
            (BAD / 'unknown_column.mpr').write_bytes(bytes(column))
            (BAD / 'truncated.mpr').write_bytes(bytes(mpr[:data + length - 500]))

    def cut_within(name: str, bad: str, line: int, keep: int):
        """The file cut `keep` bytes into its line `line` (from 1), as an interrupted copy leaves it."""
        lines = (OUT / name).read_bytes().splitlines(keepends=True)
        (BAD / bad).write_bytes(b''.join(lines[:line - 1]) + lines[line - 1][:keep])

    cut_within('exampleDataAutolab.txt', 'autolab_truncated.txt', 30, 20)
    cut_within('exampleDataCHInstruments.txt', 'chinstruments_truncated.txt', 50, 8)
    cut_within('exampleDataParstat.txt', 'parstat_truncated.txt', 800, 60)
    cut_within('pec.csv', 'pec_truncated.csv', 1000, 60)
    par = (OUT / 'exampleDataVersaStudio.par').read_bytes().splitlines(keepends=True)
    (BAD / 'versastudio_truncated.par').write_bytes(b''.join(par[:140]))  # rows of Segment1, no </Segment1>
    suite = (OUT / 'exampleDataPowersuite.txt').read_bytes()
    assert suite.count(b'407724.77') == 1
    (BAD / 'powersuite_not_a_number.txt').write_bytes(suite.replace(b'407724.77', b'4077Z4.77'))
    parstat = (OUT / 'exampleDataParstat.txt').read_bytes()
    assert parstat.count(b'Zre (ohms)') == 1
    (BAD / 'parstat_kohm.txt').write_bytes(parstat.replace(b'Zre (ohms)', b'Zre (kohms)'))


def write_equivalent_variants():
    """Inputs that must read exactly as their originals: decimal commas (EC-Lab in European locales; a CSV
    with `;` separators, as European spreadsheets write it), mixed line endings, and a spectrum CSV whose header
    names its units in EC-Lab's way (`freq/Hz`, `Re(Z)/Ohm`) and holds -Z'' (`-Im(Z)/ohms`); and a VersaStudio file
    whose segment is there twice, which must read as two copies of the original's spectrum."""
    mpt = (OUT / 'exampleDataBioLogic.mpt').read_bytes()
    head, sep, rows = mpt.partition(b'|Y|/Ohm-1\tPhase(Y)/deg\t\n')
    assert sep
    (OUT / 'decimal_comma.mpt').write_bytes(head + sep + rows.replace(b'.', b','))
    bdf = (OUT / 'batmo_bdf.csv').read_bytes()
    (OUT / 'bdf_semicolon_decimal_comma.csv').write_bytes(bdf.replace(b',', b';').replace(b'.', b','))
    negated = []
    for line in (OUT / 'exampleData.csv').read_bytes().splitlines(keepends=True):
        frequency, real, imaginary = line.split(b',')
        negated.append(b','.join([frequency, real, imaginary[1:] if imaginary.startswith(b'-') else b'-' + imaginary]))
    (OUT / 'header_units.csv').write_bytes(b'freq/Hz,Re(Z)/Ohm,-Im(Z)/ohms\n' + b''.join(negated))
    par = (OUT / 'exampleDataVersaStudio.par').read_bytes()
    start, end = par.index(b'<Segment1>'), par.index(b'</Segment1>') + len(b'</Segment1>')
    second = par[start:end].replace(b'<Segment1>', b'<Segment2>').replace(b'</Segment1>', b'</Segment2>')
    (OUT / 'versastudio_two_segments.par').write_bytes(par[:end] + b'\n\n' + second + par[end:])
    lines = (OUT / 'arbin_example.csv').read_bytes().splitlines()
    endings = [b'\r\n', b'\n', b'\r']
    (OUT / 'mixed_line_endings.csv').write_bytes(b''.join(line + endings[i % 3] for i, line in enumerate(lines)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--shared', type=Path, default=HERE.parent.parent / 'shared' / 'data')
    args = parser.parse_args()
    shared = args.shared.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    licence = licences(shared)

    def entry(source: str) -> dict:
        return dict(source=source, licence=licence[source])

    files = {
        'exampleDataBioLogic.mpt': impedance_export(
            shared, entry('impedance_py/exampleDataBioLogic.mpt'), 'impedance_py/exampleDataBioLogic.mpt', 'biologic',
            "freq/Hz, Re(Z)/Ohm, Z'' = -(-Im(Z)/Ohm); one spectrum (cycle number 1 throughout)"),
        'biol_gcpl.mpt': biologic_mpt_gcpl(shared, entry('cellpy/biol.mpr')),
        'PEIS-0.mpr': biologic_mpr(shared, entry('battery_data_format/PEIS-0.mpr'), 'PEIS-0.mpr',
                                   'battery_data_format/PEIS-0.mpr'),
        'biol.mpr': biologic_mpr(shared, entry('cellpy/biol.mpr'), 'biol.mpr', 'cellpy/biol.mpr', records=3200),
        'exampleDataGamry.DTA': impedance_export(
            shared, entry('impedance_py/exampleDataGamry.DTA'), 'impedance_py/exampleDataGamry.DTA', 'gamry',
            "ZCURVE: Freq [Hz], Zreal, Zimag = Z'' [ohm]"),
        'exampleDataZPlot.z': impedance_export(
            shared, entry('impedance_py/exampleDataZPlot.z'), 'impedance_py/exampleDataZPlot.z', 'zplot',
            "Freq(Hz), Z'(a), Z''(b) = Z''; the header's 'Data Points: 56' is the planned count (21 rows written)"),
        'exampleData.csv': plain_csv(shared, entry('impedance_py/exampleData.csv')),
        'arbin_example.csv': arbin(shared, entry('battery_data_toolkit/arbin_example.csv')),
        'batmo_bdf.csv': bdf(shared, entry('cellpy/batmo_bdf.csv'), cycles=5),
        'neware_uio.csv': neware(shared, entry('cellpy/neware_uio.csv'), rows=1500),
        'nw_regular_export_ife_example.csv': neware_nested(
            shared, entry('cellpy/nw_regular_export_ife_example.csv'), cycles=2),
        'maccor_002.txt': maccor(shared, entry('cellpy/maccor_002.txt'), rows=1500),
        'exampleDataAutolab.txt': impedance_export(
            shared, entry('impedance_py/exampleDataAutolab.txt'), 'impedance_py/exampleDataAutolab.txt', 'autolab',
            "Z60W text: Freq (Hz), Z'(a), Z''(b) = Z'' (columns 1, 5, 6 of the comma-separated rows)"),
        'exampleDataCHInstruments.txt': impedance_export(
            shared, entry('impedance_py/exampleDataCHInstruments.txt'), 'impedance_py/exampleDataCHInstruments.txt',
            'chinstruments', "Freq/Hz, Z'/ohm, Z\"/ohm = Z''"),
        'exampleDataVersaStudio.par': impedance_export(
            shared, entry('impedance_py/exampleDataVersaStudio.par'), 'impedance_py/exampleDataVersaStudio.par',
            'versastudio', "<Segment1>: Frequency(Hz), Z Real, Z Imag = Z'' [ohm]"),
        'exampleDataPowersuite.txt': impedance_export(
            shared, entry('impedance_py/exampleDataPowersuite.txt'), 'impedance_py/exampleDataPowersuite.txt',
            'powersuite', "Frequency, Zre, Zimg = Z'' [Hz, ohm]"),
        'exampleDataParstat.txt': impedance_export(
            shared, entry('impedance_py/exampleDataParstat.txt'), 'impedance_py/exampleDataParstat.txt', 'parstat',
            "Frequency (Hz), Zre (ohms), Zim (ohms) = Z''; rows at frequency 0 (the DC step before the sweep) left out"),
        'pec.csv': pec(shared, entry('cellpy/pec.csv'), rows=1700),
    }
    files['pec_hhmmss.csv'] = pec_hhmmss(entry('cellpy/pec.csv'))
    write_bad_inputs()
    # The first 4 KiB of the Arbin .res file (an MS Access database, MIT, jepegit/cellpy): enough to be recognised
    # as one and refused with a pointer to CSV export or cellpy.
    (BAD / 'arbin_head.res').write_bytes((shared / 'cellpy/20160805_test001_45_cc_01.res').read_bytes()[:4096])
    write_equivalent_variants()
    document = dict(
        about='What the Python tools users trust read from the files in this folder (made by '
              'Fixtures/make_export_fixtures.py). Units: s, V, A, ohm, Hz; current > 0 charges the cell; '
              "Z = Z' + jZ'' with Z'' < 0 on a capacitive arc.",
        tools={name: version(name) for name in ['impedance', 'galvani', 'cellpy', 'pandas', 'numpy',
                                                'battery-data-toolkit']},
        files=files)
    with open(OUT / 'reference.json', 'w') as f:
        json.dump(document, f, separators=(',', ':'))
        f.write('\n')
    for name, item in files.items():
        rows = len(item.get('cycling', {}).get('time_s', []))
        print(f"{name}: {rows} cycling rows, {[len(s['frequency_Hz']) for s in item.get('spectra', [])]} "
              f"spectrum points, {(OUT / name).stat().st_size} bytes")


if __name__ == '__main__':
    main()
