"""Spectra with a known distribution of relaxation times, for `coulomb drt` and `coulomb plot drt`.

  impedance/drt_three_arcs.csv  R0 + three ZARCs R/(1 + (jωτ₀)ⁿ) in closed form (numpy): R0 = 5 Ω;
                                12 Ω at τ₀ = 0.3 µs (n = 0.95), 140 Ω at 30 µs (n = 0.9), 860 Ω at 3 ms
                                (n = 0.85) — bulk, grain boundary and interface of a solid electrolyte;
                                81 frequencies, 1 MHz–10 mHz, 10 a decade; 0.1 % seeded Gaussian noise
                                (σ = 0.001·|Z| on each part, numpy default_rng(2026)).
  impedance/drt_short.csv       its first 8 points: too few for a DRT.

Run: python3 Fixtures/make_drt_fixtures.py (numpy only; well under a second)."""
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / 'impedance'
R0 = 5.0
ARCS = [(12.0, 3e-7, 0.95), (140.0, 3e-5, 0.9), (860.0, 3e-3, 0.85)]


def write_csv(path, f, z):
    rows = ["freq/Hz,Z'/Ohm,Z''/Ohm"] + [f'{fi!r},{zi.real!r},{zi.imag!r}' for fi, zi in
                                          zip(map(float, f), map(complex, z))]
    path.write_text('\n'.join(rows) + '\n')


def main():
    f = 10 ** (6 - np.arange(81) * 0.1)
    w = 2 * np.pi * f
    z = R0 + sum(r / (1 + (1j * w * tau) ** n) for r, tau, n in ARCS)
    rng = np.random.default_rng(2026)
    z = z + 0.001 * np.abs(z) * (rng.standard_normal(z.size) + 1j * rng.standard_normal(z.size))
    write_csv(OUT / 'drt_three_arcs.csv', f, z)
    write_csv(OUT / 'drt_short.csv', f[:8], z[:8])


if __name__ == '__main__':
    main()
