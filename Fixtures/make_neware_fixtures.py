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

`synthetic_v29.nda` is written here, to the version-29 layout NewareNDA reads (no real v29 file is public):
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
}


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
        if name == "synthetic_v29.nda":
            make_v29(OUT / name)
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
