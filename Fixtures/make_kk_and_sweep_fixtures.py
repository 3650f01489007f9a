#!/usr/bin/env python3
"""Blocking-electrode and multi-sweep impedance fixtures, with impedance.py's lin-KK with a series capacitance.

Run from the repository root:  python3 Fixtures/make_kk_and_sweep_fixtures.py

Writes (Fixtures/impedance/)
  blocking_au_se_au.csv   an Au|SE|Au spectrum, R0-p(R1,CPE1)-CPE2 in closed form (numpy), 71 frequencies
                          7 MHz ... 0.7 Hz (10 per decade), with 0.1 % seeded Gaussian noise on each part
                          (sigma = 0.001 |Z|); columns freq/Hz, Z'/Ohm, Z''/Ohm (Z'' < 0 on a capacitive arc).
  two_sweeps.csv          two sweeps of R0-p(R1,CPE1)-p(R2,CPE2), one after the other (1 MHz ... 0.1 Hz, 8 per
                          decade), the second with R2 20 % higher (the interface grew between sweeps); noise-free.
  two_sweeps.mpt          the same two sweeps in BioLogic EC-Lab's PEIS text layout (one `cycle number`, no
                          `z cycle` column: nothing but the frequency says where the second sweep starts).
  repeated_point.csv      one sweep of the first spectrum whose 1 kHz point is measured twice in a row.
  down_up.csv             one sweep down (1 MHz ... 0.1 Hz) and straight back up (0.1 Hz excluded ... 1 MHz).
  two_sweeps_columns.h5   the two sweeps of two_sweeps.csv as one spectrum of the hdf5-columns layout (h5py, group
                          eis/0: frequency_Hz, z_real_ohm, z_imag_ohm): a layout that says which rows form a
                          spectrum, kept whole (with a warning).
  kk_sweeps_reference.json  the generating parameters and, per file, the sweeps by construction (first and last
                          frequency, point count); impedance.py's lin-KK (impedance.validation.linKK, c = 0.85,
                          max_M = 50, fit_type='complex') with add_cap=True and add_cap=False on the blocking
                          spectrum and on every spectrum of real_spectra.h5 (read with h5py).

Nothing here comes from Coulomb. Deterministic (numpy default_rng with fixed seeds).
"""
import json
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / 'impedance'

BLOCKING = dict(R0=20.0, R1=2000.0, CPE1_Q=1e-9, CPE1_n=0.9, CPE2_Q=2e-6, CPE2_n=0.9)
TWO_ARCS = dict(R0=15.0, R1=300.0, CPE1_Q=1e-9, CPE1_n=0.92, R2=800.0, CPE2_Q=2e-6, CPE2_n=0.85)
GROWTH = 1.2  # R2 of the second sweep


def cpe(q, n, w):
    return 1 / (q * (1j * w) ** n)


def par(a, b):
    return a * b / (a + b)


def blocking(f, p):
    w = 2 * np.pi * f
    return p['R0'] + par(p['R1'], cpe(p['CPE1_Q'], p['CPE1_n'], w)) + cpe(p['CPE2_Q'], p['CPE2_n'], w)


def two_arcs(f, p):
    w = 2 * np.pi * f
    return p['R0'] + par(p['R1'], cpe(p['CPE1_Q'], p['CPE1_n'], w)) + par(p['R2'], cpe(p['CPE2_Q'], p['CPE2_n'], w))


def linkk(f, z, add_cap):
    from impedance.validation import linKK, fit_linKK, get_tc_distribution
    # impedance.py 1.7.1 eval()s repr(np.float64) under numpy 2; the legacy print mode restores plain floats
    # (see make_impedance_fixtures.py).
    with np.printoptions(legacy='1.25'):
        M, mu, _, rr, ri = linKK(f, z, c=0.85, max_M=50, fit_type='complex', add_cap=add_cap)
    elements, _ = fit_linKK(f, get_tc_distribution(f, M), M, z, 'complex', add_cap)
    record = dict(M=int(M), mu=float(mu), resid_real_pct=[float(x) * 100 for x in rr],
                  resid_imag_pct=[float(x) * 100 for x in ri], L_H=float(elements[-1]))
    if add_cap:
        record['C_F'] = float(1 / elements[-2])
    return record


def write_csv(path, f, z, header="freq/Hz,Z'/Ohm,Z''/Ohm"):
    lines = [header] + [f'{float(a)!r},{float(b.real)!r},{float(b.imag)!r}' for a, b in zip(f, z)]
    path.write_text('\n'.join(lines) + '\n')


def write_mpt(path, f, z):
    columns = ['freq/Hz', 'Re(Z)/Ohm', '-Im(Z)/Ohm', 'time/s', 'cycle number']
    header = ['EC-Lab ASCII FILE', 'Nb header lines : 7', '', 'Potentio Electrochemical Impedance Spectroscopy', '',
              'Written by Fixtures/make_kk_and_sweep_fixtures.py: two sweeps, one after the other']
    rows = ['\t'.join([f'{a:.7E}', f'{b.real:.7E}', f'{-b.imag:.7E}', f'{2.0 * i:.10E}', f'{1.0:.15E}'])
            for i, (a, b) in enumerate(zip(f, z))]
    path.write_bytes(('\r\n'.join(header + ['\t'.join(columns)] + rows) + '\r\n').encode('latin-1'))


def main():
    reference = dict(linkk_method="impedance.validation.linKK(f, Z, c=0.85, max_M=50, fit_type='complex', add_cap=...) "
                                  "on all points in file order; C_F = 1/elements[-2], L_H = elements[-1] of fit_linKK "
                                  "at the final M. Residuals (Z - Z_fit)/|Z| in percent.")

    # Blocking electrodes.
    f = 10 ** (6.845 - 0.1 * np.arange(71))
    z = blocking(f, BLOCKING)
    rng = np.random.default_rng(13)
    z = z + 0.001 * np.abs(z) * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
    write_csv(OUT / 'blocking_au_se_au.csv', f, z)
    back = np.loadtxt(OUT / 'blocking_au_se_au.csv', delimiter=',', skiprows=1)
    f, z = back[:, 0], back[:, 1] + 1j * back[:, 2]
    reference['blocking'] = dict(circuit='R0-p(R1,CPE1)-CPE2', parameters=BLOCKING, noise_sigma_fraction=0.001,
                                 seed=13, add_cap=linkk(f, z, True), no_cap=linkk(f, z, False))

    # Real spectra (the battdat fixture of make_impedance_fixtures.py).
    with h5py.File(OUT / 'real_spectra.h5', 'r') as h5:
        table = h5['eis_data'][()]
    real = {}
    for test_id in sorted(set(int(t) for t in table['test_id'])):
        rows = table[table['test_id'] == test_id]
        ff, zz = rows['frequency'].astype(float), rows['z_real'] + 1j * rows['z_imag']
        real[str(test_id)] = dict(add_cap=linkk(ff, zz, True))
    reference['real_spectra'] = real

    # Sweeps.
    sweep = 10 ** (6 - np.arange(57) / 8)  # 1 MHz ... 0.1 Hz, 8 per decade
    first = two_arcs(sweep, TWO_ARCS)
    second = two_arcs(sweep, TWO_ARCS | dict(R2=TWO_ARCS['R2'] * GROWTH))
    write_csv(OUT / 'two_sweeps.csv', np.r_[sweep, sweep], np.r_[first, second])
    write_mpt(OUT / 'two_sweeps.mpt', np.r_[sweep, sweep], np.r_[first, second])
    with h5py.File(OUT / 'two_sweeps_columns.h5', 'w') as h5:
        group = h5.create_group('eis/0')
        group['frequency_Hz'] = np.r_[sweep, sweep]
        group['z_real_ohm'] = np.r_[first, second].real
        group['z_imag_ohm'] = np.r_[first, second].imag
    k = int(np.argmin(np.abs(sweep - 1e3)))
    write_csv(OUT / 'repeated_point.csv', np.insert(sweep, k, sweep[k]), np.insert(first, k, first[k]))
    up = sweep[::-1][1:]
    write_csv(OUT / 'down_up.csv', np.r_[sweep, up], np.r_[first, two_arcs(up, TWO_ARCS)])
    reference['sweeps'] = dict(
        circuit='R0-p(R1,CPE1)-p(R2,CPE2)', parameters=TWO_ARCS, second_sweep_R2_factor=GROWTH,
        files={
            'two_sweeps.csv': [dict(points=57, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2']),
                               dict(points=57, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2'] * GROWTH)],
            'two_sweeps.mpt': [dict(points=57, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2']),
                               dict(points=57, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2'] * GROWTH)],
            'repeated_point.csv': [dict(points=58, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2'])],
            'down_up.csv': [dict(points=57, first_Hz=sweep[0], last_Hz=sweep[-1], R2=TWO_ARCS['R2']),
                            dict(points=56, first_Hz=up[0], last_Hz=up[-1], R2=TWO_ARCS['R2'])],
        })
    text = json.dumps(reference, indent=1, allow_nan=False) + '\n'
    (OUT / 'kk_sweeps_reference.json').write_text(text)
    print(f'wrote {OUT}: blocking M={reference["blocking"]["add_cap"]["M"]} (add_cap) '
          f'{reference["blocking"]["no_cap"]["M"]} (no cap), {len(real)} real spectra, 4 sweep files')


if __name__ == '__main__':
    main()
