#!/usr/bin/env python3
"""Reading an Excel (.xlsx) cycler export: Coulomb's CLI against pandas and openpyxl, same file, same run.

    python3 compare_xlsx.py --coulomb ../.build/release/coulomb [--xml-bench .build/release/xml-bench] [--repeats 3]

Writes once into Benchmarks/data/xlsx/ (kept; regenerated only when missing) an Arbin-like workbook: the rows of
Fixtures/exports/arbin_example.csv (2,142 rows, 15 columns) repeated 50 times with the clock, point and cycle
counters carried on (107,100 rows), written by pandas through openpyxl into one `Channel_1-006` sheet, plus a
`Statistics_1-006` sheet. Then, best and median of --repeats runs (the file in the page cache):

- `pandas.read_excel(FILE, sheet_name=None)` (engine openpyxl: every sheet into DataFrames);
- openpyxl alone: `load_workbook(FILE, read_only=True, data_only=True)` and every row's values (what pandas
  reads through, without building frames);
- Coulomb's CLI: `coulomb info FILE --format json` (a whole process: unzip, parse the sheets, read the record
  through the Arbin layout, validate it, summarise);
- with --xml-bench: Foundation's XMLParser over the record sheet's XML alone (already unzipped; counting rows
  and cells and parsing each value), the floor under a reader built on XMLParser; where it gives up on the whole
  sheet (libxml2's limits on Linux), on its first 10,000 data rows.

Sanity check: Coulomb's row count must be pandas' and openpyxl's.
"""
import argparse
import json
import statistics
import subprocess
import zipfile
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pandas as pd

from benchutil import ms, repeated_arbin, run_conditions, timed, timed_command, warm_page_cache

HERE = Path(__file__).resolve().parent
DATA = HERE / 'data' / 'xlsx'


def make_workbook(path: Path, copies: int = 50):
    record = repeated_arbin(copies)
    stats = record.groupby('Cycle_Index').agg(Charge_Capacity=('Charge_Capacity', 'max')).reset_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine='openpyxl') as writer:
        record.to_excel(writer, sheet_name='Channel_1-006', index=False)
        stats.to_excel(writer, sheet_name='Statistics_1-006', index=False)


def read_openpyxl(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book['Channel_1-006'].iter_rows(values_only=True)) - 1
    book.close()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--coulomb', required=True)
    parser.add_argument('--xml-bench')
    parser.add_argument('--repeats', type=int, default=3)
    args = parser.parse_args()
    path = DATA / 'arbin_107k_v1.xlsx'
    if not path.exists():
        make_workbook(path)
    warm_page_cache(path)
    print(f'{run_conditions()}. Best and median of {args.repeats} runs, the file in the page cache; pandas '
          f'{pd.__version__}, openpyxl {version("openpyxl")}. Coulomb times are whole processes.\n')
    pandas_times, frames = timed(args.repeats, lambda: pd.read_excel(path, sheet_name=None, engine='openpyxl'))
    rows = len(frames['Channel_1-006'])
    openpyxl_times, openpyxl_rows = timed(args.repeats, lambda: read_openpyxl(path))
    coulomb_times = timed_command(args.repeats, [args.coulomb, 'info', str(path), '--format', 'json'])
    info = json.loads(subprocess.run([args.coulomb, 'info', str(path), '--format', 'json'], capture_output=True,
                                     check=True, text=True).stdout)
    coulomb_rows = info['cells'][0]['rows']
    size = path.stat().st_size / 1e6
    label = f'Arbin-like .xlsx ({rows:,} rows × 15 columns, {size:.0f} MB)'
    reference = statistics.median(pandas_times)
    print('| file | tool | best | median | rows/s (median) | pandas / this (median) |')
    print('|---|---|---|---|---|---|')
    cases = [(tool, min(times), statistics.median(times)) for tool, times in [
        ('`pandas.read_excel(FILE, sheet_name=None)` (openpyxl)', pandas_times),
        ('openpyxl `load_workbook(read_only=True)`, every row\'s values', openpyxl_times),
        ('Coulomb `info FILE --format json`', coulomb_times)]]
    xml_note = ''
    if args.xml_bench:
        with zipfile.ZipFile(path) as archive:
            whole = archive.read('xl/worksheets/sheet1.xml')
        sheet, prefix = DATA / 'sheet1.xml', DATA / 'sheet1_10k.xml'
        sheet.write_bytes(whole)
        prefix.write_bytes(whole[:whole.find(b'<row r="10002"')] + b'</sheetData></worksheet>')
        result = json.loads(subprocess.run([args.xml_bench, str(sheet), str(args.repeats)], capture_output=True,
                                           check=True, text=True).stdout)
        if 'error' in result:
            xml_note = (f"\nFoundation's XMLParser fails on the whole sheet ({len(whole) / 1e6:.0f} MB of XML on one line, "
                        f"as openpyxl writes it): {result['error']}, reported after its {result['rows']:,} rows. On the "
                        f"first 10,000 data rows alone it takes ")
            result = json.loads(subprocess.run([args.xml_bench, str(prefix), str(args.repeats)], capture_output=True,
                                               check=True, text=True).stdout)
            assert result.get('rows') == 10_001, result
            xml_note += (f"{ms(result['best_s'])} (best), {ms(result['median_s'])} (median), "
                         f"{10_000 / result['median_s'] / 1e3:.1f} k rows/s (parse only: no unzip, no columns kept).\n")
        else:
            assert result['rows'] == rows + 1, result
            cases.append(("Foundation `XMLParser` over the sheet's XML alone (unzipped; counts, parses values)",
                          result['best_s'], result['median_s']))
    for tool, best, median in cases:
        print(f'| {label} | {tool} | {ms(best)} | {ms(median)} | {rows / median / 1e3:.1f} k | {reference / median:.2f}× |')
    print(xml_note + f'\nSanity: rows read by pandas {rows:,}, openpyxl {openpyxl_rows:,}, Coulomb {coulomb_rows:,}.')
    assert rows == openpyxl_rows == coulomb_rows, (rows, openpyxl_rows, coulomb_rows)


if __name__ == '__main__':
    main()
