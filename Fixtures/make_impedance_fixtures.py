#!/usr/bin/env python3
"""Real impedance spectra and impedance.py reference fits for Coulomb's EIS tests.

Run from the repository root:  python3 Fixtures/make_impedance_fixtures.py [--shared ../shared/data] [--out Fixtures/impedance]

Writes
  <out>/real_spectra.h5  one battdat file (BatteryDataset.to_hdf), `eis_data` table, one test_id per spectrum
                         (0, 1, 2, ...; test_time = 3600 * test_id), every point of every file in the order the
                         reader returns it. z_imag is Z'' as impedance.py returns it (negative on a capacitive arc).
  <out>/reference.json   per spectrum: the fitted-point rule's counts, impedance.py equivalent-circuit fits
                         (CustomCircuit.fit, default unit weighting and bounds, best of several data-derived
                         starts) in Coulomb's parameter names, and impedance.py's lin-KK test on all points.

Spectra are read by the tools users trust: impedance.py's own readers for its test data (MIT) and galvani for
the battery-data-format BioLogic .mpr (Apache-2.0). Nothing here comes from Coulomb.

Fitted points (Coulomb implements the same rule): order the points by frequency, descending; the inductive tail
is the leading run of points with Z'' > 0 (strictly) from the highest frequency up to, not including, the first
point with Z'' <= 0. The tail is excluded, every other point is fitted (including later points with Z'' > 0).

Deterministic: the same inputs give the same reference.json (the HDF5 bytes carry PyTables time stamps).
"""
import argparse
import itertools
import json
import math
import multiprocessing
import os
import warnings
from pathlib import Path

for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):  # single-threaded BLAS: same sums every run
    os.environ.setdefault(_v, '1')

import numpy as np
import pandas as pd
import scipy

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CIRCUITS = ['R0-p(R1,CPE1)', 'R0-p(R1,CPE1)-W1', 'R0-p(R1,CPE1)-p(R2,CPE2)']
DOC_CIRCUIT = 'R0-p(R1,C1)-p(R2-Wo1,C2)'
DOC_GUESS = [.01, .01, 100, .01, .05, 100, 1]
# impedance.py docs, "Getting started", Step 5 (the table there names Wo1's parameters W1 / W2).
DOC_VALUES = {'R0': 1.65e-2, 'R1': 8.68e-3, 'C1': 3.32, 'R2': 5.39e-3, 'Wo1_R': 6.31e-2, 'Wo1_tau': 2.33e2,
              'C2': 2.20e-1}

IMPEDANCE_PY_FILES = [
    ('exampleData.csv', 'csv'),
    ('exampleDataGamry.DTA', 'gamry'),
    ('exampleDataZPlot.z', 'zplot'),
    ('exampleDataBioLogic.mpt', 'biologic'),
    ('exampleDataAutolab.txt', 'autolab'),
    ('exampleDataCHInstruments.txt', 'chinstruments'),
    ('exampleDataVersaStudio.par', 'versastudio'),
    ('exampleDataPowersuite.txt', 'powersuite'),
    ('exampleDataParstat.txt', 'parstat'),
    ('Circuit1_EIS_1.z', 'zplot'),
    ('Circuit2_EIS_1.z', 'zplot'),
    ('Circuit3_EIS_1.z', 'zplot'),
]
MPR_FILES = ['battery_data_format/PEIS-0.mpr']

ELEMENTS = {
    'R': 'Z = R',
    'C': 'Z = 1/(j w C)',
    'L': 'Z = j w L',
    'CPE': 'Z = 1/(Q (j w)^n); impedance.py CPEk_0 = Q, CPEk_1 = n (bounds 0 <= n <= 1)',
    'W': 'Z = sigma (1 - j)/sqrt(w); impedance.py calls sigma A_w (one parameter, Coulomb name Wk)',
    'Wo': 'Z = R coth(sqrt(j w tau))/sqrt(j w tau) (impedance.py 1.7.1 Wo: finite-space, reflective boundary, '
          'capacitive at low frequency); impedance.py Wok_0 = R, Wok_1 = tau',
}


# ---------------------------------------------------------------------------------------------- reading

def read_spectra(shared: Path):
    """[(source, reader, f, Z, notes)], skipped"""
    from impedance import preprocessing
    found, skipped = [], []
    for name, instrument in IMPEDANCE_PY_FILES:
        source = f'impedance_py/{name}'
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                if instrument == 'csv':
                    f, z = preprocessing.readCSV(str(shared / source))
                    reader = 'impedance.preprocessing.readCSV'
                else:
                    f, z = preprocessing.readFile(str(shared / source), instrument=instrument)
                    reader = f"impedance.preprocessing.readFile(instrument='{instrument}')"
            f = np.asarray(f, dtype=float)
            z = np.asarray(z, dtype=complex)
            if len(f) == 0 or len(f) != len(z) or not (np.all(np.isfinite(f)) and np.all(np.isfinite(z))):
                raise ValueError(f'reader returned {len(f)} frequencies, {len(z)} impedances or non-finite values')
            found.append((source, reader, f, z, {}))
        except Exception as e:  # noqa: BLE001 - any reader failure is recorded, not fatal
            skipped.append(dict(source=source, reader=instrument, error=f'{type(e).__name__}: {e}'))
    for source in MPR_FILES:
        try:
            from galvani import BioLogic
            mpr = BioLogic.MPRfile(str(shared / source))
            d = mpr.data
            f = np.asarray(d['freq/Hz'], dtype=float)
            z = np.asarray(d['Re(Z)/Ohm'], dtype=float) - 1j * np.asarray(d['-Im(Z)/Ohm'], dtype=float)
            # Sign check against the instrument's own phase column: arg(Z) must equal Phase(Z)/deg.
            phase = np.asarray(d['Phase(Z)/deg'], dtype=float)
            dphi = float(np.max(np.abs(np.angle(z, deg=True) - phase)))
            if dphi > 1e-3:
                raise ValueError(f"Z'' sign disagrees with Phase(Z)/deg (max difference {dphi} deg)")
            notes = dict(columns="frequency = freq/Hz, Z' = Re(Z)/Ohm, Z'' = -(-Im(Z)/Ohm); float32 in the file",
                         sign_check=f"arg(Z) matches the file's Phase(Z)/deg within {dphi:.2g} deg; "
                                    f"{int(np.sum(z.imag < 0))} of {len(z)} points have Z'' < 0")
            found.append((source, 'galvani.BioLogic.MPRfile', f, z, notes))
        except Exception as e:  # noqa: BLE001
            skipped.append(dict(source=source, reader='galvani', error=f'{type(e).__name__}: {e}'))
    return found, skipped


def fitted_mask(f, z):
    """True for fitted points, in file order (the rule in the module docstring)."""
    order = np.argsort(-f, kind='stable')
    mask = np.ones(len(f), dtype=bool)
    for i in order:
        if z[i].imag > 0:
            mask[i] = False
        else:
            break
    return mask


# ---------------------------------------------------------------------------------------------- fitting

def coulomb_names(circuit):
    from impedance.models.circuits.fitting import extract_circuit_elements, check_and_eval
    from impedance.models.circuits.elements import get_element_from_name
    names, out = [], []
    for elem in extract_circuit_elements(circuit):
        kind = get_element_from_name(elem)
        k = check_and_eval(kind).num_params
        if k == 1:
            names.append(elem)
            out.append(elem)
        else:
            suffix = {'CPE': ['Q', 'n'], 'Wo': ['R', 'tau']}[kind]
            names += [f'{elem}_{i}' for i in range(k)]
            out += [f'{elem}_{s}' for s in suffix]
    return names, out


def n_params(circuit):
    return len(coulomb_names(circuit)[0])


def fnum(x):
    x = float(x)
    return x if math.isfinite(x) else None


def fit_once(circuit, guess, f, z, **kwargs):
    """Fit with impedance.py; returns (parameters, stderr, rss, warnings) or raises."""
    from impedance.models.circuits import CustomCircuit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        c = CustomCircuit(circuit, initial_guess=list(map(float, guess)))
        c.fit(f, z, **kwargs)
        zfit = c.predict(f)
    p = np.asarray(c.parameters_, dtype=float)
    se = np.asarray(c.conf_, dtype=float)
    rss = float(np.sum(np.abs(z - zfit) ** 2))
    msgs = sorted({f'{w.category.__name__}: {w.message}' for w in caught})
    return p, se, rss, msgs


def full_relative_stderr(circuit, f, p, rss, free):
    """Relative standard errors from the untruncated covariance, numpy only.

    curve_fit's pcov drops singular values below eps * max(shape) * s_max (a pseudo-inverse), so a parameter the
    data cannot see (an arc resistance of 1e9 ohm in parallel with a CPE that already shorts it) gets a tiny
    stderr from conf_. Here J = d[Z', Z'']/d ln p by central differences (step 1e-6) on impedance.py's own model
    function over the parameters not at a bound (those are held there, inf), and
    var(ln p) = s2 * diag(V diag(1/sv^2) V^T) with s2 = RSS/(2N - P), P counting all parameters as curve_fit does."""
    from impedance.models.circuits.fitting import wrapCircuit
    fn = wrapCircuit(circuit, {})
    p = np.asarray(p, dtype=float)
    idx = [i for i in range(len(p)) if free[i]]
    out = [math.inf] * len(p)
    dof = 2 * len(f) - len(p)
    if dof <= 0 or not idx:
        return out
    h = 1e-6
    J = np.empty((2 * len(f), len(idx)))
    with np.errstate(all='ignore'), warnings.catch_warnings():
        warnings.simplefilter('ignore')
        for col, i in enumerate(idx):
            up, dn = p.copy(), p.copy()
            up[i] *= math.exp(h)
            dn[i] *= math.exp(-h)
            J[:, col] = (np.asarray(fn(f, *up)) - np.asarray(fn(f, *dn))) / (2 * h)
        if not np.all(np.isfinite(J)):
            return out
        _, sv, vt = np.linalg.svd(J, full_matrices=False)
        w2 = vt.T ** 2
        var = (rss / dof) * np.sum(np.where(w2 == 0, 0.0, w2 / sv ** 2), axis=1)
    for col, i in enumerate(idx):
        out[i] = float(math.sqrt(var[col])) if math.isfinite(var[col]) else math.inf
    return out


def local_maxima(y):
    return [i for i in range(1, len(y) - 1) if y[i] > y[i - 1] and y[i] >= y[i + 1]]


def starts(circuit, f, z, arc=None):
    """Data-derived initial guesses, in a fixed order. f, z: fitted points sorted by frequency descending.

    arc: the best R0-p(R1,CPE1) parameters, if any; the larger circuits also start from it (with a small
    Warburg, or with a second small arc at low frequency, or with the arc split in two), so that their RSS
    cannot end above the nested circuit's for want of a start."""
    zr, nzi = z.real, -z.imag
    w = 2 * np.pi * f
    scale = float(np.max(np.abs(z)))
    R0 = float(zr[0]) if zr[0] > 0 else max(float(np.min(zr[zr > 0])) if np.any(zr > 0) else 0.0, 1e-6 * scale)
    span = float(np.max(zr) - R0)
    if not span > 0:
        span = 0.1 * scale
    i_apex = int(np.argmax(nzi))
    arcR = [span]
    if nzi[i_apex] > 0 and zr[i_apex] > R0 and 2 * (float(zr[i_apex]) - R0) < 0.9 * span:
        arcR.append(2 * (float(zr[i_apex]) - R0))
    else:
        arcR.append(0.5 * span)
    # candidate apex frequencies: global and first local maximum of -Z'', and a log grid over the fitted range
    fa = [float(f[i_apex])]
    lm = [i for i in local_maxima(nzi) if nzi[i] > 0]
    valley = None  # (R of the first arc, its apex frequency, apex frequency of what follows)
    if lm:
        i1 = lm[0]
        fa.append(float(f[i1]))
        if 2 * (float(zr[i1]) - R0) > 0:
            arcR.append(2 * (float(zr[i1]) - R0))
        # the valley of -Z'' after the first arc: Z' there is about R0 + R1
        if i1 + 2 < len(f):
            iv = i1 + 1 + int(np.argmin(nzi[i1 + 1:]))
            if iv < len(f) - 1 and zr[iv] > R0 and zr[iv] - R0 < span:
                arcR.append(float(zr[iv]) - R0)
                i2 = iv + 1 + int(np.argmax(nzi[iv + 1:]))
                valley = (float(zr[iv]) - R0, float(f[i1]), float(f[i2]))
    arcR = list(dict.fromkeys(arcR))
    lf = np.log10(f)
    grid = [float(10 ** (lf.max() - q * (lf.max() - lf.min()))) for q in (0.15, 0.5, 0.85)]
    fa_all = list(dict.fromkeys(fa + grid))
    ns = [0.8, 0.9]
    k = max(3, min(5, len(f) // 4))
    # Warburg sigma from the low-frequency points: -Z'' = sigma/sqrt(w) and the slope of Z' against 1/sqrt(w)
    sig = []
    s1 = float(np.median(nzi[-k:] * np.sqrt(w[-k:])))
    if s1 > 0:
        sig.append(s1)
    x = 1 / np.sqrt(w[-k:])
    s2 = float(np.polyfit(x, zr[-k:], 1)[0]) if len(set(x)) > 1 else -1.0
    if s2 > 0:
        sig.append(s2)
    if not sig:
        sig.append(0.1 * span * math.sqrt(float(w[-1])))

    def q(R, fap, n):
        return 1.0 / (R * (2 * np.pi * fap) ** n)

    out = []
    if circuit == 'R0-p(R1,CPE1)':
        for R, fap, n in itertools.product(arcR, fa_all, ns):
            out.append([R0, R, q(R, fap, n), n])
    elif circuit == 'R0-p(R1,CPE1)-W1':
        if arc is not None:
            a = [arc['R0'], arc['R1'], arc['CPE1_Q'], arc['CPE1_n']]
            out += [a + [1e-9 * sig[0]]] + [a + [s] for s in sig]
        for R, fap, n, s in itertools.product(arcR, fa_all, ns, sig):
            out.append([R0, R, q(R, fap, n), n, s])
    elif circuit == 'R0-p(R1,CPE1)-p(R2,CPE2)':
        if arc is not None:
            r0, r1, q1, n1 = arc['R0'], arc['R1'], arc['CPE1_Q'], arc['CPE1_n']
            tau = r1 * q1  # tau^n of the single arc
            for frac in (1e-9, 0.05, 0.2):  # a second, small arc at the lowest or the highest frequencies
                r2 = frac * r1
                out.append([r0, r1, q1, n1, r2, q(r2, float(f[-1]), 0.8), 0.8])
                out.append([r0, r1, q1, n1, r2, q(r2, float(f[0]), 0.8), 0.8])
            for split in (0.3, 0.7):  # the arc split in two with the same time constant
                out.append([r0, split * r1, tau / (split * r1), n1, (1 - split) * r1, tau / ((1 - split) * r1), n1])
        if valley is not None:  # first arc up to the valley of -Z'', the second arc for the rest of the span
            R1, f1, f2 = valley
            R2 = max(span - R1, 0.05 * span)
            for n in ns:
                out.append([R0, R1, q(R1, f1, n), n, R2, q(R2, f2, n), n])
        pairs = [(a, b) for a, b in itertools.combinations(sorted(fa_all, reverse=True), 2) if a > b]
        for total, (f1, f2), split, n in itertools.product([span], pairs, (0.2, 0.5, 0.8), ns):
            R1, R2 = split * total, (1 - split) * total
            out.append([R0, R1, q(R1, f1, n), n, R2, q(R2, f2, n), n])
    else:
        raise ValueError(circuit)
    return out


SCREEN_MAXFEV = 1000


def describe_fit(circuit, f, z, guesses, screen=True):
    """Best of the starts by RSS, in Coulomb names.

    With screen, every start is first fitted with curve_fit's maxfev = SCREEN_MAXFEV (impedance.py's default is
    1e5; each evaluation eval()s the circuit string, and a start that wanders can take minutes). curve_fit raises
    when the budget runs out, so a start either fails or returns exactly what the default settings return. The
    best start is then fitted again with impedance.py's defaults and that fit is recorded (checked equal)."""
    imp_names, names = coulomb_names(circuit)
    best, errors = None, []
    kw = dict(maxfev=SCREEN_MAXFEV) if screen else {}
    for g in guesses:
        try:
            p, se, rss, msgs = fit_once(circuit, g, f, z, **kw)
        except Exception as e:  # noqa: BLE001 - recorded
            errors.append(f'{type(e).__name__}: {e}')
            continue
        if not math.isfinite(rss):
            errors.append('non-finite RSS')
            continue
        if best is None or rss < best[3]:
            best = (g, p, se, rss, msgs)
    rec = dict(circuit=circuit, impedance_py_names=dict(zip(names, imp_names)), n_fitted=int(len(f)),
               n_starts=len(guesses), n_failed_starts=len(errors))
    if screen:
        rec['screen_maxfev'] = SCREEN_MAXFEV
    if best is None:
        rec.update(error=errors[0] if errors else 'no start', ok=False)
        return rec
    if screen:  # the recorded fit: impedance.py defaults from the chosen start
        g = best[0]
        try:
            p, se, rss, msgs = fit_once(circuit, g, f, z)
        except Exception as e:  # noqa: BLE001
            rec.update(error=f'{type(e).__name__}: {e}', ok=False)
            return rec
        assert np.array_equal(p, best[1]) and rss == best[3], (circuit, p, best[1])
        best = (g, p, se, rss, msgs)
    g, p, se, rss, msgs = best
    bound = [bool(v <= 1e-9 * abs(g0) or (name.endswith('_n') and v >= 1.0 - 1e-9))
             for name, v, g0 in zip(names, p, g)]
    at_bound = [name for name, b in zip(names, bound) if b]
    rel_full = full_relative_stderr(circuit, f, p, rss, free=[not b for b in bound])
    well = {name: bool(math.isfinite(s) and v != 0 and abs(s / v) < 0.1 and rf < 0.1 and not b)
            for name, v, s, rf, b in zip(names, p, se, rel_full, bound)}
    rec.update(ok=True,
               initial_guess={n: float(v) for n, v in zip(names, g)},
               parameters={n: float(v) for n, v in zip(names, p)},
               stderr={n: fnum(s) for n, s in zip(names, se)},
               rel_stderr_full={n: fnum(x) for n, x in zip(names, rel_full)},
               rss_ohm2=rss,
               well_determined=well,
               at_bound=at_bound,
               warnings=msgs)
    if errors:
        rec['start_errors'] = sorted(set(errors))[:3]
    rec['polished'] = polish(circuit, f, z, names, p, g)
    return rec


def polish(circuit, f, z, names, p, g):
    """Is impedance.py's fit a minimum? scipy least_squares on impedance.py's own model function, started from
    impedance.py's fit, in ln p (CPE n <= 1; |ln p| <= 690, which keeps p finite and positive), x_scale='jac',
    ftol = xtol = gtol = 1e-15, unit weighting.

    curve_fit works in linear parameters: when they span fifteen decades (a CPE Q of 1e-9 beside an R of 1e4) its
    trust region can stop on a flat valley short of the minimum, and restarting it from its own result does not
    move it. In ln p the same model reaches the bottom of the valley. Nothing here comes from Coulomb."""
    from scipy.optimize import least_squares
    from impedance.models.circuits.fitting import wrapCircuit
    fn = wrapCircuit(circuit, {})
    target = np.concatenate([z.real, z.imag])
    # |ln p| <= 690 keeps every value a finite, nonzero float (impedance.py eval()s them as text)
    upper = np.array([0.0 if n.endswith('_n') else 690.0 for n in names])
    x0 = np.clip(np.log(np.maximum(np.asarray(p, dtype=float), 1e-300)), -690.0, upper)

    def residuals(x):
        return np.asarray(fn(f, *np.exp(x))) - target

    with np.errstate(all='ignore'), warnings.catch_warnings():
        warnings.simplefilter('ignore')
        r = least_squares(residuals, x0, bounds=(-690.0, upper), method='trf', x_scale='jac',
                          ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
    q = np.exp(r.x)
    rss = float(np.sum(np.abs(z - (lambda v: v[:len(f)] + 1j * v[len(f):])(np.asarray(fn(f, *q)))) ** 2))
    bound = [bool(v <= 1e-9 * abs(g0) or (name.endswith('_n') and v >= 1.0 - 1e-9))
             for name, v, g0 in zip(names, q, g)]
    rel_full = full_relative_stderr(circuit, f, q, rss, free=[not b for b in bound])
    return dict(method="scipy.optimize.least_squares(trf, x_scale='jac', tolerances 1e-15) in ln p on "
                       "impedance.py's wrapCircuit model, from impedance.py's fit",
                parameters={n: float(v) for n, v in zip(names, q)},
                rss_ohm2=rss,
                rel_stderr_full={n: fnum(x) for n, x in zip(names, rel_full)},
                well_determined={n: bool(v != 0 and rf < 0.1 and not b)
                                 for n, v, rf, b in zip(names, q, rel_full, bound)},
                nfev=int(r.nfev), status=int(r.status))


# ---------------------------------------------------------------------------------------------- lin-KK

def linkk(f, z):
    from impedance.validation import linKK, fit_linKK, get_tc_distribution
    # impedance.py 1.7.1 evaluates its lin-KK model by eval() of a string built from repr() of numpy scalars;
    # numpy 2 writes those as 'np.float64(...)' and the eval raises NameError. numpy's legacy='1.25' print mode
    # restores the plain round-trip float repr, so the values are exactly those impedance.py intends.
    with np.printoptions(legacy='1.25'):
        M, mu, zfit, rr, ri = linKK(f, z, c=0.85, max_M=50, fit_type='complex', add_cap=False)
    ts = get_tc_distribution(f, M)
    elements, mu2 = fit_linKK(f, ts, M, z, 'complex', False)
    assert mu2 == mu
    return dict(M=int(M), mu=float(mu), c=0.85, max_M=50, fit_type='complex', add_cap=False,
                max_abs_resid_real_pct=float(np.max(np.abs(rr)) * 100),
                max_abs_resid_imag_pct=float(np.max(np.abs(ri)) * 100),
                resid_real_pct=[float(x) * 100 for x in rr],
                resid_imag_pct=[float(x) * 100 for x in ri],
                R_ohm=float(elements[0]), R_k_ohm=[float(x) for x in elements[1:-1]], L_H=float(elements[-1]),
                tau_s=[float(x) for x in ts])


def reference_for(job):
    """Fits and lin-KK for one spectrum: (record, log text)."""
    from impedance import preprocessing
    test_id, source, reader, f, z, notes = job
    log = [f'[{test_id}] {source}: {len(f)} points']
    mask = fitted_mask(f, z)
    order = np.argsort(-f, kind='stable')
    order = order[mask[order]]
    ff, zz = f[order], z[order]
    fi, _ = preprocessing.ignoreBelowX(f, z)
    same = bool(np.array_equal(np.flatnonzero(mask), np.flatnonzero(z.imag < 0)))
    assert len(fi) == int(np.sum(z.imag < 0))
    rec = dict(test_id=test_id, source=source, reader=reader, n_points=int(len(f)),
               n_excluded_inductive=int(np.sum(~mask)),
               excluded_indices=[int(i) for i in np.flatnonzero(~mask)],
               n_positive_imag=int(np.sum(z.imag > 0)),
               ignoreBelowX_same_points=same,
               frequency_order='descending' if np.all(np.diff(f) < 0) else
               ('ascending' if np.all(np.diff(f) > 0) else 'unordered'))
    rec.update(notes)
    fits = {}
    for circuit in CIRCUITS:
        arc = fits.get(CIRCUITS[0], {}).get('parameters')
        fits[circuit] = r = describe_fit(circuit, ff, zz, starts(circuit, ff, zz, arc))
        log.append(f'    {circuit:26s} rss={r.get("rss_ohm2")!r} '
                   f'well={[k for k, v in r.get("well_determined", {}).items() if v]} {r.get("error", "")}')
    if source == 'impedance_py/exampleData.csv':
        r = describe_fit(DOC_CIRCUIT, ff, zz, [DOC_GUESS], screen=False)
        r['documented_initial_guess'] = True
        r['documented_values'] = DOC_VALUES
        r['documented_source'] = ("impedance.py docs, Getting started, Step 5 (fit after "
                                  "preprocessing.ignoreBelowX, i.e. only Z'' < 0 points)")
        r['ignoreBelowX_same_points'] = same
        if r['ok']:
            rel = {k: (r['parameters'][k] - v) / v for k, v in DOC_VALUES.items()}
            r['relative_difference_to_documented'] = rel
            r['matches_documented_to_3_significant_digits'] = all(
                float(f'{r["parameters"][k]:.2e}') == v for k, v in DOC_VALUES.items())
            log.append(f'    documented example {DOC_CIRCUIT} (ignoreBelowX gives the same points: {same}):')
            for k, v in DOC_VALUES.items():
                log.append(f'      {k:8s} fit {r["parameters"][k]:.4e}  documented {v:.2e}  rel {rel[k]:+.2%}')
        else:
            log.append(f'    documented example failed: {r.get("error")}')
        fits[DOC_CIRCUIT] = r
    rec['fits'] = fits
    rec['linkk'] = linkk(f, z)
    log.append(f'    linKK M={rec["linkk"]["M"]} mu={rec["linkk"]["mu"]!r}')
    return rec, '\n'.join(log) + '\n'


# ---------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--shared', default=str(REPO.parent / 'shared' / 'data'))
    parser.add_argument('--out', default=str(HERE / 'impedance'))
    parser.add_argument('--jobs', type=int, default=min(4, os.cpu_count() or 1),
                        help='worker processes (one spectrum each); the results do not depend on it')
    args = parser.parse_args()
    shared, out = Path(args.shared).resolve(), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import battdat
    from importlib.metadata import version
    from battdat.data import BatteryDataset
    from battdat.schemas import BatteryMetadata

    found, skipped = read_spectra(shared)

    # ---- HDF5 (every point, reader order)
    rows = []
    for test_id, (source, reader, f, z, _) in enumerate(found):
        rows.append(pd.DataFrame(dict(test_id=test_id, test_time=3600.0 * test_id, frequency=f, z_real=z.real,
                                      z_imag=z.imag, z_mag=np.abs(z), z_phase=np.angle(z, deg=True))))
    eis = pd.concat(rows, ignore_index=True)
    h5 = out / 'real_spectra.h5'
    if h5.exists():
        h5.unlink()
    BatteryDataset.make_cell_dataset(metadata=BatteryMetadata(name='impedance-real-spectra'),
                                     eis_data=eis).to_hdf(h5)

    # ---- reference values (one worker per spectrum; every fit is deterministic, so the pool changes nothing)
    jobs = [(test_id, source, reader, f, z, notes) for test_id, (source, reader, f, z, notes) in enumerate(found)]
    if args.jobs > 1:
        with multiprocessing.get_context('spawn').Pool(args.jobs) as pool:
            results = pool.map(reference_for, jobs, chunksize=1)
    else:
        results = [reference_for(j) for j in jobs]
    spectra = []
    for rec, log in results:
        print(log, end='', flush=True)
        spectra.append(rec)

    reference = dict(
        generated_by='Fixtures/make_impedance_fixtures.py',
        hdf5='real_spectra.h5 (battdat eis_data; test_id i is spectra[i]; test_time = 3600 * test_id s; points in '
             'reader order, frequency not sorted; z_imag = Z\'\' as impedance.py returns it, < 0 capacitive)',
        versions=dict(impedance=version('impedance'), numpy=np.__version__, scipy=scipy.__version__,
                      galvani=version('galvani'), battdat=battdat.__version__),
        fitted_point_rule=("Order the points by frequency, descending. The inductive tail is the leading run of "
                           "points with Z'' > 0 (strictly) starting at the highest frequency, up to but not "
                           "including the first point with Z'' <= 0. Those points are excluded; every other point "
                           "is fitted, including later points with Z'' > 0."),
        fit_method=("impedance.models.circuits.CustomCircuit(circuit, initial_guess).fit(f, Z) on the fitted points "
                    "sorted by frequency descending: scipy curve_fit (trf), unit weighting on stacked [Z', Z''], "
                    "default bounds 0 <= p < inf and CPE n <= 1, ftol 1e-13, maxfev 1e5. Several data-derived "
                    "starts (R0 = Z' at the highest fitted frequency, arc R from the span of Z', twice the "
                    "apex Z' - R0 (global and first local -Z'' maximum) or Z' at the following -Z'' valley - R0, CPE Q = 1/(R (2 pi f_apex)^n) with n 0.8 and 0.9 and f_apex from the -Z'' "
                    "maximum and a log grid, W sigma from -Z'' sqrt(w) and the Z' vs 1/sqrt(w) slope at the "
                    "lowest frequencies, R1/R2 splits 0.2, 0.5, 0.8 of the span; for the W and two-arc circuits also the best "
                    "R0-p(R1,CPE1) fit plus a small W, a small second arc, or that arc split in two); the lowest "
                    "RSS is kept. Starts are screened with maxfev = 1000 (curve_fit raises past it; such starts count "
                    "as failed starts) and the chosen start is re-fitted with impedance.py's defaults, which is the "
                    "recorded fit (identical to the screened one). "
                    "rss_ohm2 = sum over fitted points of |Z - predict(f)|^2 (numpy). stderr = impedance.py conf_ "
                    "(sqrt diag of curve_fit's pcov; null when not finite). curve_fit's pcov is a truncated "
                    "pseudo-inverse, so a parameter the data cannot see gets a tiny stderr; rel_stderr_full is the "
                    "untruncated relative stderr (stderr of ln p) from numpy: J = d[Z', Z'']/d ln p by central "
                    "differences (step 1e-6) on impedance.py's model, var = RSS/(2N - P) * diag(V S^-2 V^T) from "
                    "the SVD of J over the parameters not at a bound (null when not finite or at a bound). at_bound: value <= 1e-9 * |its start| (the lower bound "
                    "0; trf never reaches it exactly) or CPE n >= 1 - 1e-9. well_determined = |stderr/value| < "
                    "0.1 and rel_stderr_full < 0.1 and not at_bound."),
        polish_method=("fits[circuit].polished: scipy.optimize.least_squares (trf, x_scale='jac', ftol = xtol = "
                       "gtol = 1e-15) in ln p on impedance.py's own model (wrapCircuit), started from the recorded "
                       "CustomCircuit.fit; checks whether that fit is the minimum (curve_fit in linear parameters can "
                       "stop short on a flat valley). well_determined there: rel_stderr_full < 0.1, nonzero, not at a "
                       "bound."),
        parameter_names=("Coulomb names: single-parameter elements use the label (R0, C1, W1); CPEk_Q, CPEk_n = "
                         "impedance.py CPEk_0, CPEk_1; Wok_R, Wok_tau = impedance.py Wok_0, Wok_1; impedance.py's W "
                         "A_w is Coulomb's W1 (sigma)"),
        elements=ELEMENTS,
        linkk_method=("impedance.validation.linKK(f, Z, c=0.85, max_M=50, fit_type='complex', add_cap=False) on all "
                      "points: series R + M RC elements R_k/(1 + j w tau_k) + series L, fitted linearly with every "
                      "row divided by |Z|; tau log-spaced from 1/(2 pi f_max) to 1/(2 pi f_min) (for M = 1 the "
                      "single tau is 1/(2 pi f_min)); M counts up from 1 until mu = 1 - sum|R_k<0|/sum|R_k>=0| "
                      "<= 0.85 or M = 50. Residuals (Z - Z_fit)/|Z| in percent, file point order. R_ohm, R_k_ohm, "
                      "L_H, tau_s are the final model (impedance.validation.fit_linKK). impedance.py 1.7.1's linKK fails under "
                      "numpy 2 (it eval()s a string holding repr(np.float64) -> NameError 'np'; ECSHackWeek/impedance.py "
                      "issue #296); it is run inside numpy.printoptions(legacy='1.25'), which restores the plain float repr (round-trip exact)."),
        spectra=spectra,
        skipped=skipped,
    )
    text = json.dumps(reference, indent=1, allow_nan=False) + '\n'
    (out / 'reference.json').write_text(text)

    # ---- read back
    back = BatteryDataset.from_hdf(h5)
    e = back.tables['eis_data']
    assert len(e) == len(eis) and np.array_equal(e['z_imag'].to_numpy(), eis['z_imag'].to_numpy())
    assert np.array_equal(e['frequency'].to_numpy(), eis['frequency'].to_numpy())
    import h5py
    with h5py.File(h5, 'r') as hf:
        assert 'eis_data' in hf
    print(f'wrote {h5} ({len(eis)} points, {len(found)} spectra) and {out / "reference.json"} '
          f'({len(text)} bytes); skipped {len(skipped)}')


if __name__ == '__main__':
    main()
