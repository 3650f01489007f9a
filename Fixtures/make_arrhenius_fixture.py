#!/usr/bin/env python3
"""Write `impedance/arrhenius_spectra.h5`: one cell's spectra at five temperatures, for Arrhenius figures.

Run from the repository root:  python3 Fixtures/make_arrhenius_fixture.py

A Li|garnet|Li-like symmetric cell, circuit R0-p(R1,CPE1) simulated by impedance.py (CustomCircuit.predict),
10 points per decade from 1 MHz to 0.1 Hz, no noise. Both resistances follow σT = A·exp(−Eₐ/k_BT), σ ∝ 1/R:

    R(T) = R(298.15 K) · (T / 298.15 K) · exp(Eₐ/k_B · (1/T − 1/298.15 K))

with R0(25 °C) = 400 Ω, Eₐ = 0.40 eV (bulk) and R1(25 °C) = 1500 Ω, Eₐ = 0.60 eV (interface); CPE1 Q = 2e-7,
n = 0.9 at every temperature. battdat's writer stores them as an `eis_data` table with a `temperature` column
(°C), `test_id` 0–4 and `test_time` = 3600·test_id s; the metadata gives an area of 0.785 cm².

`arrhenius_truth.json` holds the temperatures, the resistances, the Eₐ put in, and numpy's least-squares slope
of ln(T/R) against 1/T (which recovers them, the data being exact).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from battdat.data import BatteryDataset
from battdat.schemas import BatteryMetadata
from impedance.models.circuits import CustomCircuit

OUT = Path(__file__).resolve().parent / 'impedance'
K_B = 8.617333262e-5  # eV/K, CODATA 2018
T_REF = 298.15
TEMPERATURES_C = [0.0, 20.0, 40.0, 60.0, 80.0]
RESISTORS = {'R0': (400.0, 0.40), 'R1': (1500.0, 0.60)}


def resistance(name: str, celsius: float) -> float:
    r_ref, ea = RESISTORS[name]
    t = celsius + 273.15
    return r_ref * (t / T_REF) * np.exp(ea / K_B * (1 / t - 1 / T_REF))


def main():
    f = np.logspace(6, -1, 71)
    rows, truth = [], {'circuit': 'R0-p(R1,CPE1)', 'temperatures_C': TEMPERATURES_C, 'resistors': {}}
    for test_id, celsius in enumerate(TEMPERATURES_C):
        values = [resistance('R0', celsius), resistance('R1', celsius), 2e-7, 0.9]
        z = CustomCircuit('R0-p(R1,CPE1)', initial_guess=values).predict(f)
        rows.append(pd.DataFrame(dict(test_id=test_id, test_time=3600.0 * test_id, frequency=f, z_real=z.real,
                                      z_imag=z.imag, temperature=celsius)))
    for name, (r_ref, ea) in RESISTORS.items():
        kelvin = np.array(TEMPERATURES_C) + 273.15
        r = np.array([resistance(name, c) for c in TEMPERATURES_C])
        slope, _ = np.polyfit(1 / kelvin, np.log(kelvin / r), 1)
        truth['resistors'][name] = {'ohm': r.tolist(), 'activation_energy_eV': ea,
                                    'numpy_slope_activation_energy_eV': float(-slope * K_B)}
    meta = BatteryMetadata(name='arrhenius-garnet', battery={'anode': {'name': 'Li', 'area': 0.785},
                                                             'cathode': {'name': 'Li', 'area': 0.785}})
    BatteryDataset.make_cell_dataset(metadata=meta, eis_data=pd.concat(rows, ignore_index=True)).to_hdf(
        OUT / 'arrhenius_spectra.h5')
    back = BatteryDataset.from_hdf(OUT / 'arrhenius_spectra.h5')
    assert np.allclose(back.tables['eis_data']['z_real'], pd.concat(rows)['z_real'])
    (OUT / 'arrhenius_truth.json').write_text(json.dumps(truth, indent=1) + '\n')


if __name__ == '__main__':
    main()
