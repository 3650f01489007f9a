#!/usr/bin/env python3
"""Simulated Li|solid-electrolyte|Li symmetric cells under galvanostatic plating/stripping, written as battdat HDF5.

Run from the repository root:  python3 Fixtures/make_symmetric_fixtures.py

Writes `Fixtures/symmetric/*.h5` with battdat's own writer (`BatteryDataset.to_hdf`, zlib level 9) and their
ground truth in `Fixtures/symmetric/truth.json`. Every number in the truth comes from this simulator and numpy,
never from Coulomb. Each file has its own fixed seed (`SEED + spec['seed']`), so runs are reproducible (the HDF5
bytes are not: PyTables stores write times; the values are).

Model (every quantity per file is in `truth.json` under `parameters`)
----------------------------------------------------------------------
Units: j in mA cm⁻², ASR in Ω·cm², A in cm², t in s, q in mAh cm⁻², V in V, I in A.

* Current: a set point, exact and constant within a step. I = s·j·A/1000 with s = +1 for the first half-cycle of
  every pair (I > 0 charges the cell, battdat's convention) and s = −1 for the second. A plating + stripping pair
  is one cycle; `cycle_number` counts them from 0 (battdat's convention). Rests (I = 0) belong to the cycle of
  the half-cycle they follow.
* Protocols:
  - time-limited CCD ramp: levels j_1 < j_2 < …, each for `pairs` pairs of half-cycles of fixed duration d;
    areal capacity per half-cycle q = j·d/3600;
  - capacity-limited CCD ramp: fixed q per half-cycle, so d = 3600·q/j;
  - constant (long-term): one level for many pairs.
  Optional rests of `rest_s` after every half-cycle. The test stops after the last level listed (for failing
  cells the instrument program simply ran on after the failure; it does not stop on a short).
* Plateau overpotential (closed form, T = 298.15 K = 25 °C):
      η_p(j) = j·ASR/1000 + 2·(RT/F)·asinh(j/(2·j0))                        [V]
  with RT/F = 8.314462618·298.15/96485.33212 V = 0.0256926 V. The first term is the Ohmic drop (SE bulk, grain
  boundaries, interphases; ASR in Ω·cm², j/1000 in A cm⁻²). The second is symmetric (α = ½) Butler–Volmer
  charge transfer, j = 2·j0·sinh(F·η/(2RT)) solved for η. It is the form this fixture set was specified with
  and it stands for both Li|SE interfaces together, so j0 here is an effective cell-level exchange current
  density: two identical interfaces of exchange current density j0,i each give 2·(2RT/F)·asinh(j/(2 j0,i)),
  which has the same small-j resistance as the formula above when j0 = j0,i/2 (the two differ by < 1 % of
  the charge-transfer term for j < 0.57·j0 and by 2.9 % at j = j0). Small-j (linear) limit: 2(RT/F)·asinh(j/(2 j0)) ≈ j·(2RT/F)/(2 j0) = j·(RT/F)/j0, i.e. a
  charge-transfer ASR of 1000·(RT/F)/j0 Ω·cm² (25.69 Ω·cm² at j0 = 1 mA cm⁻²).
  In long-term files ASR grows with time: ASR(t) = ASR0 + ΔASR·(t/t_end)^p (see `parameters`).
* Void growth during stripping above a threshold current density j_v (the stripping electrode changes every
  half-cycle, so it applies to every half-cycle, and voids refill on the next plating, so it restarts at 0):
      η_v(t) = κ·max(0, j − j_v)·q(t),   q(t) = j·τ/3600 (areal capacity passed in this half-cycle)
  τ = time since the half-cycle began, κ in V per (mA cm⁻²·mAh cm⁻²).
* Initial jump at each current reversal (nucleation/relaxation overshoot):
      η_n(τ) = a_n·η_p(j)·exp(−τ/τ_n)
* Healthy cell voltage during a half-cycle:  V = s·[η_p(j) + η_v(τ) + η_n(τ)] + noise + spikes.
* Rest after a half-cycle: V = s_prev·r·|V_end|·exp(−τ/τ_r) + noise (|V_end| the noiseless end value).
* Measurement: Gaussian noise N(0, σ), single-sample spikes with probability p_spike per sample and amplitude
  U(a1, a2) of random sign (no spike within 3 samples of a failure onset); sampling every dt·(1 + U(−jit, jit))
  with the first sample of a step 0.05–0.5 s after the step starts and the last one at the step's end; time
  quantised to 2⁻¹⁰ s and voltage to 2⁻²⁰ V (≈0.95 µV, a 24-bit ADC on ±8 V), which also lets zlib compress.
* Failures (each at a target time t* = start of the chosen half-cycle + frac·d; the onset is the first sample with
  t ≥ t*, and that sample already shows the failure):
  - hard short: from the onset on, the cell is a resistor R_s (Ω, not areal): V = I·R_s + noise in every later
    half-cycle, both directions; V = noise during rests; no jumps;
  - sudden drop (partial short through a parallel electronic path): from the onset on the overpotential is
    multiplied by (1 − f) (a drop by the fraction f of the value just before); the cell keeps cycling at that
    reduced overpotential, so the next level's plateau is below the failing level's (overpotential collapse);
  - soft short: from the onset on, (i) the overpotential is capped at η_cap = the noiseless η at the onset sample
    (it stops growing: flat, "rectangular" half-cycles, and later levels are no higher), (ii) recovering dips
    start at the onset and recur as a Poisson process of rate r_dip per hour, each multiplying η by
    1 − D·exp(−(t − t_k)/τ_k), D ~ U(D1, D2), τ_k ~ U(τ1, τ2), (iii) the noise rises:
    σ(t) = σ0·min(g_max, 1 + g·(t − t_on)/3600);
  - long-term hard short with a soft-short precursor: the soft short as above, then the hard short.
* Ground truth (`truth.json`, per file): protocol, levels, half-cycles per level, q per half-cycle, area,
  sampling, ASR, j0, the failure kind, the expected CCD (the last level whose half-cycles all ended before the
  first failure onset; null when the first level fails; for a cell that never fails the last level, a lower
  bound; null for constant-current and single-level files, which are no ramp), the onset level and time, the
  cumulative areal capacity before onset (numpy.trapezoid(|I|·1000/A, t/3600) over the samples up to and
  including the onset sample), per level the closed-form plateau η_p and the chord ASR 1000·η_p/j, per
  half-cycle the noiseless median of |V| over the middle 60 % of its duration (what Coulomb's plateau estimator
  converges to: it includes void growth and the tail of the jump; computed on a 60001-point grid), and the
  ASR_dc expectation:
      small-j limit: dη_p/dj at j → 0 = ASR + 1000·(RT/F)/j0                  [Ω·cm²]
  (asinh x ≈ x, so 2(RT/F)·asinh(j/(2 j0)) ≈ j·(2RT/F)/(2 j0) = j·(RT/F)/j0), and the least-squares slopes of
  the closed-form η_p against j over the low healthy levels without void growth (at most the first four):
  through the origin, Σ j·η_p / Σ j², and with an intercept (numpy.polyfit degree 1). Those are what a linear
  fit of exact plateaus returns; they sit slightly below the small-j limit because asinh is concave.
"""
import json
import math
import shutil
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
from battdat.data import BatteryDataset
from battdat.schemas import BatteryMetadata

HERE = Path(__file__).resolve().parent
OUT = HERE / 'symmetric'
SEED = 20240611

R_GAS, FARADAY, T_K = 8.314462618, 96485.33212, 298.15
RT_F = R_GAS * T_K / FARADAY  # V
TIME_Q, VOLT_Q = 2.0 ** -10, 2.0 ** -20

# Defaults every file starts from (overridden per file).
DEFAULTS = dict(
    protocol='time-limited', half_cycle_s=1800.0, q_mAh_cm2=None, pairs=2, rest_s=0.0,
    dt_s=10.0, jitter=0.05, area_cm2=1.0, asr=100.0, asr_growth=None, j0=1.0,
    void_j=None, void_kappa=0.0, jump_fraction=0.4, jump_tau_s=20.0, rest_residual=0.1, rest_tau_s=60.0,
    sigma_V=0.3e-3, spike_p=5e-4, spike_V=(1e-3, 5e-3), failures=[], step_index=True,
    stack_pressure_MPa=5.0, electrolyte='Li6PS5Cl', area_in_metadata=True, nan_voltage=None,
)


def eta_plateau(j, asr, j0):
    """Closed-form plateau overpotential (V) at current density j (mA cm⁻²)."""
    return np.asarray(j) * asr / 1000.0 + 2.0 * RT_F * np.arcsinh(np.asarray(j) / (2.0 * j0))


def asr_at(spec, t):
    """Ohmic ASR (Ω·cm²) at time t (s)."""
    g = spec['asr_growth']
    if g is None:
        return np.full_like(np.asarray(t, dtype=float), spec['asr'])
    return spec['asr'] + g['delta'] * (np.asarray(t, dtype=float) / g['t_end_s']) ** g['power']


def void_term(spec, j, tau):
    if spec['void_j'] is None or spec['void_kappa'] == 0:
        return np.zeros_like(tau)
    return spec['void_kappa'] * max(0.0, j - spec['void_j']) * (j * tau / 3600.0)


def healthy_eta(spec, j, t0, tau):
    """Noiseless healthy |V| during a half-cycle that started at t0, at times t0 + tau."""
    ep = eta_plateau(j, asr_at(spec, t0 + tau), spec['j0'])
    jump = spec['jump_fraction'] * eta_plateau(j, asr_at(spec, t0), spec['j0']) * np.exp(-tau / spec['jump_tau_s'])
    return ep + void_term(spec, j, tau) + jump


def median_mid60(spec, j, t0, d):
    """Noiseless median of |V| over the middle 60 % of a healthy half-cycle's duration (dense grid)."""
    tau = np.linspace(0.2 * d, 0.8 * d, 60001)
    return float(np.median(healthy_eta(spec, j, t0, tau)))


def build_steps(spec):
    """The protocol: one dict per step (half-cycle or rest), with nominal start and end times."""
    steps, t, half = [], 0.0, 0
    for li, j in enumerate(spec['levels']):
        if spec['protocol'] == 'capacity-limited':
            d = 3600.0 * spec['q_mAh_cm2'] / j
        else:
            d = spec['half_cycle_s']
        for k in range(2 * spec['pairs']):
            sign = 1 if k % 2 == 0 else -1
            steps.append(dict(kind='half', t0=t, t1=t + d, j=j, sign=sign, level=li, half=half, half_in_level=k,
                              cycle=half // 2))
            t += d
            if spec['rest_s'] > 0:
                steps.append(dict(kind='rest', t0=t, t1=t + spec['rest_s'], j=0.0, sign=0, level=li, half=half,
                                  half_in_level=k, cycle=half // 2))
                t += spec['rest_s']
            half += 1
    for n, s in enumerate(steps):
        s['step'] = n
    return steps


def sample_times(rng, t0, t1, dt, jitter):
    """First sample 0.05–0.5 s after the step starts, then every dt·(1 ± jitter), last at the step's end."""
    times = [t0 + rng.uniform(0.05, min(0.5, 0.25 * dt))]
    while True:
        nxt = times[-1] + dt * (1.0 + rng.uniform(-jitter, jitter))
        if nxt > t1 - 0.25 * dt:
            break
        times.append(nxt)
    times.append(t1)
    return np.array(times)


def simulate(spec):
    rng = np.random.default_rng(SEED + spec['seed'])
    steps = build_steps(spec)
    area = spec['area_cm2']

    # Sample times per step, quantised.
    for s in steps:
        s['t'] = np.round(sample_times(rng, s['t0'], s['t1'], spec['dt_s'], spec['jitter']) / TIME_Q) * TIME_Q

    # Failure onsets: the first sample at or after the target time.
    halves = [s for s in steps if s['kind'] == 'half']
    events = []
    for f in spec['failures']:
        s = halves[f['half']]
        target = s['t0'] + f['frac'] * (s['t1'] - s['t0'])
        k = int(np.searchsorted(s['t'], target))
        events.append(dict(f, onset_s=float(s['t'][k]), step=s['step'], half_index=s['half']))
    ev = {e['kind']: e for e in events}

    soft = ev.get('soft_short')
    dips = []
    if soft is not None:
        tk = soft['onset_s']
        t_end = steps[-1]['t1']
        while tk < t_end:
            dips.append((tk, rng.uniform(*soft['dip_depth']), rng.uniform(*soft['dip_tau_s'])))
            tk += rng.exponential(3600.0 / soft['dip_rate_per_h'])
    soft_cap = None

    t_all, v_clean, i_all, cyc, stp, sigma = [], [], [], [], [], []
    prev_end_v = 0.0
    for s in steps:
        t = s['t']
        tau = t - s['t0']
        hard = ev.get('hard_short')
        if s['kind'] == 'half':
            current = s['sign'] * s['j'] * area / 1000.0
            eta = healthy_eta(spec, s['j'], s['t0'], tau)
            if soft is not None:
                if soft_cap is None and s['step'] == soft['step']:
                    soft_cap = float(eta[t >= soft['onset_s']][0])
                if soft_cap is not None:
                    on = t >= soft['onset_s']
                    eta = np.where(on, np.minimum(eta, soft_cap), eta)
                    for (td, depth, dtau) in dips:
                        hit = t >= td
                        eta = np.where(hit, eta * (1.0 - depth * np.exp(-np.maximum(t - td, 0.0) / dtau)), eta)
            drop = ev.get('sudden_drop')
            if drop is not None:
                eta = np.where(t >= drop['onset_s'], eta * (1.0 - drop['fraction']), eta)
            v = s['sign'] * eta
            if hard is not None:
                v = np.where(t >= hard['onset_s'], current * hard['R_ohm'], v)
            cur = np.full(len(t), current)
            prev_end_v = float(v[-1])
        else:
            v = prev_end_v * spec['rest_residual'] * np.exp(-tau / spec['rest_tau_s'])
            if hard is not None:
                v = np.where(t >= hard['onset_s'], 0.0, v)
            cur = np.zeros(len(t))
        sg = np.full(len(t), spec['sigma_V'])
        if soft is not None:
            grow = np.minimum(soft['noise_max'], 1.0 + soft['noise_growth_per_h'] * (t - soft['onset_s']) / 3600.0)
            after_soft = t >= soft['onset_s']
            if hard is not None:
                after_soft &= t < hard['onset_s']
            sg = np.where(after_soft, spec['sigma_V'] * grow, sg)
        t_all.append(t); v_clean.append(v); i_all.append(cur)
        cyc.append(np.full(len(t), s['cycle'])); stp.append(np.full(len(t), s['step'])); sigma.append(sg)

    t = np.concatenate(t_all)
    v0 = np.concatenate(v_clean)
    current = np.concatenate(i_all)
    sigma = np.concatenate(sigma)
    assert np.all(np.diff(t) > 0), 'time must increase'
    noise = rng.normal(0.0, 1.0, len(t)) * sigma
    spikes = rng.random(len(t)) < spec['spike_p']
    for e in events:
        k = int(np.searchsorted(t, e['onset_s']))
        spikes[max(0, k - 3):k + 4] = False
    spike_amp = rng.uniform(*spec['spike_V'], len(t)) * rng.choice([-1.0, 1.0], len(t))
    v = v0 + noise + np.where(spikes, spike_amp, 0.0)
    v = np.round(v / VOLT_Q) * VOLT_Q

    nan_rows = None
    if spec['nan_voltage'] is not None:
        h, frac, count = spec['nan_voltage']
        s = halves[h]
        k = int(np.searchsorted(t, s['t0'] + frac * (s['t1'] - s['t0'])))
        v[k:k + count] = np.nan
        nan_rows = [k, k + count - 1]

    raw = pd.DataFrame(dict(test_time=t, voltage=v, current=current,
                            cycle_number=np.concatenate(cyc).astype(np.int64)))
    if spec['step_index']:
        raw['step_index'] = np.concatenate(stp).astype(np.int64)
    truth = make_truth(spec, steps, events, raw, dips, spikes, soft_cap, nan_rows)
    return raw, truth


def trapz_capacity(raw, area, upto):
    """Areal capacity (mAh cm⁻²) by numpy trapezoid of |I|·1000/A over t/3600, rows 0..upto inclusive."""
    t = raw['test_time'].to_numpy()[:upto + 1] / 3600.0
    j = np.abs(raw['current'].to_numpy()[:upto + 1]) * 1000.0 / area
    trapezoid = getattr(np, 'trapezoid', None) or np.trapz  # numpy < 2 has only trapz (same rule)
    return float(trapezoid(j, t))


def r(x, n=9):
    return None if x is None else float(f'{x:.{n}g}')


def make_truth(spec, steps, events, raw, dips, spikes, soft_cap, nan_rows):
    area, j0 = spec['area_cm2'], spec['j0']
    t = raw['test_time'].to_numpy()
    levels = spec['levels']
    first = min(events, key=lambda e: e['onset_s']) if events else None
    t_first = first['onset_s'] if first else math.inf
    halves = [s for s in steps if s['kind'] == 'half']

    half_rows = []
    for s in halves:
        st, en = float(s['t'][0]), float(s['t'][-1])
        d = s['t1'] - s['t0']
        state = 'healthy' if en < t_first else ('failure_onset' if st <= t_first <= en else 'after_failure')
        row = dict(half=s['half'], level_mA_cm2=s['j'], direction=s['sign'], cycle_number=s['cycle'],
                   step_index=s['step'] if spec['step_index'] else None, start_s=st, end_s=en,
                   nominal_duration_s=r(d), nominal_q_mAh_cm2=r(s['j'] * d / 3600.0), state=state,
                   plateau_V=r(float(eta_plateau(s['j'], float(asr_at(spec, s['t0'] + d / 2)), j0))),
                   median_mid60_V=r(median_mid60(spec, s['j'], s['t0'], d)) if state == 'healthy' else None)
        half_rows.append(row)

    level_rows = []
    for li, j in enumerate(levels):
        mine = [h for h in half_rows if h['level_mA_cm2'] == j and halves[h['half']]['level'] == li]
        d = mine[0]['nominal_duration_s']
        healthy = all(h['state'] == 'healthy' for h in mine)
        level_rows.append(dict(
            level_mA_cm2=j, half_cycles=len(mine), half_cycle_s=d, q_mAh_cm2=r(j * d / 3600.0),
            current_A=r(j * area / 1000.0), healthy=healthy,
            plateau_V=r(float(eta_plateau(j, spec['asr'], j0))) if spec['asr_growth'] is None else None,
            chord_asr_ohm_cm2=r(1000.0 * float(eta_plateau(j, spec['asr'], j0)) / j) if spec['asr_growth'] is None else None,
            median_mid60_V=mine[0]['median_mid60_V'] if healthy and spec['asr_growth'] is None else None,
            void_growth=spec['void_j'] is not None and spec['void_kappa'] > 0 and j > spec['void_j']))

    ccd = None
    onset_level = None
    if first is not None:
        onset_level_index = halves[first['half_index']]['level']
        onset_level = levels[onset_level_index]
        ccd = levels[onset_level_index - 1] if onset_level_index > 0 else None
    elif len(levels) >= 2:
        ccd = levels[-1]
    if spec['protocol'] == 'constant' or len(levels) < 2:
        ccd = None  # no ramp, no CCD

    # ASR_dc: closed form plateaus on the low healthy levels (no void growth), at most the first four.
    low = [lv['level_mA_cm2'] for lv in level_rows if lv['healthy'] and not lv['void_growth']][:4]
    asr_dc = dict(small_j_limit_ohm_cm2=r(spec['asr'] + 1000.0 * RT_F / j0),
                  ohmic_ohm_cm2=spec['asr'], charge_transfer_linearised_ohm_cm2=r(1000.0 * RT_F / j0))
    if len(low) >= 2 and spec['asr_growth'] is None:
        x = np.array(low)
        y = eta_plateau(x, spec['asr'], j0)
        slope0 = float(np.sum(x * y) / np.sum(x * x))
        slope, icpt = np.polyfit(x, y, 1)
        asr_dc.update(fit_levels_mA_cm2=low, lsq_through_origin_ohm_cm2=r(1000.0 * slope0),
                      lsq_slope_ohm_cm2=r(1000.0 * float(slope)), lsq_intercept_V=r(float(icpt)))

    failure = dict(kind='none')
    if first is not None:
        hard = next((e for e in events if e['kind'] == 'hard_short'), None)
        main = hard if hard is not None else first
        k = int(np.searchsorted(t, main['onset_s']))
        s = halves[main['half_index']]
        failure = dict(kind=main['kind'], onset_level_mA_cm2=levels[s['level']], onset_time_s=main['onset_s'],
                       onset_row=k, onset_half=main['half_index'], onset_cycle=s['cycle'], onset_direction=s['sign'],
                       onset_half_in_level=s['half_in_level'],
                       cumulative_q_before_onset_mAh_cm2=r(trapz_capacity(raw, area, k), 12))
        if main['kind'] == 'hard_short':
            failure['short_resistance_ohm'] = main['R_ohm']
        if main['kind'] == 'sudden_drop':
            failure['drop_fraction'] = main['fraction']
        soft = next((e for e in events if e['kind'] == 'soft_short'), None)
        if soft is not None:
            ks = int(np.searchsorted(t, soft['onset_s']))
            failure['soft_short'] = dict(
                onset_time_s=soft['onset_s'], onset_row=ks, onset_cycle=halves[soft['half_index']]['cycle'],
                onset_level_mA_cm2=levels[halves[soft['half_index']]['level']],
                cumulative_q_before_onset_mAh_cm2=r(trapz_capacity(raw, area, ks), 12),
                overpotential_cap_V=r(soft_cap),
                dips=[dict(start_s=r(a, 12), depth=r(b, 4), recovery_tau_s=r(c, 4)) for a, b, c in dips])
        if hard is not None:
            failure['hard_short_time_s'] = hard['onset_s']
            failure['hard_short_cycle'] = s['cycle']
        failure['first_anomaly_time_s'] = first['onset_s']

    params = {k: spec[k] for k in ['asr', 'asr_growth', 'j0', 'void_j', 'void_kappa', 'jump_fraction', 'jump_tau_s',
                                   'rest_residual', 'rest_tau_s', 'sigma_V', 'spike_p', 'spike_V', 'jitter']}
    params.update(T_K=T_K, RT_F_V=r(RT_F, 12), seed=SEED + spec['seed'], time_quantum_s=TIME_Q, voltage_quantum_V=VOLT_Q)
    for e in spec['failures']:
        params[e['kind']] = {k: v for k, v in e.items() if k != 'kind'}

    truth = dict(
        description=spec['description'], name=spec['name'], protocol=spec['protocol'], levels_mA_cm2=levels,
        stack_pressure_MPa=spec['stack_pressure_MPa'], temperature_C=25.0,
        half_cycles_per_level=2 * spec['pairs'], q_per_half_cycle_mAh_cm2=(spec['q_mAh_cm2'] if spec['protocol'] == 'capacity-limited' else
                                  r(levels[0] * spec['half_cycle_s'] / 3600.0) if spec['protocol'] == 'constant' else None),
        half_cycle_s=spec['half_cycle_s'] if spec['protocol'] != 'capacity-limited' else None,
        rest_s=spec['rest_s'], area_cm2=area if spec['area_in_metadata'] else None, simulated_area_cm2=area,
        sampling_s=spec['dt_s'], asr_ohm_cm2=spec['asr'], j0_mA_cm2=j0, has_step_index=spec['step_index'],
        rows=len(raw), duration_s=float(t[-1]), cycles=int(raw['cycle_number'].max()) + 1,
        failure=failure, ccd_expected_mA_cm2=ccd, ccd_is_lower_bound=first is None and ccd is not None,
        onset_level_mA_cm2=onset_level, levels=level_rows, asr_dc=asr_dc,
        spikes=dict(count=int(spikes.sum()), times_s=[float(x) for x in t[spikes]]),
        parameters=params,
        half_cycles={k: [h[k] for h in half_rows] for k in half_rows[0]})  # columnar: one list per field
    if nan_rows is not None:
        truth['nan_voltage_rows'] = nan_rows
        truth['nan_voltage_time_s'] = [float(t[nan_rows[0]]), float(t[nan_rows[1]])]
    if spec['asr_growth'] is not None:
        truth['asr_growth'] = dict(formula='ASR(t) = ASR0 + delta*(t/t_end_s)**power', **spec['asr_growth'])
    if 'expected' in spec:
        truth['expected'] = spec['expected']
    return truth


def hard(half, frac, R):
    return dict(kind='hard_short', half=half, frac=frac, R_ohm=R)


SPECS = [
    dict(name='ccd_time_hard_short', seed=1, levels=[0.05, 0.1, 0.2, 0.3, 0.4, 0.5], pairs=1, dt_s=1.0,
         area_cm2=1.0, asr=80.0, j0=1.0, void_j=0.25, void_kappa=0.2, stack_pressure_MPa=5.0,
         failures=[hard(half=9, frac=0.35, R=3.0)],
         description='time-limited CCD ramp, 30 min half-cycles, 1 pair per level, 1 s sampling, 1 cm²; hard short '
                     'in the stripping (negative) half-cycle of 0.4 mA cm⁻², then the 0.5 level runs shorted'),
    dict(name='ccd_capacity_hard_short', seed=2, protocol='capacity-limited', q_mAh_cm2=0.1,
         levels=[0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0], pairs=2, dt_s=30.0, area_cm2=2.0, asr=40.0, j0=2.0,
         void_j=0.5, void_kappa=0.3, sigma_V=0.2e-3, stack_pressure_MPa=10.0, failures=[hard(half=28, frac=0.6, R=2.5)],
         description='capacity-limited CCD ramp, 0.1 mAh cm⁻² per half-cycle, 2 pairs per level, 30 s sampling, '
                     '2 cm²; hard short in the first half-cycle of 0.8 mA cm⁻²'),
    dict(name='ccd_sudden_drop', seed=3, levels=[0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6], pairs=2, dt_s=10.0,
         area_cm2=1.0, asr=120.0, j0=0.8, void_j=0.3, void_kappa=0.25, stack_pressure_MPa=3.0,
         failures=[dict(kind='sudden_drop', half=22, frac=0.55, fraction=0.65)],
         description='time-limited CCD ramp, 30 min half-cycles, 2 pairs per level, 10 s sampling; in the third '
                     'half-cycle of 0.5 mA cm⁻² |V| drops abruptly by 65 % and the cell cycles on at 35 % of its '
                     'overpotential (0.6 level plateau below the 0.5 level: overpotential collapse)'),
    dict(name='ccd_soft_short', seed=4, levels=[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35], pairs=2, dt_s=10.0,
         rest_s=600.0, area_cm2=1.267, asr=150.0, j0=0.6, void_j=0.2, void_kappa=0.2, stack_pressure_MPa=5.0,
         failures=[dict(kind='soft_short', half=17, frac=0.4, dip_rate_per_h=1.5, dip_depth=(0.3, 0.7),
                        dip_tau_s=(15.0, 60.0), noise_growth_per_h=1.0, noise_max=6.0)],
         description='time-limited CCD ramp with 10 min rests, 2 pairs per level, 10 s sampling, 1.267 cm²; soft '
                     'short in the second half-cycle of 0.25 mA cm⁻²: recovering dips, rising noise, '
                     'overpotential capped (flat at 0.3 and 0.35)'),
    dict(name='ccd_no_failure', seed=5, levels=[0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], pairs=2,
         dt_s=30.0, area_cm2=1.0, asr=30.0, j0=2.0, void_j=0.6, void_kappa=0.1, stack_pressure_MPa=5.0,
         description='time-limited CCD ramp to 1.0 mA cm⁻², 2 pairs per level, 30 s sampling; healthy to the '
                     'end (void growth above 0.6 mA cm⁻² makes the rise super-Ohmic, which is no failure)'),
    dict(name='ccd_first_level_failure', seed=6, levels=[0.1, 0.2], pairs=2, dt_s=10.0, area_cm2=1.0, asr=200.0,
         j0=0.5, stack_pressure_MPa=75.0, failures=[hard(half=1, frac=0.3, R=4.0)],
         description='time-limited CCD ramp at 75 MPa; hard short 30 % into the second half-cycle of the first '
                     'level (0.1 mA cm⁻²): no CCD'),
    dict(name='ccd_noisy_healthy', seed=7, levels=[0.05, 0.1, 0.2, 0.3, 0.4, 0.5], pairs=2, dt_s=10.0,
         area_cm2=1.0, asr=200.0, j0=0.5, sigma_V=3e-3, spike_p=5e-3, spike_V=(5e-3, 15e-3),
         stack_pressure_MPa=5.0,
         description='time-limited CCD ramp, σ = 3 mV noise and 0.5 % spikes of 5–15 mV, stationary; healthy'),
    dict(name='ccd_no_step_index', seed=8, levels=[0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2], pairs=1, dt_s=30.0,
         rest_s=300.0, area_cm2=0.5, asr=60.0, j0=1.5, void_j=0.6, void_kappa=0.15, step_index=False,
         stack_pressure_MPa=5.0, failures=[hard(half=10, frac=0.5, R=3.0)],
         description='time-limited CCD ramp with 5 min rests, 1 pair per level, 30 s sampling, 0.5 cm², no '
                     'step_index column; hard short halfway through the first half-cycle of 1.0 mA cm⁻²'),
    dict(name='longterm_hard_short', seed=9, protocol='constant', levels=[0.2], pairs=165, half_cycle_s=3600.0,
         dt_s=60.0, area_cm2=1.0, asr=90.0, asr_growth=dict(delta=20.0, t_end_s=330 * 3600.0, power=1.0), j0=1.0,
         stack_pressure_MPa=5.0, jump_tau_s=60.0,
         failures=[dict(kind='soft_short', half=241, frac=0.3, dip_rate_per_h=0.2, dip_depth=(0.3, 0.6),
                        dip_tau_s=(120.0, 600.0), noise_growth_per_h=0.05, noise_max=4.0),
                   hard(half=287, frac=0.45, R=3.0)],
         description='constant ±0.2 mA cm⁻², 1 h half-cycles (0.2 mAh cm⁻²), 330 h, 60 s sampling; ASR creeps '
                     '90→110 Ω·cm²; soft-short precursor from ~241 h (dips, rising noise, capped overpotential), '
                     'hard short at ~287 h'),
    dict(name='longterm_growing_healthy', seed=10, protocol='constant', levels=[0.25], pairs=200,
         half_cycle_s=3600.0, dt_s=60.0, area_cm2=0.785, asr=50.0,
         asr_growth=dict(delta=100.0, t_end_s=400 * 3600.0, power=0.5), j0=1.0, stack_pressure_MPa=5.0,
         jump_tau_s=60.0,
         description='constant ±0.25 mA cm⁻², 1 h half-cycles, 400 h, 60 s sampling, 0.785 cm²; ASR grows '
                     '50→150 Ω·cm² as √t (interphase growth), overpotential ≈19→44 mV; healthy, must not be flagged'),
    # Bad inputs for error tests.
    dict(name='bad_no_area', seed=11, levels=[0.1, 0.2, 0.3], pairs=1, dt_s=30.0, area_in_metadata=False,
         description='healthy 3-level ramp, but no area anywhere in the metadata (no coulomb.area_cm2, no '
                     'battery electrode area); simulated with 1 cm²',
         expected='error: a symmetric-cell analysis needs an area (mA cm⁻²); supplying --area 1 gives the truth here'),
    dict(name='bad_single_level', seed=12, levels=[0.2], pairs=4, dt_s=30.0,
         description='a single current level, 4 pairs of 30 min half-cycles, healthy',
         expected='no CCD: a ramp needs at least two levels (error or "not a ramp"); half-cycle features are valid'),
    dict(name='bad_never_reverses', seed=13, protocol='never-reverses', levels=[0.1], pairs=1, dt_s=30.0,
         description='+0.1 mA cm⁻² for 2 h, never reversed (one plating step)',
         expected='error: the current never reverses, so there is no plating/stripping pair'),
    dict(name='bad_zero_current', seed=14, protocol='zero-current', levels=[0.0], pairs=1, dt_s=30.0,
         description='2 h at zero current (open circuit), voltage noise around 0 V',
         expected='error: all-zero current'),
    dict(name='bad_nan_voltage', seed=15, levels=[0.1, 0.2, 0.3], pairs=1, dt_s=30.0, nan_voltage=(2, 0.4, 20),
         description='healthy 3-level ramp with 20 rows of NaN voltage in the first half-cycle of 0.2 mA cm⁻² '
                     '(battdat writes and reads NaN)',
         expected='error naming the NaN voltage rows (or, if NaN rows are dropped, the healthy truth)'),
]


def special_raw(spec):
    """The two bad inputs that are not a plating/stripping protocol."""
    rng = np.random.default_rng(SEED + spec['seed'])
    t = np.round(sample_times(rng, 0.0, 7200.0, spec['dt_s'], spec['jitter']) / TIME_Q) * TIME_Q
    if spec['protocol'] == 'never-reverses':
        j = spec['levels'][0]
        v = healthy_eta(spec, j, 0.0, t)
        current = np.full(len(t), j * spec['area_cm2'] / 1000.0)
    else:
        v = np.zeros(len(t))
        current = np.zeros(len(t))
    v = np.round((v + rng.normal(0, spec['sigma_V'], len(t))) / VOLT_Q) * VOLT_Q
    raw = pd.DataFrame(dict(test_time=t, voltage=v, current=current, cycle_number=np.zeros(len(t), dtype=np.int64),
                            step_index=np.zeros(len(t), dtype=np.int64)))
    truth = dict(description=spec['description'], protocol=spec['protocol'], levels_mA_cm2=spec['levels'],
                 area_cm2=spec['area_cm2'], sampling_s=spec['dt_s'], rows=len(raw), duration_s=float(t[-1]),
                 failure=dict(kind='none'), ccd_expected_mA_cm2=None, expected=spec['expected'],
                 asr_ohm_cm2=spec['asr'], j0_mA_cm2=spec['j0'],
                 plateau_V=r(float(eta_plateau(spec['levels'][0], spec['asr'], spec['j0']))) if spec['levels'][0] else None)
    return raw, truth


def write(spec, raw):
    area = spec['area_cm2']
    coulomb = {'cell_type': 'symmetric', 'stack_pressure_MPa': spec['stack_pressure_MPa'], 'temperature_C': 25.0}
    electrode = {'name': 'Li metal'}
    if spec['area_in_metadata']:
        coulomb['area_cm2'] = area
        electrode = {'name': 'Li metal', 'area': area}
    meta = BatteryMetadata(
        name=spec['name'],
        comments=f"Simulated Li|{spec['electrolyte']}|Li symmetric cell (Fixtures/make_symmetric_fixtures.py): "
                 f"{spec['description']}. Current > 0 charges the cell; cycle_number = plating+stripping pair from 0"
                 + ("; step_index increments at every current change and rest" if 'step_index' in raw else ''),
        battery={'anode': dict(electrode), 'cathode': dict(electrode), 'electrolyte': {'name': spec['electrolyte']}},
        coulomb=coulomb)
    path = OUT / f"{spec['name']}.h5"
    BatteryDataset.make_cell_dataset(metadata=meta, raw_data=raw).to_hdf(path, complevel=9, complib='zlib')
    return path


def check(path, spec, raw):
    """battdat reads it back, validates it, and the values are the ones written; the coulomb key survives."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        data = BatteryDataset.from_hdf(path)
    problems = data.validate()
    assert not problems, f'{path.name}: battdat validation: {problems}'
    back = data.tables['raw_data']
    for c in raw.columns:
        assert np.array_equal(back[c].to_numpy(), raw[c].to_numpy(), equal_nan=c == 'voltage'), f'{path.name}: {c}'
    with h5py.File(path, 'r') as f:
        stored = json.loads(f.attrs['metadata'])
    assert stored['coulomb']['cell_type'] == 'symmetric'
    assert ('area_cm2' in stored['coulomb']) == spec['area_in_metadata']


def dumps(x, depth=0):
    """JSON with one key per line, but lists of scalars and small flat objects on one line."""
    flat = lambda v: not isinstance(v, (dict, list))
    pad, inner = ' ' * depth, ' ' * (depth + 1)
    if isinstance(x, list) and all(flat(v) for v in x):
        return json.dumps(x, ensure_ascii=False)
    if isinstance(x, dict) and (not x or all(flat(v) for v in x.values()) and len(x) <= 20 and depth >= 2):
        return json.dumps(x, ensure_ascii=False)
    if isinstance(x, list):
        return '[\n' + ',\n'.join(inner + dumps(v, depth + 1) for v in x) + '\n' + pad + ']'
    if isinstance(x, dict):
        return '{\n' + ',\n'.join(f'{inner}{json.dumps(k)}: {dumps(v, depth + 1)}' for k, v in x.items()) + '\n' + pad + '}'
    return json.dumps(x, ensure_ascii=False)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    truth_all = dict(
        about='Ground truth for Fixtures/symmetric/*.h5, written by make_symmetric_fixtures.py (see its docstring '
              'for the model). Times in s from the start of the test; current densities in mA cm⁻²; areal '
              'capacities in mAh cm⁻²; voltages in V; ASR in Ω·cm². ccd_expected: the last level whose half-cycles '
              'all ended before the first failure onset (null if the first level fails; a lower bound when '
              'nothing fails). onset_time_s: the time of the first sample showing the failure (onset_row its '
              'row). cumulative_q_before_onset: numpy.trapezoid(|I|*1000/A, t/3600) over rows 0..onset_row.',
        RT_F_V=RT_F, T_K=T_K, files={})
    total = 0
    for s in SPECS:
        spec = dict(DEFAULTS, **s)
        if spec['protocol'] in ('never-reverses', 'zero-current'):
            raw, truth = special_raw(spec)
        else:
            raw, truth = simulate(spec)
        path = write(spec, raw)
        check(path, spec, raw)
        size = path.stat().st_size
        total += size
        truth_all['files'][path.name] = truth
        print(f"{path.name:32s} {len(raw):6d} rows {size / 1024:7.1f} kB  failure={truth['failure']['kind']:11s} "
              f"ccd={truth.get('ccd_expected_mA_cm2')}")
    (OUT / 'truth.json').write_text(dumps(truth_all) + '\n')
    print(f'total {total / 1024:.1f} kB; truth.json {(OUT / "truth.json").stat().st_size / 1024:.1f} kB')


if __name__ == '__main__':
    main()
