#!/usr/bin/env python3
"""Write the spreadsheet fixtures (Fixtures/workbooks/) and what pandas reads from them, the reference Coulomb's
.xlsx/.ods reader is tested against (never Coulomb's own output).

Run from the repository root:  .venv/bin/python Fixtures/make_workbook_fixtures.py [--shared ../shared/data]

1. Copies pyimpspec's `data.xlsx` and `data.ods` (four sheets, one spectrum each, 29 points; GPL-3.0-or-later,
   vyrjana/pyimpspec) from `../shared/data/pyimpspec/`.
2. Writes small cycling workbooks from the committed CSV fixtures (`Fixtures/exports/arbin_example.csv`,
   `neware_uio.csv`), read with pandas `read_csv(float_precision='round_trip')` so every number is the
   correctly rounded value of its text:
   - `arbin_channel.xlsx` (openpyxl): sheets `Global_Info`, `Channel_1-006_1` (rows 1-300 of the CSV),
     `Channel_1-006_2` (rows 301-600) and `Statistics_1-006` (pandas groupby per cycle) - an Arbin-like
     export whose record is split over two sheets; `DateTime` becomes Excel date-time cells.
   - `arbin_two_channels.xlsx` (openpyxl): `Channel_1-006` (rows 1-150) and `Channel_1-007` (rows 151-300,
     its own record): two channels, two cells.
   - `neware_record.xlsx` (openpyxl): sheets `Info`, `cycle`, `step` (per-cycle and per-step figures, pandas
     groupby) and `record` (rows 1-800 of the Neware CSV): `Cumulative Time` as duration cells
     (timedelta, number format `[h]:mm:ss`), `Time` as text `h:mm:ss`, `Date` as date-time cells.
   - `neware_record.ods` (odfpy): the same `record` sheet with `Cumulative Time` as ODF time cells
     (`office:time-value` PTnnHnnMnnS), `Date` as ODF date cells, and a `cycle` sheet.
   - `land_record.xlsx` (openpyxl): a LAND-like export (`Record`, `Cycle-Index`, `Step-Index`, `TestTime/Sec`,
     `Current/mA`, `Voltage/V`, `Capacity/mAh`) from rows 1-400 of the Arbin CSV, current in mA, and a
     `Cycle` statistics sheet.
   - `handmade.xlsx` (zipfile, XML written here): what openpyxl does not write - inline strings, rich-text
     shared strings with a phonetic run, an `_x000D_` escape, a formula with its cached value, a boolean, an
     error cell, a `date1904` workbook, a custom `yyyy-mm-dd hh:mm:ss` and a built-in time format, rows and
     cells without `r` attributes, a sheet with a column of text that is not a number.
3. Writes files Coulomb must refuse (`bad/`): a truncated and a byte-flipped copy of `arbin_channel.xlsx`, sheets
   with a misspelt number or no current column, a workbook of no known sheet, a zip of CSV files, a zip laid out
   as cellpy's file version 9, an OLE2 (.xls) header, a binary named like a Maccor raw file, CSV tables that
   nearly match a layout, an empty file.
4. Writes `reference.json`: per workbook and sheet, every cell as pandas reads it (`read_excel(sheet_name=None,
   header=None)`, engine openpyxl or odf), encoded as `encoded` says (numbers as `repr` text, as JSON parsers on
   Linux are not correctly rounded); and for each cycling workbook the model columns
   (time_s, voltage_V, current_A, cycle, step) in battdat's units as pandas reads them.
"""
import argparse
import datetime as dt
import json
import shutil
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P

HERE = Path(__file__).resolve().parent
OUT = HERE / 'workbooks'


def seconds_of(value):
    """Seconds of a date-time (since 1970-01-01, wall clock as UTC), a time of day or a timedelta."""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return (pd.Timestamp(value) - pd.Timestamp('1970-01-01')).total_seconds()
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return pd.Timedelta(value).total_seconds()


def encoded(value):
    """A cell as pandas gives it, as the test reads it: `n<repr>` a number, `s<repr>` seconds (a date-time, time or
    timedelta), `b1`/`b0` a boolean, `t<text>` text, null an empty cell."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.time, pd.Timedelta, dt.timedelta)):
        return 's' + repr(float(seconds_of(value)))
    if isinstance(value, (bool, np.bool_)):
        return 'b1' if value else 'b0'
    if isinstance(value, (int, float, np.integer, np.floating)):
        return 'n' + repr(float(value))
    return 't' + str(value)


def cells(path: Path) -> dict:
    engine = 'odf' if path.suffix == '.ods' else 'openpyxl'
    frames = pd.read_excel(path, sheet_name=None, header=None, engine=engine)
    sheets = []
    for name, frame in frames.items():
        rows = [[encoded(v) for v in row] for row in frame.astype(object).itertuples(index=False)]
        sheets.append(dict(name=name, rows=rows))
    return dict(read_by=f'pandas {pd.__version__} read_excel(header=None, engine="{engine}") '
                        f'({engine} {version("openpyxl" if engine == "openpyxl" else "odfpy")})', sheets=sheets)


def model(frame: pd.DataFrame, time, voltage, current, cycle, step, current_scale=1.0) -> dict:
    time_s = [seconds_of(v) if isinstance(v, (dt.time, pd.Timedelta, dt.timedelta)) else float(v) for v in frame[time]]
    return dict(time_s=[repr(float(v)) for v in time_s], voltage_V=[repr(float(v)) for v in frame[voltage]],
                current_A=[repr(float(v) * current_scale) for v in frame[current]],
                cycle=[int(v) for v in frame[cycle]], step=[int(v) for v in frame[step]])


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / 'exports' / name, float_precision='round_trip')


def arbin_workbooks() -> dict:
    frame = csv('arbin_example.csv').iloc[:600].copy()
    frame['DateTime'] = pd.to_datetime(frame['DateTime'], unit='s')
    stats = frame.groupby('Cycle_Index').agg(Test_Time=('Test_Time', 'last'), Charge_Capacity=('Charge_Capacity', 'max'),
                                             Discharge_Capacity=('Discharge_Capacity', 'max')).reset_index()
    info = pd.DataFrame({'Item': ['Channel', 'Schedule', 'Source'],
                         'Value': ['1-006', 'LFP_cycling.sdu', 'battery-data-toolkit arbin_example.csv (Apache-2.0)']})
    path = OUT / 'arbin_channel.xlsx'
    with pd.ExcelWriter(path, engine='openpyxl') as writer:
        info.to_excel(writer, sheet_name='Global_Info', index=False)
        frame.iloc[:300].to_excel(writer, sheet_name='Channel_1-006_1', index=False)
        frame.iloc[300:].to_excel(writer, sheet_name='Channel_1-006_2', index=False)
        stats.to_excel(writer, sheet_name='Statistics_1-006', index=False)
    read = pd.concat([pd.read_excel(path, sheet_name=s) for s in ['Channel_1-006_1', 'Channel_1-006_2']])
    result = {'arbin_channel.xlsx': dict(cells(path), record_sheets=['Channel_1-006_1', 'Channel_1-006_2'],
                                         skipped_sheets=['Global_Info', 'Statistics_1-006'],
                                         model=model(read, 'Test_Time', 'Voltage', 'Current', 'Cycle_Index', 'Step_Index'))}
    path = OUT / 'arbin_two_channels.xlsx'
    with pd.ExcelWriter(path, engine='openpyxl') as writer:
        frame.iloc[:150].to_excel(writer, sheet_name='Channel_1-006', index=False)
        frame.iloc[150:300].to_excel(writer, sheet_name='Channel_1-007', index=False)
    result['arbin_two_channels.xlsx'] = dict(cells(path), channels={
        sheet: model(pd.read_excel(path, sheet_name=sheet), 'Test_Time', 'Voltage', 'Current', 'Cycle_Index', 'Step_Index')
        for sheet in ['Channel_1-006', 'Channel_1-007']})
    return result


def hms(seconds: float) -> str:
    whole = int(round(seconds))
    return f'{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}'


def neware_workbooks() -> dict:
    frame = csv('neware_uio.csv').iloc[:800].copy()
    cumulative = pd.to_timedelta(frame['Cumulative Time'])
    record = frame.drop(columns=['Cumulative Time']).copy()
    record.insert(5, 'Cumulative Time', cumulative)
    record['Date'] = pd.to_datetime(record['Date'])
    cycle = frame.groupby('Cycle Index').agg(**{'Chg. Cap.(Ah)': ('Chg. Cap.(Ah)', 'max'),
                                               'DChg. Cap.(Ah)': ('DChg. Cap.(Ah)', 'max')}).reset_index()
    step = frame.groupby(['Cycle Index', 'Step Index', 'Step Type'], sort=False).agg(
        **{'Step Time': ('Time', 'last'), 'Capacity(Ah)': ('Capacity(Ah)', 'max')}).reset_index()
    path = OUT / 'neware_record.xlsx'
    with pd.ExcelWriter(path, engine='openpyxl') as writer:
        pd.DataFrame({'Item': ['Barcode', 'Source'], 'Value': ['UIO', 'cellpy neware_uio.csv (MIT)']}).to_excel(
            writer, sheet_name='Info', index=False)
        cycle.to_excel(writer, sheet_name='cycle', index=False)
        step.to_excel(writer, sheet_name='step', index=False)
        record.to_excel(writer, sheet_name='record', index=False)
        sheet = writer.sheets['record']
        column = record.columns.get_loc('Cumulative Time') + 1
        for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            row[0].number_format = '[h]:mm:ss'
    read = pd.read_excel(path, sheet_name='record')
    result = {'neware_record.xlsx': dict(cells(path), record_sheets=['record'], skipped_sheets=['Info', 'cycle', 'step'],
                                         model=model(read, 'Cumulative Time', 'Voltage(V)', 'Current(A)', 'Cycle Index', 'Step Index'))}

    document = OpenDocumentSpreadsheet()
    def add_table(name, header, rows):
        table = Table(name=name)
        row = TableRow()
        for title in header:
            cell = TableCell(valuetype='string')
            cell.addElement(P(text=title))
            row.addElement(cell)
        table.addElement(row)
        for values in rows:
            row = TableRow()
            for value in values:
                if isinstance(value, pd.Timestamp):
                    cell = TableCell(valuetype='date', datevalue=value.strftime('%Y-%m-%dT%H:%M:%S'))
                    cell.addElement(P(text=value.strftime('%Y-%m-%d %H:%M:%S')))
                elif isinstance(value, pd.Timedelta):
                    total = int(value.total_seconds())
                    cell = TableCell(valuetype='time', timevalue=f'PT{total // 3600:02d}H{total // 60 % 60:02d}M{total % 60:02d}S')
                    cell.addElement(P(text=f'{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}'))
                elif isinstance(value, str):
                    cell = TableCell(valuetype='string')
                    cell.addElement(P(text=value))
                else:
                    cell = TableCell(valuetype='float', value=repr(float(value)))
                    cell.addElement(P(text=repr(float(value))))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    add_table('cycle', list(cycle.columns), cycle.astype(object).itertuples(index=False))
    columns = ['DataPoint', 'Cycle Index', 'Step Index', 'Step Type', 'Time', 'Cumulative Time', 'Current(A)', 'Voltage(V)',
               'Chg. Cap.(Ah)', 'DChg. Cap.(Ah)', 'Date']
    add_table('record', columns, record[columns].astype(object).itertuples(index=False))
    path = OUT / 'neware_record.ods'
    document.save(str(path))
    read = pd.read_excel(path, sheet_name='record', engine='odf')
    result['neware_record.ods'] = dict(cells(path), record_sheets=['record'], skipped_sheets=['cycle'],
                                       model=model(read, 'Cumulative Time', 'Voltage(V)', 'Current(A)', 'Cycle Index', 'Step Index'))
    return result


def land_workbook() -> dict:
    frame = csv('arbin_example.csv').iloc[:400]
    record = pd.DataFrame({'Record': frame['Data_Point'], 'Cycle-Index': frame['Cycle_Index'], 'Step-Index': frame['Step_Index'],
                           'TestTime/Sec': frame['Test_Time'], 'Current/mA': frame['Current'] * 1000,
                           'Voltage/V': frame['Voltage'], 'Capacity/mAh': frame['Charge_Capacity'] * 1000})
    cycle = record.groupby('Cycle-Index').agg(**{'Capacity/mAh': ('Capacity/mAh', 'max')}).reset_index()
    path = OUT / 'land_record.xlsx'
    with pd.ExcelWriter(path, engine='openpyxl') as writer:
        record.to_excel(writer, sheet_name='Record', index=False)
        cycle.to_excel(writer, sheet_name='Cycle', index=False)
    read = pd.read_excel(path, sheet_name='Record')
    return {'land_record.xlsx': dict(cells(path), record_sheets=['Record'], skipped_sheets=['Cycle'],
                                     model=model(read, 'TestTime/Sec', 'Voltage/V', 'Current/mA', 'Cycle-Index', 'Step-Index',
                                                 current_scale=1e-3))}


HANDMADE_SHEET1 = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>frequency / Hz</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>Z''</t></r><r><t xml:space="preserve"> / Ohm</t></r></is></c><c r="D1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2"><v>1000</v></c><c r="B2"><v>10.5</v></c><c r="C2"><v>-1.25E-1</v></c><c r="D2" s="1"><v>1.5</v></c></row>
<row><c><v>100</v></c><c><f>B2*2</f><v>21</v></c><c><v>-3</v></c><c s="2"><v>45000.25</v></c></row>
<row r="5"><c r="A5"><v>10</v></c><c r="B5" t="str"><f>"4"&amp;"0"</f><v>40</v></c><c r="C5"><v>-7.5</v></c><c r="D5" t="b"><v>1</v></c><c r="F5" t="e"><v>#DIV/0!</v></c></row>
</sheetData></worksheet>'''
HANDMADE_SHEET2 = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="inlineStr"><is><t>line_x000D_break &amp; &#x3A9;</t></is></c></row>
<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3"><v>0.5</v></c></row>
</sheetData></worksheet>'''
HANDMADE_STRINGS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><r><rPr><b/></rPr><t>Z'</t></r><r><t xml:space="preserve"> / Ohm</t></r></si>
<si><t>elapsed</t></si>
<si><t>notes</t><rPh sb="0" eb="1"><t>NOTE</t></rPh></si>
<si><t>3.5 V</t></si>
</sst>'''
HANDMADE_STYLES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="21"/><xf numFmtId="164"/></cellXfs>
</styleSheet>'''


def handmade_workbook() -> dict:
    path = OUT / 'handmade.xlsx'
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets>'
        '<sheet name="spectrum &amp; times" sheetId="1" r:id="rId1"/><sheet name="notes" sheetId="2" r:id="rId2"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': HANDMADE_SHEET1,
        'xl/worksheets/sheet2.xml': HANDMADE_SHEET2,
        'xl/sharedStrings.xml': HANDMADE_STRINGS,
        'xl/styles.xml': HANDMADE_STYLES,
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return {'handmade.xlsx': cells(path)}


def bad_files() -> None:
    """Files Coulomb must refuse with a short, specific error (`bad/`); ExportRefusalTests names what each must say."""
    bad = OUT / 'bad'
    bad.mkdir(exist_ok=True)
    channel = (OUT / 'arbin_channel.xlsx').read_bytes()
    (bad / 'truncated.xlsx').write_bytes(channel[:len(channel) // 2])
    # A byte flipped inside the deflated data of the first record sheet: the member's checksum no longer matches.
    with zipfile.ZipFile(OUT / 'arbin_channel.xlsx') as archive:
        info = archive.getinfo('xl/worksheets/sheet2.xml')
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    flipped = bytearray(channel)
    flipped[start + info.compress_size // 2] ^= 0x01
    (bad / 'flipped.xlsx').write_bytes(bytes(flipped))
    frame = csv('arbin_example.csv').iloc[:50].astype(object)
    frame.loc[9, 'Voltage'] = '3.4O5'
    with pd.ExcelWriter(bad / 'not_a_number.xlsx', engine='openpyxl') as writer:
        frame.to_excel(writer, sheet_name='Channel_1-006', index=False)
    with pd.ExcelWriter(bad / 'no_current.xlsx', engine='openpyxl') as writer:
        csv('arbin_example.csv').iloc[:50].drop(columns=['Current']).to_excel(writer, sheet_name='Channel_1-006', index=False)
    with pd.ExcelWriter(bad / 'no_known_sheet.xlsx', engine='openpyxl') as writer:
        pd.DataFrame({'sample': ['A1', 'A2'], 'mass / mg': [1.2, 1.3]}).to_excel(writer, sheet_name='masses', index=False)

    def zipped(path, members):
        with zipfile.ZipFile(path, 'w') as archive:
            for name, data in members.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    zipped(bad / 'exports.zip', {'cell_a.csv': 'Test_Time,Voltage\n0,3.0\n', 'notes.txt': 'two cells\n'})
    # The layout of cellpy's file version 9 (a zip of Parquet tables and a JSON meta document); 'PAR1' stands in
    # for the Parquet bytes, which Coulomb refuses by name before reading them.
    zipped(bad / 'cellpy_v9_like.cellpy', {'meta.json': '{"cellpy_file_version": 9}', 'raw.parquet': 'PAR1',
                                           'steps.parquet': 'PAR1', 'summary.parquet': 'PAR1'})
    (bad / 'old_excel.xls').write_bytes(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
    (bad / 'maccor_raw.001').write_bytes(b'\x00\x01MACCOR\x00' + bytes(range(256)) * 4)
    (bad / 'no_time.csv').write_text('Voltage(V),Current(A),Capacity(Ah)\n3.1,0.001,0\n3.2,0.001,0.1\n')
    (bad / 'no_imaginary.csv').write_text('frequency,Zreal,phase\n1000,10,-5\n100,12,-10\n')
    (bad / 'empty.csv').write_bytes(b'')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--shared', type=Path, default=HERE.parent.parent / 'shared' / 'data')
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    files = {}
    for name in ['data.xlsx', 'data.ods']:
        shutil.copyfile(args.shared / 'pyimpspec' / name, OUT / name)
        files[name] = dict(cells(OUT / name), source=f'pyimpspec/{name} (GPL-3.0-or-later, vyrjana/pyimpspec)')
    files |= arbin_workbooks() | neware_workbooks() | land_workbook() | handmade_workbook()
    bad_files()
    document = dict(
        about='Every cell of every sheet as pandas reads it (header=None): numbers as repr strings, date-times as seconds '
              'since 1970-01-01 (wall clock as UTC), times and timedeltas as seconds, empty cells null; model columns of '
              'the cycling workbooks in s, V, A.', files=files)
    (OUT / 'reference.json').write_text(json.dumps(document, sort_keys=True, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main()
