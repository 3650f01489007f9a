"""Neware .nda/.ndax fixtures: copies of the small sample files and NewareNDA's readings of them.

Copies the sample files the tests read from ../shared/data/neware/ into Fixtures/neware/ and writes
Fixtures/neware/reference.json with, per file, the columns NewareNDA reads, in NewareNDA's units
(Time s within the step — test time for .nda version 130 —, Voltage V, Current(mA), capacities mAh,
energies mWh, temperature °C):

- where ../shared/data/neware/reference/<name>.ftr exists (NewareNDA's own committed reading, made with
  its default software cycle numbers), every column but `Cycle` comes from that feather file;
- otherwise from NewareNDA.read(file) run here (NewareNDA 2026.6.11, Fixtures/requirements-cellpy.txt);
- `Cycle` is always NewareNDA.read(file, software_cycle_number=False): the instrument's own cycle number,
  which is what Coulomb reads (the feather files hold NewareNDA's regenerated numbers instead).

`synthetic_ndc11.ndax` and `synthetic_ndc5.ndax` are written here too, to the layouts NewareNDA reads (no public
file has them), with the same two cycles. `synthetic_v29.nda` is written here, to the version-29 layout NewareNDA
reads (no real v29 file is public):
two cycles of rest, 1 A charge and 1 A discharge with an auxiliary temperature per record but the first
(NewareNDA finds the first record by the data record after it, and loops forever without one); NewareNDA reads it.

Files over 2,000 rows keep every 10th row plus the rows on either side of each step change (their `row`
column says which); `runinfo_listed` marks the rows data_runInfo.ndc lists (for the others NewareNDA
makes up the time, and its counters are integrated, not read). Per cycle, `cycle_charge_mAh` and
`cycle_discharge_mAh` sum each step's last counter reading over the cycle's steps, from all rows.
"""
import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import NewareNDA
from NewareNDA.NewareNDAx import read_ndc

logging.disable(logging.WARNING)
HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data" / "neware"
OUT = HERE / "neware"

# name → why it is here (a layout version or a case no other file covers)
FILES = {
    "123456789012_Unit27_Example_Data_File.ndax": "ndc version 14, two auxiliary temperature channels",
    "21_10_7_85.ndax": "ndc version 14, no auxiliary channel",
    "interp-test.ndax": "ndc version 14 whose data_runInfo.ndc lists only some records (BTS Server 8)",
    "ZZZZZZZZTEST.ndax": "ndc version 16, an auxiliary channel of voltage and temperature",
    "TESTCELL0001-Test_Data_Collection_Ndc17.ndax": "ndc version 17, one auxiliary temperature channel, five steps",
    "scrubbed_ndc2.ndax": "ndc version 2 (whole records), auxiliary temperature records",
    "TestFile.nda": ".nda version 130 (BTS 9.1, 56-byte records with temperature), 3 cycles",
    "Unit27_Example_Corrupt.ndax": "TestInfo.xml without its auxiliary channels and with bytes valid in no encoding",
    "empty.ndax": "a test that recorded nothing",
    "synthetic_v29.nda": ".nda version 29 (86-byte records, current-range units, auxiliary records), written here",
    "synthetic_ndc11.ndax": "ndc version 11 (0.1 mV, mA, mA·s; two records missing from data_runInfo.ndc), written here",
    "synthetic_ndc5.ndax": "ndc version 5 (whole 87-byte records in pages), written here",
}


def protocol():
    """Two cycles of rest, 1 A charge and 1 A discharge, 10 records each, 6 s apart: per record the cycle (from
    0), step number, step type, step time ms, voltage V, current mA and the step's charge and discharge mA·s."""
    rows = []
    for cycle in range(2):
        for step, status, current_mA in [(1, 4, 0.0), (2, 1, 1000.0), (3, 2, -1000.0)]:
            for k in range(10):
                t_ms = 6000 * (k + 1)
                voltage = 3.7 + (0.002 * k if current_mA > 0 else -0.002 * k if current_mA < 0 else 0.0)
                charge = current_mA * t_ms / 1000 if current_mA > 0 else 0.0
                discharge = -current_mA * t_ms / 1000 if current_mA < 0 else 0.0
                rows.append((cycle, 3 * cycle + step, step, status, t_ms, voltage, current_mA, charge, discharge))
    return rows


def paged(file_type, version, records, size, trailer, start=132):
    """An .ndc table: a 4096-byte header (file type at byte 0, version at byte 2), then 4096-byte pages holding
    fixed-size records from byte `start` to `trailer` bytes before the page's end."""
    import struct
    per_page = (4096 - start - trailer) // size
    header = bytearray(4096)
    header[0], header[2] = file_type, version
    pages = []
    for first in range(0, max(len(records), 1), per_page):
        page = bytearray(4096)
        for k, record in enumerate(records[first:first + per_page]):
            page[start + k * size:start + (k + 1) * size] = record
        pages.append(bytes(page))
    return bytes(header) + b"".join(pages)


def make_ndc11(path):
    import struct, zipfile
    rows = protocol()
    data = [struct.pack("<ff", voltage * 1e4, current) for _, _, _, _, _, voltage, current, _, _ in rows]
    run = []
    for index, (cycle, step_run, step, status, t_ms, voltage, current, charge, discharge) in enumerate(rows, 1):
        if index in (14, 15):
            continue  # not listed, as BTS Server 8 does
        record = bytearray(47)
        struct.pack_into("<i", record, 0, t_ms)
        struct.pack_into("<ffff", record, 5, charge, discharge, charge * voltage, discharge * voltage)
        struct.pack_into("<iiiih", record, 29, 6000, 1716800000 + index * 6, 100 + step_run, index, 0)
        run.append(bytes(record))
    steps = []
    for cycle in range(2):
        for step, status in [(1, 4), (2, 1), (3, 2)]:
            record = bytearray(37)
            struct.pack_into("<ii", record, 0, cycle, step)
            record[24] = status
            steps.append(bytes(record))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.ndc", paged(1, 11, data, 8, 4))
        archive.writestr("data_runInfo.ndc", paged(18, 11, run, 47, 16))
        archive.writestr("data_step.ndc", paged(7, 11, steps, 37, 5))


def make_ndc5(path):
    import struct, zipfile
    records = []
    for index, (cycle, _, step, status, t_ms, voltage, current, charge, discharge) in enumerate(protocol(), 1):
        unit = 0.1  # mA per count for the 10,000 mA range
        record = bytearray(87)
        record[7] = 0x55
        struct.pack_into("<IIBB", record, 8, index, cycle, step, status)
        struct.pack_into("<Qii", record, 23, t_ms, round(voltage * 1e4), round(current / unit))
        struct.pack_into("<qqqq", record, 43, round(charge / unit), round(discharge / unit),
                         round(charge * voltage / unit), round(discharge * voltage / unit))
        struct.pack_into("<HBBBBBi", record, 75, 2024, 5, 27, 9, 0, 0, 10000)
        records.append(bytes(record))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.ndc", paged(1, 5, records, 87, 56, start=125))


def make_v29(path):
    """A version-29 .nda: `NEWARE`, 29 at byte 14, a zero header to byte 2048, then 86-byte records."""
    import struct
    records = []
    index = 0
    time_stamp = (2024, 5, 27, 9, 0, 0)
    unit = 0.1  # mA per count for the 10,000 mA range
    for cycle in range(2):
        for step, status, current_mA, count in [(1, 4, 0.0, 5), (2, 1, 1000.0, 10), (3, 2, -1000.0, 10)]:
            for k in range(count):
                index += 1
                t_ms = 1000 * (k + 1) * 6
                charge_mAs = current_mA * t_ms / 1000 if current_mA > 0 else 0.0
                discharge_mAs = -current_mA * t_ms / 1000 if current_mA < 0 else 0.0
                voltage = 3.7 + (0.002 * k if current_mA > 0 else -0.002 * k if current_mA < 0 else 0.0)
                record = bytearray(86)
                record[0:2] = b"\x55\x00"
                struct.pack_into("<IIHBB", record, 2, index, cycle, step, status, 0)
                struct.pack_into("<Qii", record, 14, t_ms, round(voltage * 1e4), round(current_mA / unit))
                struct.pack_into("<qqqq", record, 38, round(charge_mAs / unit), round(discharge_mAs / unit),
                                 round(charge_mAs * voltage / unit), round(discharge_mAs * voltage / unit))
                struct.pack_into("<HBBBBB", record, 70, *time_stamp)
                struct.pack_into("<i", record, 78, 10000)
                records.append(bytes(record))
                if index == 1:
                    continue  # NewareNDA finds the first record by the data record after it, so no auxiliary one here
                aux = bytearray(86)
                aux[0], aux[1] = 0x65, 1
                struct.pack_into("<I", aux, 2, index)
                struct.pack_into("<i", aux, 22, round(voltage * 1e4))
                struct.pack_into("<h", aux, 34, 250 + index % 7)
                records.append(bytes(aux))
    header = bytearray(2048)
    header[0:6] = b"NEWARE"
    header[14] = 29
    path.write_bytes(bytes(header) + b"".join(records))
COLUMNS = ["Index", "Cycle", "Step", "Step_Index", "Status", "Time", "Voltage", "Current(mA)",
           "Charge_Capacity(mAh)", "Discharge_Capacity(mAh)", "Charge_Energy(mWh)", "Discharge_Energy(mWh)"]


def listed_rows(path, frame):
    """Which rows data_runInfo.ndc lists (all of them for layouts without one)."""
    if path.suffix != ".ndax":
        return np.ones(len(frame), bool)
    import tempfile, zipfile
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
        if "data_runInfo.ndc" not in archive.namelist():
            return np.ones(len(frame), bool)
        info = read_ndc(archive.extract("data_runInfo.ndc", tmp))
    return frame["Index"].isin(set(info["Index"])).to_numpy()


def per_cycle(frame):
    """Each cycle's charge and discharge [mAh]: the sum over its steps of the step's last counter value."""
    last = frame.groupby("Step").tail(1)
    sums = last.groupby("Cycle")[["Charge_Capacity(mAh)", "Discharge_Capacity(mAh)"]].sum()
    return {str(int(cycle)): [float(row.iloc[0]), float(row.iloc[1])] for cycle, row in sums.iterrows()}


def main():
    OUT.mkdir(exist_ok=True)
    files = {}
    for name, why in FILES.items():
        source = SHARED / name
        makers = {"synthetic_v29.nda": make_v29, "synthetic_ndc11.ndax": make_ndc11, "synthetic_ndc5.ndax": make_ndc5}
        if name in makers:
            makers[name](OUT / name)
            source = OUT / name
        else:
            shutil.copyfile(source, OUT / name)
        entry = {"why": why}
        try:
            instrument = NewareNDA.read(str(source), software_cycle_number=False)
        except Exception as error:  # the empty file: NewareNDA itself fails on it
            entry["newarenda_error"] = f"{type(error).__name__}: {error}"
            files[name] = entry
            continue
        feather = SHARED / "reference" / (Path(name).stem + ".ftr")
        frame = pd.read_feather(feather) if feather.exists() else instrument.copy()
        entry["reference"] = f"reference/{feather.name} (NewareNDA's committed reading)" if feather.exists() \
            else "NewareNDA.read, run by this script"
        assert len(frame) == len(instrument)
        frame["Cycle"] = instrument["Cycle"].to_numpy()
        frame["runinfo_listed"] = listed_rows(source, frame)
        entry["rows"] = len(frame)
        entry["cycle_capacity_mAh"] = per_cycle(frame[frame["runinfo_listed"]])
        keep = np.arange(len(frame))
        if len(frame) > 2000:
            change = np.flatnonzero(np.diff(frame["Step"].to_numpy()) != 0)
            keep = np.unique(np.concatenate([keep[::10], change, change + 1, [len(frame) - 1]]))
        sub = frame.iloc[keep]
        columns = {"row": keep.tolist()}
        for column in COLUMNS + ["runinfo_listed"] + [c for c in frame.columns if c[:1] in "TV" and c[1:].isdigit()]:
            values = sub[column]
            if column == "Status":
                columns[column] = values.astype(str).tolist()
            elif values.dtype.kind in "iub":
                columns[column] = values.astype(int).tolist()
            else:
                columns[column] = [None if np.isnan(v) else float(v) for v in values.astype(float)]
        entry["columns"] = columns
        files[name] = entry
    document = {
        "made_by": "Fixtures/make_neware_fixtures.py",
        "newarenda_version": NewareNDA.__version__,
        "units": "Time s, Voltage V, Current(mA) mA, capacities mAh, energies mWh, T °C; Cycle from 1",
        "files": files,
    }
    (OUT / "reference.json").write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print("wrote", OUT / "reference.json", {k: v.get("rows") for k, v in files.items()})


if __name__ == "__main__":
    main()
