"""DRT of the same spectra by Coulomb (drt-bench, in process) and pyimpspec (TR-RBF and TR-NNLS), in one run:
times per spectrum, and the peaks each finds beside the elements the spectra were made from.

Run with the DRT environment (`make pyimpspec-deps` makes .venv-pyimpspec/ with pyimpspec and kvxopt):
    .venv-pyimpspec/bin/python Benchmarks/compare_drt.py --bench Benchmarks/.build/release/drt-bench
Prints Markdown."""
import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import time  # noqa: E402

from benchutil import ms, run_conditions, timed  # noqa: E402

import pyimpspec  # noqa: E402
from pyimpspec.analysis import drt  # noqa: E402

# 1 MHz … 10 mHz, 10 points a decade: the spectra of Tests/CoulombCoreTests/DRTTests.swift.
FREQUENCIES = 10 ** (6 - np.arange(81) * 0.1)
# name: (R0, [(R, tau0, n)], noise as a fraction of |Z| on each part)
CASES = {
    'rc_0.1%': (20, [(500, 5e-5, 1.0)], 0.001),
    'zarc_0.1%': (10, [(1000, 1e-3, 0.8)], 0.001),
    'two_0.1%': (10, [(100, 1e-6, 0.9), (1000, 1e-3, 0.8)], 0.001),
    'decade_0.1%': (10, [(300, 1e-4, 0.9), (700, 1e-3, 0.9)], 0.001),
    'three_0.1%': (10, [(12, 3e-7, 0.95), (140, 3e-5, 0.9), (860, 3e-3, 0.85)], 0.001),
    'three_1%': (10, [(12, 3e-7, 0.95), (140, 3e-5, 0.9), (860, 3e-3, 0.85)], 0.01),
}


def impedance(r0, arcs):
    w = 2 * np.pi * FREQUENCIES
    return r0 + sum(r / (1 + (1j * w * tau) ** n) for r, tau, n in arcs)


def write_spectra(path):
    rng = np.random.default_rng(17)
    rows = ['spectrum,frequency_Hz,z_real_ohm,z_imag_ohm']
    spectra = {}
    for name, (r0, arcs, noise) in CASES.items():
        z = impedance(r0, arcs)
        z = z + noise * np.abs(z) * (rng.standard_normal(z.size) + 1j * rng.standard_normal(z.size))
        spectra[name] = z
        rows += [f'{name},{float(f)!r},{float(v.real)!r},{float(v.imag)!r}' for f, v in zip(FREQUENCIES, z)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('\n'.join(rows) + '\n')
    return spectra


def nearest(taus, tau):
    """The index of the peak nearest tau in log τ, or None."""
    if len(taus) == 0:
        return None
    return int(np.argmin(np.abs(np.log10(np.asarray(taus) / tau))))


def fmt(x, digits=3):
    return '–' if x is None or (isinstance(x, float) and math.isnan(x)) else f'{x:.{digits}g}'


def main():
    conditions = run_conditions()
    parser = argparse.ArgumentParser()
    parser.add_argument('--bench', required=True)
    parser.add_argument('--repeats', type=int, default=20)
    parser.add_argument('--pyimpspec-repeats', type=int, default=3)
    args = parser.parse_args()
    path = Path(__file__).resolve().parent / 'data' / 'drt' / 'spectra.csv'
    spectra = write_spectra(path)
    coulomb = json.loads(subprocess.run([args.bench, str(path), str(args.repeats)], check=True, capture_output=True,
                                        text=True).stdout)
    ours = {entry['spectrum']: entry for entry in coulomb['spectra']}

    rows, times = [], []
    for name, (r0, arcs, noise) in CASES.items():
        data = pyimpspec.DataSet(frequencies=FREQUENCIES, impedances=spectra[name])
        # Best of `--pyimpspec-repeats` CPU times: the machine's speed drifts by up to 2× over minutes, and the
        # best of a few is what each tool costs when it is not slowed (Coulomb's is the best of its runs too).
        rbf_cpus = []
        for _ in range(args.pyimpspec_repeats):
            cpu = time.process_time()
            rbf_times, rbf = timed(1, lambda: drt.calculate_drt_tr_rbf(data, num_procs=1))
            rbf_cpus.append(time.process_time() - cpu)
        rbf_cpu = min(rbf_cpus)
        peak_times, peaks = timed(1, lambda: rbf.analyze_peaks())
        nnls_times, nnls = timed(1, lambda: drt.calculate_drt_tr_nnls(data))
        frame = peaks.to_peaks_dataframe()
        rbf_tau, rbf_r = frame['tau (s)'].to_numpy(), frame['R_peak (ohm)'].to_numpy()
        nnls_tau = nnls.get_peaks()[0]
        mine = ours[name]
        my_tau = [p['tau_s'] for p in mine.get('peaks', [])]
        times.append((name, mine['median_s'], mine['min_cpu_s'], rbf_times[0], rbf_cpu, peak_times[0], nnls_times[0]))
        polarisation = sum(r for r, _, _ in arcs)
        used = {'c': set(), 'r': set(), 'n': set()}
        for r, tau, n in arcs:
            k, j, m = nearest(my_tau, tau), nearest(rbf_tau, tau), nearest(nnls_tau, tau)
            used['c'].add(k), used['r'].add(j), used['n'].add(m)
            rows.append((name, tau, r,
                         my_tau[k] if k is not None else None, mine['peaks'][k]['R_ohm'] if k is not None else None,
                         rbf_tau[j] if j is not None else None, rbf_r[j] if j is not None else None,
                         nnls_tau[m] if m is not None else None))
        extra_c = [mine['peaks'][k]['R_ohm'] for k in range(len(my_tau)) if k not in used['c']]
        extra_r = [rbf_r[j] for j in range(len(rbf_tau)) if j not in used['r']]
        extra_n = len(nnls_tau) - len(used['n'])
        rows.append((name, 'extra', polarisation, len(extra_c), max(extra_c, default=0), len(extra_r),
                     max(extra_r, default=0), extra_n))

    print('| spectrum | Coulomb | Coulomb, CPU (best) | pyimpspec TR-RBF | TR-RBF, CPU (best) | + its peak analysis '
          '| pyimpspec TR-NNLS | TR-RBF / Coulomb (CPU) |')
    print('|---|---|---|---|---|---|---|---|')
    for name, c, c_cpu, r, r_cpu, p, n in times:
        print(f'| {name} | {ms(c)} | {ms(c_cpu)} | {ms(r)} | {ms(r_cpu)} | {ms(p)} | {ms(n)} | {r_cpu / c_cpu:.0f}× |')
    print(f'\nWall clock: Coulomb the median of {args.repeats} runs in process, pyimpspec its last run. CPU: the best of '
          f'Coulomb\'s {args.repeats} runs (of the thread) and of pyimpspec\'s {args.pyimpspec_repeats} TR-RBF runs (of the '
          'process), since the machine\'s speed drifts by up to 2× over minutes.')
    print(f'\nA series of {coulomb["series_count"]} spectra (the six above, repeated) on {coulomb["series_workers"]} '
          f'cores: {ms(coulomb["series_median_s"])} ({ms(coulomb["series_median_s"] / coulomb["series_count"])} '
          'per spectrum), Coulomb.\n')
    print('Peaks beside the elements (τ₀ in s, R in Ω; each element matched to the nearest peak in log τ). '
          'Coulomb: the ZARC fit seeded by its DRT; TR-RBF: `analyze_peaks()` (a skew-normal per peak, its area '
          'as R); TR-NNLS: peak positions only. The `extra` rows count the peaks matched to no element and give '
          'the largest R among them, beside ΣR of the elements.\n')
    print('| spectrum | τ₀ | R | Coulomb τ | Coulomb R | TR-RBF τ | TR-RBF R | TR-NNLS τ |')
    print('|---|---|---|---|---|---|---|---|')
    for row in rows:
        if row[1] == 'extra':
            name, _, total, nc, mc, nr, mr, nn = row
            print(f'| {name} | extra | ΣR {fmt(total)} | {nc} peak(s) | ≤ {fmt(mc)} | {nr} peak(s) | ≤ {fmt(mr)} | {nn} peak(s) |')
        else:
            print('| ' + ' | '.join([row[0]] + [fmt(v) for v in row[1:]]) + ' |')
    print(f'\n{conditions}.')


if __name__ == '__main__':
    main()
