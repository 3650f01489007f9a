"""How often the DRT's peaks are right on spectra nobody tuned for: random sums of one to four ZARCs, Coulomb
(drt-bench) and pyimpspec's TR-RBF with its peak analysis on the same spectra, in one run.

Each spectrum: R0 of 1–100 Ω, one to four ZARCs with R of 3 Ω–3 kΩ, τ₀ between 1 µs and 1 s at least a decade
apart, n between 0.7 and 1, Gaussian noise of 0.1, 0.3 or 1 % of |Z| on each part; 81 points from 1 MHz to
10 mHz. numpy draws them from a fixed seed. An element counts as found when a peak lies within 0.1 decade of
its τ₀, and right when that peak's R is also within 5 %. Elements are grouped by how well the data can
resolve them: "separated" — two decades or more from every other element and R at least 10 % of |Z| where it
relaxes; "near" — 1.5–2 decades; the rest "hard" (a decade apart, or small beside |Z|).

Run with the DRT environment (`make pyimpspec-deps`):
    .venv-pyimpspec/bin/python Benchmarks/compare_drt_accuracy.py --bench Benchmarks/.build/release/drt-bench
Prints Markdown."""
import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchutil import ms, run_conditions  # noqa: E402

FREQUENCIES = 10 ** (6 - np.arange(81) * 0.1)
BAND = (1 / (2 * math.pi * FREQUENCIES.max()), 1 / (2 * math.pi * FREQUENCIES.min()))


def draw(count, seed):
    """count random spectra: name → (R0, [(R, τ₀, n)], noise, Z)."""
    rng = np.random.default_rng(seed)
    w = 2 * np.pi * FREQUENCIES
    spectra = {}
    for k in range(count):
        arcs = int(rng.integers(1, 5))
        while True:
            log_tau = np.sort(rng.uniform(-6, 0, arcs))
            if arcs == 1 or np.min(np.diff(log_tau)) >= 1.0:
                break
        elements = list(zip(10 ** rng.uniform(0.5, 3.5, arcs), 10 ** log_tau, rng.uniform(0.7, 1.0, arcs)))
        r0 = 10 ** rng.uniform(0, 2)
        noise = float(rng.choice([0.001, 0.003, 0.01]))
        z = r0 + sum(r / (1 + (1j * w * tau) ** n) for r, tau, n in elements)
        z = z + np.abs(z) * noise * (rng.standard_normal(z.size) + 1j * rng.standard_normal(z.size))
        spectra[f'r{k}'] = (r0, elements, noise, z)
    return spectra


def group(r0, elements, index):
    """'separated', 'near' or 'hard' for one element (see the module's docstring)."""
    r, tau, _ = elements[index]
    others = [abs(math.log10(tau / t)) for j, (_, t, _) in enumerate(elements) if j != index]
    separation = min(others, default=math.inf)
    # |Z| where the element relaxes: R0, the faster elements in full and half of this one.
    local = r0 + sum(rj for rj, tj, _ in elements if tj < tau) + r / 2
    if separation >= 2 and r >= 0.1 * local:
        return 'separated'
    return 'near' if separation >= 1.5 and r >= 0.1 * local else 'hard'


def score(spectra, peaks_of):
    """Per group: elements, found, right; and spurious peaks holding over 5 % of ΣR."""
    counts = {g: [0, 0, 0] for g in ('separated', 'near', 'hard')}
    spurious = 0
    for name, (r0, elements, _, _) in spectra.items():
        peaks = peaks_of(name)
        for index, (r, tau, _) in enumerate(elements):
            if not BAND[0] <= tau <= BAND[1]:
                continue
            entry = counts[group(r0, elements, index)]
            entry[0] += 1
            near = [p for p in peaks if abs(math.log10(p[0] / tau)) < 0.1]
            if near:
                entry[1] += 1
                entry[2] += abs(near[0][1] - r) < 0.05 * r
        total = sum(r for r, _, _ in elements)
        spurious += sum(1 for tau_p, r_p in peaks
                        if all(abs(math.log10(tau_p / t)) >= 0.1 for _, t, _ in elements) and r_p > 0.05 * total)
    return counts, spurious


def main():
    conditions = run_conditions()
    parser = argparse.ArgumentParser()
    parser.add_argument('--bench', required=True)
    parser.add_argument('--count', type=int, default=80)
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--no-pyimpspec', action='store_true')
    args = parser.parse_args()
    spectra = draw(args.count, args.seed)
    path = Path(__file__).resolve().parent / 'data' / 'drt' / 'random.csv'
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ['spectrum,frequency_Hz,z_real_ohm,z_imag_ohm']
    for name, (_, _, _, z) in spectra.items():
        rows += [f'{name},{float(f)!r},{float(v.real)!r},{float(v.imag)!r}' for f, v in zip(FREQUENCIES, z)]
    path.write_text('\n'.join(rows) + '\n')

    coulomb = json.loads(subprocess.run([args.bench, str(path), '3', '1'], check=True, capture_output=True,
                                        text=True).stdout)
    ours = {e['spectrum']: e for e in coulomb['spectra']}
    results = [('Coulomb', score(spectra, lambda n: [(p['tau_s'], p['R_ohm']) for p in ours[n].get('peaks', [])]),
                sorted(e['median_cpu_s'] for e in ours.values()),
                sum(any('disagree' in w for w in e.get('warnings', [])) for e in ours.values()))]
    if not args.no_pyimpspec:
        import pyimpspec
        from pyimpspec.analysis import drt
        theirs, cpu, failed = {}, [], 0
        for name, (_, _, _, z) in spectra.items():
            start = time.process_time()
            try:
                frame = drt.calculate_drt_tr_rbf(pyimpspec.DataSet(frequencies=FREQUENCIES, impedances=z),
                                                 num_procs=1).analyze_peaks().to_peaks_dataframe()
                theirs[name] = list(zip(frame['tau (s)'].to_numpy(), frame['R_peak (ohm)'].to_numpy()))
            except Exception:  # noqa: BLE001 — a spectrum pyimpspec cannot analyse counts as no peaks
                theirs[name] = []
                failed += 1
            cpu.append(time.process_time() - start)
        tool = 'pyimpspec TR-RBF + analyze_peaks' + (f' ({failed} spectra raised, counted as no peaks)' if failed else '')
        results.append((tool, score(spectra, lambda n: theirs[n]), sorted(cpu), None))

    elements = sum(1 for r0, els, _, _ in spectra.values() for _, tau, _ in els if BAND[0] <= tau <= BAND[1])
    print(f'{len(spectra)} spectra, {elements} elements inside the band (seed {args.seed}).\n')
    print('| tool | separated: found / right | near: found / right | hard: found / right | spurious peaks > 5 % ΣR '
          '| spectra flagged as breaking Kramers–Kronig | CPU per spectrum: median / 90th pct / max |')
    print('|---|---|---|---|---|---|---|')
    for tool, (counts, spurious), cpu, flagged in results:
        cells = [f'{c[1]}/{c[0]} / {c[2]}/{c[0]}' for c in counts.values()]
        p90 = cpu[int(0.9 * (len(cpu) - 1))]
        print(f'| {tool} | ' + ' | '.join(cells) + f' | {spurious} | {"–" if flagged is None else flagged} '
              f'| {ms(cpu[len(cpu) // 2])} / {ms(p90)} / {ms(cpu[-1])} |')
    print(f'\n{conditions}.')


if __name__ == '__main__':
    main()
