#!/usr/bin/env python3
"""Write one spectrum as people write impedance tables by hand or from other tools, with pandas, into
Fixtures/impedance_csv/. The tests compute the expected values in closed form from the same circuit, so
nothing here is a reference value: the files are only inputs.

Run from the repository root (pandas and numpy; any of the project's environments):
    .venv-pyimpspec/bin/python Fixtures/make_impedance_csv_fixtures.py

Circuit: R0 + R1 || C1, R0 = 10 ohm, R1 = 100 ohm, C1 = 1e-6 F, at 30 frequencies np.logspace(5, -1, 30) Hz:
Z = R0 + R1 / (1 + j 2 pi f R1 C1), so Z'' < 0. Numbers are written with 10 significant digits ('%.10g').
"""
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / 'impedance_csv'
R0, R1, C1 = 10.0, 100.0, 1e-6
FORMAT = '%.10g'


def spectrum():
    f = np.logspace(5, -1, 30)
    z = R0 + R1 / (1 + 1j * 2 * np.pi * f * R1 * C1)
    return f, z


def main():
    OUT.mkdir(exist_ok=True)
    f, z = spectrum()
    modulus, degrees = np.abs(z), np.degrees(np.angle(z))
    frames = {
        # Coulomb's own column names, comma-separated.
        'coulomb_names.csv': (pd.DataFrame({'frequency_Hz': f, 'z_real_ohm': z.real, 'z_imag_ohm': z.imag}), dict(sep=',')),
        # Plain words, a European spreadsheet: semicolons and decimal commas.
        'words_semicolon_decimal_comma.csv': (pd.DataFrame({'frequency': f, 'real': z.real, 'imaginary': z.imag}),
                                              dict(sep=';', decimal=',')),
        # Primes with -Z'' (positive on the arc), tab-separated.
        'primes_negated_tab.txt': (pd.DataFrame({'f': f, "Z'": z.real, "-Z''": -z.imag}), dict(sep='\t')),
        # Polar, degrees, columns aligned with runs of spaces (pandas' fixed-width text).
        'polar_degrees_spaces.txt': (pd.DataFrame({'Freq': f, '|Z|': modulus, 'Phase': degrees}), None),
        # Names with units and spaces in columns aligned with spaces, after two '#' comment lines.
        'units_aligned_spaces.txt': (pd.DataFrame({'Freq (Hz)': f, "Z' (Ohm)": z.real, "-Z'' (Ohm)": -z.imag}), None),
        # Names on one line, units on the next (pandas writes a two-level header so).
        'units_row.csv': (pd.DataFrame(np.column_stack([f, z.real, z.imag]), columns=pd.MultiIndex.from_tuples(
            [('Frequency', 'Hz'), ("Z'", 'Ohm'), ("Z''", 'Ohm')])), dict(sep=',')),
        # Polar with the phase in radians said by the unit, and the phase written negated.
        'polar_minus_radians.csv': (pd.DataFrame({'Freq (Hz)': f, '|Z| (Ohm)': modulus, '-Phase (rad)': -np.angle(z)}),
                                    dict(sep=',')),
        # A leading minus on the real part: the column holds -Z'.
        'negated_real.csv': (pd.DataFrame({'Frequency (Hz)': f, "-Z' (Ohm)": -z.real, "Z'' (Ohm)": z.imag}), dict(sep=',')),
        # Column names that name no impedance: the error lists what was found and what was expected.
        'unknown_names.csv': (pd.DataFrame({'Frequency': f, 'Resistance': z.real, 'Reactance': z.imag}), dict(sep=',')),
    }
    for name, (frame, options) in frames.items():
        if options is None:
            text = frame.to_string(index=False, float_format=lambda v: FORMAT % v)
            comments = '# R0 + R1 || C1, R0 = 10 ohm, R1 = 100 ohm, C1 = 1 uF\n# written by pandas to_string\n'
            (OUT / name).write_text((comments if 'units' in name else '') + text + '\n')
        else:
            frame.to_csv(OUT / name, index=False, float_format=FORMAT, **options)
        print(name)


if __name__ == '__main__':
    main()
