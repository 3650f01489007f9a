#!/usr/bin/env python3
"""Equivalent-circuit fitting of a 1,000-spectrum batch: Coulomb's CLI vs impedance.py, same data, same starts.

    python3 compare_fit.py --coulomb ../.build/release/coulomb [--impedance-py-limit N] [--workers 2]
                           [--skip-coulomb] [--refit] [--regenerate]

The batch (made once, kept in Benchmarks/data/eis_batch/; remade when a file is missing or with --regenerate):

- 1,000 spectra of `R0-p(R1,CPE1)-p(R2,CPE2)`, numpy `default_rng(20261121)`, drawn in this order, each as one
  array of 1,000: R0 log-uniform 10–200 Ω, R1 50–2000 Ω, R2 20–5000 Ω (log-uniform), CPE1_Q then CPE2_Q
  log-uniform 1e-10–1e-5 (F·s^(n-1)), CPE1_n then CPE2_n uniform 0.7–1.0; then the noise, spectrum by spectrum
  (Z' then Z'' normals). The arcs are then labelled by time constant tau_i = (R_i·Q_i)^(1/n_i): arc 1 is the
  faster (smaller tau), so a draw with tau1 > tau2 has its arc parameters swapped.
- 79 frequencies, 7 MHz down to 0.1 Hz, log-spaced at 10 per decade (7.85 decades, both ends included, so
  0.1006 decade apart), descending as instruments sweep.
- Z from impedance.py's own simulator (`CustomCircuit(...).predict`), then 1 % noise on each part:
  Z' += 0.01·|Z|·N(0,1), Z'' += 0.01·|Z|·N(0,1), independent.
- `batch.h5`: one battdat file (`BatteryDataset.make_cell_dataset(eis_data=...)`), test_id 0..999 (= spectrum),
  test_time = 60 s · test_id, z_imag < 0 for the capacitive arcs, z_phase in degrees.
- `truth.csv`: the parameters, tau1_s, tau2_s and well_posed (both apex frequencies 1/(2π·tau) inside
  [0.1 Hz, 7 MHz] and tau2/tau1 ≥ 10: both arcs are seen and told apart).
- `starts.csv`: one start per spectrum from the data alone (see `data_start`), given to both tools.

impedance.py: `CustomCircuit(circuit, initial_guess=start).fit(f, Z, weight_by_modulus=True)` per spectrum, in
one process, each fit timed with perf_counter. weight_by_modulus divides both residuals by |Z| (squared weight
1/|Z|², Coulomb's `--weight boukamp`). `--workers N` fits N at a time, each still timed inside its worker: only
worth it where concurrent processes do not slow each other (on the 2-vCPU machine of RESULTS.md two workers made
every fit take twice as long, so no faster overall and no longer single-process times; the default is 1).
Results are cached per spectrum in `impedance_py.csv` under a hash of the circuit, the options, the impedance.py
and scipy versions, the spectrum and its start; `--refit` ignores the cache.

Coulomb: `coulomb fit batch.h5 --circuit ... --weight boukamp --spectra all --format csv -o OUT --force`, with
`--initial-from starts.csv` and without (Coulomb's own starts); wall clock of the whole CLI run, best of
`--repeats`, divided by the number of spectra.

Minimum reached (issue 13, point 11): the same binary fits every spectrum with `--weight unit` and `boukamp`, once
from its automatic starts and once started at the true parameters (`--initial-from truth.csv`); the automatic fit
reaches the minimum when its rss_ohm2 is at most 1 % above the truth-started one's. Whether the misses are flagged
(`suspect`, or `converged` false) is counted beside.

Recovered: |R_fit − R_true| / R_true ≤ 5 % for R0, R1 and R2 at once, arcs ordered by tau on both sides. A fit
that raised (or, for Coulomb, reported an error or non-finite parameters) counts as a failure and as not recovered.
"""
import argparse
import hashlib
import multiprocessing
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.signal import find_peaks

from benchutil import ms

HERE = Path(__file__).resolve().parent
DATA = HERE / 'data' / 'eis_batch'
CIRCUIT = 'R0-p(R1,CPE1)-p(R2,CPE2)'
PARAMS = ['R0', 'R1', 'CPE1_Q', 'CPE1_n', 'R2', 'CPE2_Q', 'CPE2_n']  # impedance.py's initial_guess order
SEED = 20261121
SPECTRA = 1000
F_HIGH, F_LOW, PER_DECADE = 7e6, 0.1, 10
NOISE = 0.01
TOLERANCE = 0.05
START_N = 0.85


def frequencies():
    """79 log-spaced frequencies from 7 MHz down to 0.1 Hz, 10 per decade, both ends included."""
    decades = np.log10(F_HIGH / F_LOW)
    return np.logspace(np.log10(F_HIGH), np.log10(F_LOW), int(round(decades * PER_DECADE)) + 1)


def taus(table, first='1', second='2'):
    """tau_i = (R_i·Q_i)^(1/n_i) of the two arcs, in s (nan where undefined)."""
    with np.errstate(all='ignore'):
        return [np.power(np.asarray(table[f'R{k}'], float) * np.asarray(table[f'CPE{k}_Q'], float),
                         1 / np.asarray(table[f'CPE{k}_n'], float)) for k in (first, second)]


def order_arcs(table):
    """The same parameters with arc 1 the faster one (smaller tau); rows whose tau is undefined stay as they are."""
    table = table.copy()
    tau1, tau2 = taus(table)
    swap = tau1 > tau2
    for a, b in [('R1', 'R2'), ('CPE1_Q', 'CPE2_Q'), ('CPE1_n', 'CPE2_n')]:
        table.loc[swap, [a, b]] = table.loc[swap, [b, a]].to_numpy()
    return table


def make_batch():
    from impedance.models.circuits import CustomCircuit
    rng = np.random.default_rng(SEED)
    loguniform = lambda lo, hi: np.exp(rng.uniform(np.log(lo), np.log(hi), SPECTRA))
    drawn = dict(R0=loguniform(10, 200), R1=loguniform(50, 2000), R2=loguniform(20, 5000),
                 CPE1_Q=loguniform(1e-10, 1e-5), CPE2_Q=loguniform(1e-10, 1e-5),
                 CPE1_n=rng.uniform(0.7, 1.0, SPECTRA), CPE2_n=rng.uniform(0.7, 1.0, SPECTRA))
    truth = order_arcs(pd.DataFrame(drawn)[PARAMS])
    truth.insert(0, 'spectrum', np.arange(SPECTRA))
    truth['tau1_s'], truth['tau2_s'] = taus(truth)
    apex = lambda tau: 1 / (2 * np.pi * tau)
    inside = lambda tau: (apex(tau) >= F_LOW) & (apex(tau) <= F_HIGH)
    truth['well_posed'] = inside(truth['tau1_s']) & inside(truth['tau2_s']) & (truth['tau2_s'] / truth['tau1_s'] >= 10)

    f = frequencies()
    frames = []
    for k, row in truth.iterrows():
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # "Simulating circuit based on initial parameters"
            z = CustomCircuit(CIRCUIT, initial_guess=[float(row[p]) for p in PARAMS]).predict(f)
        size = np.abs(z)
        z = z + NOISE * size * rng.normal(0, 1, len(f)) + 1j * NOISE * size * rng.normal(0, 1, len(f))
        frames.append(pd.DataFrame(dict(test_id=np.int64(k), test_time=60.0 * k, frequency=f, z_real=z.real,
                                        z_imag=z.imag, z_mag=np.abs(z), z_phase=np.degrees(np.angle(z)))))
    eis = pd.concat(frames, ignore_index=True)
    eis['test_id'] = eis['test_id'].astype(np.int64)

    from battdat.data import BatteryDataset
    from battdat.schemas import BatteryMetadata
    DATA.mkdir(parents=True, exist_ok=True)
    for name in ['batch.h5', 'truth.csv', 'starts.csv']:
        (DATA / name).unlink(missing_ok=True)
    BatteryDataset.make_cell_dataset(metadata=BatteryMetadata(name='synthetic-eis-batch'),
                                     eis_data=eis).to_hdf(DATA / 'batch.h5')
    truth.to_csv(DATA / 'truth.csv', index=False, float_format='%.17g')


def read_batch():
    """{spectrum: (f, Z)} from batch.h5, in the file's (descending) frequency order."""
    from battdat.data import BatteryDataset
    eis = BatteryDataset.from_hdf(DATA / 'batch.h5').tables['eis_data']
    return {int(k): (rows['frequency'].to_numpy(), rows['z_real'].to_numpy() + 1j * rows['z_imag'].to_numpy())
            for k, rows in eis.groupby('test_id', sort=True)}


def data_start(f, z):
    """A start from the spectrum alone (the truth is not looked at):

    - R0 = Z' at the highest frequency; total = Z' at the lowest frequency − R0; R1 = R2 = total / 2;
    - n = 0.85 for both CPEs;
    - arc frequencies: the two most prominent maxima of −Z'' (scipy `find_peaks` over the samples, prominence
      ≥ 5 % of max −Z''), the higher-frequency one for arc 1; with one maximum, arc 2 a decade below it; with
      none, arc 1 at the frequency of the largest −Z'' and arc 2 a decade below;
    - Q_i = 1 / (R_i·(2π·f_i)^n), the CPE whose apex (ω·tau = 1) is at f_i;
    - resistances clipped to ≥ 0.1 % of max |Z|.
    """
    order = np.argsort(f)[::-1]
    f, z = f[order], z[order]
    floor = 1e-3 * np.abs(z).max()
    r0 = max(z.real[0], floor)
    total = max(z.real[-1] - r0, 2 * floor)
    r1 = r2 = total / 2
    minus_imag = -z.imag
    found, props = find_peaks(minus_imag, prominence=0.05 * max(minus_imag.max(), floor))
    best = found[np.argsort(props['prominences'])[::-1][:2]]
    if len(best) == 2:
        f1, f2 = sorted(f[best], reverse=True)
    else:
        f1 = f[best[0]] if len(best) == 1 else f[np.argmax(minus_imag)]
        f2 = f1 / 10
    q = lambda r, fk: 1 / (r * (2 * np.pi * fk) ** START_N)
    return dict(R0=r0, R1=r1, CPE1_Q=q(r1, f1), CPE1_n=START_N, R2=r2, CPE2_Q=q(r2, f2), CPE2_n=START_N)


def make_starts(batch):
    starts = pd.DataFrame([dict(spectrum=k, **data_start(f, z)) for k, (f, z) in batch.items()])
    starts.to_csv(DATA / 'starts.csv', index=False, float_format='%.17g')


def input_hash(f, z, start):
    import impedance
    import scipy
    h = hashlib.sha256(f'{CIRCUIT}|weight_by_modulus=True|impedance {impedance.__version__}|'
                       f'scipy {scipy.__version__}'.encode())
    for array in (f, z.real, z.imag, np.asarray(start, float)):
        h.update(np.ascontiguousarray(array, dtype='<f8').tobytes())
    return h.hexdigest()[:16]


def fit_one(job):
    """One impedance.py fit, timed in the process that runs it."""
    spectrum, f, z, start = job
    from impedance.models.circuits import CustomCircuit
    row = dict(spectrum=spectrum, input_hash=input_hash(f, z, start))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # "covariance could not be estimated" and the like
        began = time.perf_counter()
        try:
            fitted = CustomCircuit(CIRCUIT, initial_guess=list(start)).fit(f, z, weight_by_modulus=True)
            row.update(zip(PARAMS, fitted.parameters_), error='')
        except Exception as e:  # noqa: BLE001 — any failure of the fit is a failure of the tool
            row.update({p: np.nan for p in PARAMS}, error=f'{type(e).__name__}: {e}'.replace('\n', ' ')[:200])
        row['time_s'] = time.perf_counter() - began
    return row


FIT_TIMEOUT_S = 120


def fit_all(jobs, workers):
    """Each job's row as its fit ends, `workers` fits at a time in worker processes. A fit still running after
    FIT_TIMEOUT_S (impedance.py's fit of one spectrum of this batch ran for over 20 minutes) is stopped and
    recorded as failed, its time as the timeout: a lower bound."""
    context = multiprocessing.get_context('fork')
    remaining = list(jobs)
    while remaining:
        pool = context.Pool(workers)
        try:
            pending = [(job, pool.apply_async(fit_one, (job,))) for job in remaining]
            for position, (job, result) in enumerate(pending):
                try:
                    yield result.get(timeout=FIT_TIMEOUT_S)
                except multiprocessing.TimeoutError:
                    yield dict(spectrum=job[0], input_hash=input_hash(job[1], job[2], job[3]),
                               **{p: np.nan for p in PARAMS}, time_s=float(FIT_TIMEOUT_S),
                               error=f'TimeoutError: no result after {FIT_TIMEOUT_S} s')
                    # The stuck worker is ended with its pool; the fits after it start again in a new one.
                    remaining = [j for j, r in pending[position + 1:] if not r.ready()]
                    done = [r.get() for j, r in pending[position + 1:] if r.ready()]
                    yield from done
                    break
            else:
                remaining = []
        finally:
            pool.terminate()


def impedance_py(batch, starts, limit, refit, workers):
    """impedance.py's fits of the first `limit` spectra (cached per spectrum), with arcs ordered by tau."""
    cache_path = DATA / 'impedance_py.csv'
    cache = {} if refit or not cache_path.exists() else {
        (int(r['spectrum']), r['input_hash']): r for r in pd.read_csv(cache_path, keep_default_na=False,
                                                                        na_values=['']).to_dict('records')}
    ids = sorted(batch)[:limit]
    rows, jobs = {}, []
    for k in ids:
        f, z = batch[k]
        start = starts.loc[k, PARAMS].to_numpy(float)
        hit = cache.get((k, input_hash(f, z, start)))
        if hit is not None:
            rows[k] = hit
        else:
            jobs.append((k, f, z, start))

    def save():
        merged = {**{key[0]: r for key, r in cache.items()}, **rows}  # keep cached spectra beyond the limit
        table = pd.DataFrame([merged[k] for k in sorted(merged)])
        table['error'] = table['error'].fillna('')
        table['workers'] = table.get('workers', pd.Series(1, index=table.index)).fillna(1).astype(int)
        partial = cache_path.with_suffix('.csv.tmp')
        table[['spectrum', 'input_hash', *PARAMS, 'time_s', 'error', 'workers']].to_csv(partial, index=False,
                                                                                        float_format='%.17g')
        partial.replace(cache_path)

    if jobs:
        print(f'impedance.py: fitting {len(jobs)} spectra ({len(rows)} cached) in {workers} process(es)…',
              file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            for n, row in enumerate(fit_all(jobs, workers), 1):
                rows[row['spectrum']] = {**row, 'workers': workers}
                if row['time_s'] > 60:
                    print(f"  spectrum {row['spectrum']} took {row['time_s']:.0f} s{' (stopped)' if row['error'] else ''}",
                          file=sys.stderr, flush=True)
                if n % 25 == 0:  # an interrupted run keeps what it fitted
                    save()
                if n % 100 == 0:
                    print(f'  {n}/{len(jobs)} in {time.perf_counter() - began:.0f} s', file=sys.stderr, flush=True)
        finally:
            save()
    result = pd.DataFrame([rows[k] for k in ids])
    result['error'] = result['error'].fillna('').astype(str)
    result['workers'] = result.get('workers', pd.Series(1, index=result.index)).fillna(1).astype(int)
    return order_arcs(result)


def run_coulomb(binary, initial_from, out, repeats, weight='boukamp'):
    """(best wall time, result table) of `coulomb fit`, or (None, reason) when it cannot be run. `initial_from`:
    False, True (starts.csv) or a CSV path (e.g. truth.csv)."""
    if binary is None or not Path(binary).exists():
        return None, f'no Coulomb binary at {binary}'
    command = [str(binary), 'fit', str(DATA / 'batch.h5'), '--circuit', CIRCUIT, '--weight', weight,
               '--spectra', 'all', '--format', 'csv', '-o', str(out), '--force']
    if initial_from:
        command += ['--initial-from', str(DATA / 'starts.csv') if initial_from is True else str(initial_from)]
    times = []
    for _ in range(repeats):
        out.unlink(missing_ok=True)
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return None, (f'`{" ".join(command)}` failed (exit {done.returncode}' +
                          (f': {" / ".join(tail)}' if tail else '') + ')')
    table = pd.read_csv(out, comment='#', keep_default_na=False, na_values=['', 'nan', 'NaN'])
    missing = [c for c in ['spectrum', *PARAMS, 'error'] if c not in table.columns]
    if missing:
        return None, f'Coulomb output {out} lacks columns {missing}'
    table['error'] = table['error'].fillna('').astype(str)
    return min(times), table


def score(fits, truth):
    """Per fitted spectrum: failed, recovered (all three R within 5 %), well_posed."""
    merged = fits.merge(truth, on='spectrum', suffixes=('', '_true'), how='inner')
    values = merged[PARAMS].apply(pd.to_numeric, errors='coerce')
    failed = (merged['error'].str.strip() != '') | ~np.isfinite(values.to_numpy()).all(axis=1)
    recovered = ~failed
    for r in ['R0', 'R1', 'R2']:
        with np.errstate(all='ignore'):
            recovered &= (np.abs(values[r] - merged[f'{r}_true']) / merged[f'{r}_true'] <= TOLERANCE).fillna(False)
    return pd.DataFrame(dict(spectrum=merged['spectrum'], failed=failed, recovered=recovered,
                             well_posed=merged['well_posed'].astype(bool)))


def stuck(fits, batch, truth):
    """(stuck, not recovered): fits that worked but missed the truth, and how many of them end with a weighted
    residual sum of squares (1/|Z|² weights, impedance.py's model) more than 1 % above the truth's: a local
    minimum, not a spectrum that cannot tell its parameters apart."""
    from impedance.models.circuits.fitting import wrapCircuit
    model = wrapCircuit(CIRCUIT, {})
    merged = fits.merge(truth, on='spectrum', suffixes=('', '_true')).merge(score(fits, truth), on='spectrum')
    misses = merged[~merged['failed'] & ~merged['recovered']]

    def wrss(k, p):
        f, z = batch[int(k)]
        m = np.asarray(model(f, *p))
        return float((((m[:len(f)] - z.real) ** 2 + (m[len(f):] - z.imag) ** 2) / np.abs(z) ** 2).sum())
    count = sum(wrss(r['spectrum'], [float(r[p]) for p in PARAMS]) >
                1.01 * wrss(r['spectrum'], [float(r[f'{p}_true']) for p in PARAMS]) for _, r in misses.iterrows())
    return count, len(misses)


def minimum_reached(binary, truth, repeats):
    """Per weighting (unit, boukamp): the automatic fit against the fit started at the true parameters
    (`--initial-from truth.csv`), by the same binary on the same spectra. Reached: the automatic fit's rss_ohm2 at
    most 1 % above the truth-started one's (+1e-9 Ω²). Prints a Markdown table; returns notes."""
    lines, notes = [], []
    for weight in ['unit', 'boukamp']:
        wall, auto = run_coulomb(binary, False, DATA / f'coulomb_auto_{weight}.csv', repeats, weight)
        _, started = run_coulomb(binary, DATA / 'truth.csv', DATA / f'coulomb_truth_{weight}.csv', 1, weight)
        if wall is None or isinstance(started, str):
            notes.append(f'minimum reached ({weight}): not run ({auto if wall is None else started})')
            continue
        merged = auto.merge(started, on='spectrum', suffixes=('', '_ref')).merge(truth[['spectrum', 'well_posed']],
                                                                                  on='spectrum')
        reached = merged['rss_ohm2'] <= 1.01 * merged['rss_ohm2_ref'] + 1e-9
        flags = lambda c: merged[c].astype(str).str.lower().isin(['true', '1', 'yes']) if c in merged else None
        converged, suspect = flags('converged'), flags('suspect')
        missed_flagged = (f'{int((~reached & (suspect | ~converged)).sum()):,} of {int((~reached).sum()):,}'
                          if suspect is not None else '— (no `suspect` column)')
        everything = pd.Series(True, index=merged.index)
        lines.append(f'| `--weight {weight}` | {fraction(reached, everything)} | '
                     f'{fraction(reached, merged["well_posed"].astype(bool))} | '
                     f'{int((~converged).sum()):,} | {"—" if suspect is None else f"{int(suspect.sum()):,}"} | '
                     f'{missed_flagged} | {ms(wall / len(auto))} |')
    if lines:
        print('\nMinimum reached: the automatic fit (no `--initial-from`) against a fit of the same spectrum started '
              'at the true parameters (`--initial-from Benchmarks/data/eis_batch/truth.csv`), by the same binary. '
              'Reached: rss_ohm2 at most 1 % above the truth-started fit\'s (+1e-9 Ω²). Time: wall clock of the '
              f'automatic run / spectra, best of {repeats}.\n')
        print('| weighting | minimum reached | same, well-posed only | `converged` false | `suspect` | '
              'missed and flagged (suspect or not converged) | wall / spectra |')
        print('|---|---|---|---|---|---|---|')
        print('\n'.join(lines))
    return notes


def fraction(mask, of):
    n = int(of.sum())
    k = int((mask & of).sum())
    return f'{100 * k / n:.1f} % ({k:,}/{n:,})' if n else '—'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--coulomb', default=str(HERE.parent / '.build' / 'release' / 'coulomb'),
                        help="Coulomb's CLI, built with -c release (default: ../.build/release/coulomb)")
    parser.add_argument('--skip-coulomb', action='store_true', help='run impedance.py alone')
    parser.add_argument('--impedance-py-limit', type=int, default=SPECTRA, metavar='N',
                        help='fit only the first N spectra with impedance.py (default: all 1000)')
    parser.add_argument('--workers', type=int, default=1,
                        help='processes for the impedance.py fits (each spectrum is still timed inside its worker; '
                             'check that concurrent fits do not slow each other before trusting the times)')
    parser.add_argument('--refit', action='store_true', help="ignore the cached impedance.py results")
    parser.add_argument('--regenerate', action='store_true', help='remake the batch, truth and starts')
    parser.add_argument('--repeats', type=int, default=3, help='Coulomb CLI runs; the best is kept')
    args = parser.parse_args()
    import impedance

    if args.regenerate or not all((DATA / n).exists() for n in ['batch.h5', 'truth.csv']):
        print('making the batch…', file=sys.stderr, flush=True)
        make_batch()
    batch = read_batch()
    if not (DATA / 'starts.csv').exists():
        make_starts(batch)
    truth = pd.read_csv(DATA / 'truth.csv')
    starts = pd.read_csv(DATA / 'starts.csv').set_index('spectrum')

    ipy = impedance_py(batch, starts, max(0, min(args.impedance_py_limit, len(batch))), args.refit,
                       max(1, args.workers))
    rows = [('impedance.py `CustomCircuit.fit(weight_by_modulus=True)`, common starts', ipy,
             float(np.median(ipy['time_s'])), float(ipy['time_s'].sum()))]
    ipy_mean, ipy_median = float(ipy['time_s'].mean()), float(ipy['time_s'].median())

    notes = []
    if args.skip_coulomb:
        notes.append('Coulomb not run (`--skip-coulomb`).')
    else:
        for label, initial_from, out in [
                ('Coulomb `fit --weight boukamp --initial-from starts.csv`, common starts', True,
                 DATA / 'coulomb_common_starts.csv'),
                ('Coulomb `fit --weight boukamp`, automatic starts', False, DATA / 'coulomb_auto_starts.csv')]:
            wall, table = run_coulomb(args.coulomb, initial_from, out, args.repeats)
            if wall is None:
                print(f'Coulomb: {table}; reporting impedance.py alone.', file=sys.stderr)
                notes.append(f'Coulomb not run: {table}.')
                break
            per = wall / len(table) if len(table) else float('nan')
            rows.append((label, table, per, wall))
            unknown = sorted(set(table['spectrum']) - set(truth['spectrum']))
            if unknown:
                notes.append(f'{label}: {len(unknown)} spectrum ids not in the batch (e.g. {unknown[:3]}), not scored.')
            if 'converged' in table.columns:
                stalled = int((~table['converged'].astype(str).str.lower().isin(['true', '1', 'yes'])).sum())
                notes.append(f'{label}: `converged` false for {stalled:,} spectra (failures only when `error` is set '
                             f'or a parameter is not finite).')

    f = frequencies()
    well = truth['well_posed'].astype(bool)
    print(f'{len(batch):,} synthetic spectra of `{CIRCUIT}`, {len(f)} frequencies each ({f[0] / 1e6:g} MHz → '
          f'{f[-1]:g} Hz, 10 per decade), 1 % noise on Z\' and Z\'\' (× |Z|), seed {SEED}; battdat file '
          f'`Benchmarks/data/eis_batch/batch.h5`. Well-posed spectra (both arc apexes inside the band, '
          f'tau2/tau1 ≥ 10): {int(well.sum()):,} of {len(truth):,}. Both tools weight residuals by 1/|Z| '
          f'(squared weight 1/|Z|²); the common starts are the data heuristic in `data_start` (R0 = Z\'(f_max), '
          f'R1 = R2 = half the rest, n = 0.85, Q from the −Z\'\' maxima). impedance.py {impedance.__version__}, '
          f'one process, each fit timed with perf_counter; Coulomb: wall clock of the whole CLI run (process start, '
          f'reading, all fits, CSV), best of {args.repeats}, divided by the number of spectra. Recovered: R0, R1 '
          f'and R2 all within {TOLERANCE:.0%} of the truth, arcs ordered by tau.\n')
    print('| tool / start | spectra fitted | failures | all three R within 5 % | same, well-posed only | '
          'median per-spectrum fit time (Coulomb: wall / spectra) | total time | '
          'speed-up vs impedance.py per spectrum: means (medians) |')
    print('|---|---|---|---|---|---|---|---|')
    for label, table, per, total in rows:
        s = score(table, truth)
        everything = pd.Series(True, index=s.index)
        speedup = f'{ipy_mean / per:.1f}× ({ipy_median / per:.1f}×)' if per > 0 else '—'
        total_text = f'{total:.1f} s' + (' (sum of fits)' if table is ipy else ' (best wall)')
        print(f'| {label} | {len(table):,} | {int(s["failed"].sum()):,} | {fraction(s["recovered"], everything)} | '
              f'{fraction(s["recovered"], s["well_posed"])} | {ms(per)} | {total_text} | '
              f'{"1.00×" if table is ipy else speedup} |')
    seconds = lambda t: (f'{t:.0f} s' if t >= 10 else f'{t:.2f} s') if t >= 1 else ms(t)
    print(f'\nimpedance.py per spectrum: median {ms(ipy["time_s"].median())}, mean {seconds(ipy_mean)}, '
          f'90th percentile {seconds(ipy["time_s"].quantile(0.9))}, slowest {seconds(ipy["time_s"].max())}'
          + (f' ({int((ipy["workers"] > 1).sum()):,} of them fitted {int(ipy["workers"].max())} at a time in worker '
             f'processes on {os.cpu_count()} cores, each timed inside its worker)'
             if (ipy['workers'] > 1).any() else '')
          + '. Speed-up: impedance.py\'s mean (median) per-spectrum fit time over Coulomb\'s wall / spectra.')
    print('\nFits that worked but missed the truth, and how many of those are stuck in a local minimum (weighted '
          'residual sum of squares more than 1 % above that of the true parameters):\n')
    for label, table, _, _ in rows:
        count, misses = stuck(table, batch, truth)
        print(f'- {label}: {count:,} of {misses:,}')
    if not args.skip_coulomb:
        notes += minimum_reached(args.coulomb, truth, args.repeats)
    failed = ipy[ipy['error'] != '']
    if len(failed):
        print('\nimpedance.py failures: ' + '; '.join(f"spectrum {r.spectrum} after {seconds(r.time_s)}: {r.error}"
                                                     for r in failed.itertuples()))
    for note in notes:
        print(f'\n{note}')


if __name__ == '__main__':
    main()
