#!/usr/bin/env python3
"""Copy pyimpspec's sample impedance files into Fixtures/eis_formats/, make a Gamry .DTA with drift-corrected
columns, and write what pyimpspec reads from each as the reference Coulomb's readers are tested against.

Run from the repository root with the pyimpspec environment (`make pyimpspec-deps`; pyimpspec 5 needs pandas 3,
which cellpy's environment cannot have):

    .venv-pyimpspec/bin/python Fixtures/make_pyimpspec_fixtures.py [--shared ../shared/data]

Files (all GPL-3.0-or-later, from vyrjana/pyimpspec's tests, via ../shared/data/pyimpspec/):
  data.pssession (PalmSens), data.ids (Ivium, two spectra), data.idf (Ivium, one), data.dfr (Eco Chemie),
  data.i2b (Elchemea), data.P00 — copied unchanged.
Made here from impedance.py's exampleDataGamry.DTA (MIT):
  gamry_drift_corrected.DTA — a `DRIFTCOR SELECTOR 1` header line, `AREA` 0.785 cm² (not Gamry's 1 cm²
  placeholder), and ZrealDrCor/ZimagDrCor/ZmodDrCor/ZphzDrCor columns after Zphz, where Gamry writes them
  (pyimpspec reads the corrected pair from the 9th and 10th fields). The corrected values are the measured ones
  less a drift that grows with the point's time t: Z_cor = Z - (2e-6 Ω/s · t)·(Zreal) - j(1e-6 Ω/s · t)·Zimag,
  written with 7 significant digits as Gamry does; they differ from Zreal/Zimag by up to 0.17 %.
  gamry_drift_corrected_comma.DTA — the same with decimal commas (Gamry in a European locale).

reference.json: per file, pyimpspec's spectra in order (frequency_Hz, z_real_ohm, z_imag_ohm with
Z = Z' + jZ'', Z'' < 0 on a capacitive arc: pyimpspec's own convention), pyimpspec's version, and for the DTA
files the header AREA as read by this script and pyimpspec's uncorrected spectrum beside the corrected one.
"""
import argparse
import json
import math
import re
import shutil
from importlib.metadata import version
from pathlib import Path

import pyimpspec

HERE = Path(__file__).resolve().parent
OUT = HERE / 'eis_formats'
SAMPLES = ['data.pssession', 'data.ids', 'data.idf', 'data.dfr', 'data.i2b', 'data.P00']
AREA_CM2 = 0.785


def spectrum(data) -> dict:
    z = data.get_impedances()
    return dict(label=data.get_label(), frequency_Hz=[float(f) for f in data.get_frequencies()],
                z_real_ohm=[float(v) for v in z.real], z_imag_ohm=[float(v) for v in z.imag])


def significant(value: float) -> str:
    return f'{value:.7g}'


def drift_corrected(source: Path) -> bytes:
    raw = source.read_bytes()
    newline = '\r\n' if b'\r\n' in raw else '\n'
    lines = raw.decode('latin-1').split(newline)
    out = []
    in_table = 0
    for line in lines:
        if line.startswith('AREA\tQUANT\t'):
            fields = line.split('\t')
            fields[2] = f'{AREA_CM2:.5E}'.replace('E-0', 'E-00').replace('E+0', 'E+00')
            line = '\t'.join(fields)
        if line.startswith('ZGUESS\t'):
            out.append('DRIFTCOR\tSELECTOR\t1\t&Drift Correction')
        if line.startswith('ZCURVE\tTABLE'):
            in_table = 1
            out.append(line)
            continue
        if in_table == 1:  # names
            fields = line.split('\t')
            at = fields.index('Zphz') + 1
            fields[at:at] = ['ZrealDrCor', 'ZimagDrCor', 'ZmodDrCor', 'ZphzDrCor']
            line = '\t'.join(fields)
            in_table = 2
        elif in_table == 2:  # units
            fields = line.split('\t')
            at = 8  # after '', '#', s, Hz, ohm, ohm, V, ohm, °
            fields[at + 1:at + 1] = ['ohm', 'ohm', 'ohm', fields[at]]
            line = '\t'.join(fields)
            in_table = 3
        elif in_table == 3 and line.startswith('\t'):
            fields = line.split('\t')
            t, zr, zi = float(fields[2]), float(fields[4]), float(fields[5])
            cr = zr - 2e-6 * t * zr
            ci = zi - 1e-6 * t * zi
            fields[9:9] = [significant(cr), significant(ci), significant(math.hypot(cr, ci)),
                           significant(math.degrees(math.atan2(ci, cr)))]
            line = '\t'.join(fields)
        elif in_table == 3:
            in_table = 0
        out.append(line)
    return newline.join(out).encode('latin-1')


def with_decimal_commas(text: bytes) -> bytes:
    return re.sub(rb'(?<=\d)\.(?=\d)', b',', text)


def header_area(path: Path) -> float:
    for line in path.read_bytes().decode('latin-1').splitlines():
        if line.startswith('AREA\t'):
            return float(line.split('\t')[2].replace(',', '.'))
    raise ValueError(f'{path}: no AREA line')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--shared', default=str(HERE.parent.parent / 'shared' / 'data'))
    shared = Path(parser.parse_args().shared)
    OUT.mkdir(exist_ok=True)
    files = {}
    for name in SAMPLES:
        shutil.copyfile(shared / 'pyimpspec' / name, OUT / name)
        files[name] = dict(source=f'pyimpspec/{name}', licence='GPL-3.0-or-later (vyrjana/pyimpspec)',
                           spectra=[spectrum(d) for d in pyimpspec.parse_data(OUT / name)])
    gamry = drift_corrected(shared / 'impedance_py' / 'exampleDataGamry.DTA')
    (OUT / 'gamry_drift_corrected.DTA').write_bytes(gamry)
    (OUT / 'gamry_drift_corrected_comma.DTA').write_bytes(with_decimal_commas(gamry))
    for name in ['gamry_drift_corrected.DTA', 'gamry_drift_corrected_comma.DTA']:
        corrected, uncorrected = pyimpspec.parse_data(OUT / name)
        assert 'drift corrected' in corrected.get_label(), corrected.get_label()
        files[name] = dict(source='impedance_py/exampleDataGamry.DTA, drift-corrected columns added by this script',
                           licence='MIT (ECSHackWeek/impedance.py)', area_cm2=header_area(OUT / name),
                           spectra=[spectrum(corrected)], uncorrected=spectrum(uncorrected))
    document = dict(tool=f'pyimpspec {version("pyimpspec")} parse_data', files=files)
    (OUT / 'reference.json').write_text(json.dumps(document, indent=1) + '\n')
    for name, entry in files.items():
        print(name, [len(s['frequency_Hz']) for s in entry['spectra']])


if __name__ == '__main__':
    main()
