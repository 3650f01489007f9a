"""What the side-by-side benchmark scripts share: the numpy version of per-segment sums, a long Arbin record,
timing, units, the machine."""
import datetime
import os
import platform
import subprocess
import time
from pathlib import Path

import numpy as np


def numpy_segment_sums(t, v, i, starts):
    """Per segment, as a numpy user writes it with `ufunc.reduceat`: charge and discharge capacity (Ah, the
    trapezoid split by the sign of each interval), the same weighted by the interval's mean voltage (Wh),
    and the voltage extremes. Each interval belongs to the segment of its later sample, as in Coulomb."""
    q = np.diff(t) * (i[:-1] + i[1:]) / 2 / 3600
    vm = (v[:-1] + v[1:]) / 2
    positive = np.where(q > 0, q, 0.0)
    negative = np.where(q < 0, -q, 0.0)
    index = np.maximum(starts - 1, 0)
    return dict(charge_Ah=np.add.reduceat(positive, index), discharge_Ah=np.add.reduceat(negative, index),
                charge_Wh=np.add.reduceat(positive * vm, index), discharge_Wh=np.add.reduceat(negative * vm, index),
                min_V=np.minimum.reduceat(v, starts), max_V=np.maximum.reduceat(v, starts))


def timed(repeats, body):
    """The wall-clock time of each of `repeats` runs of `body`, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - start)
    return times, result


def timed_command(repeats, command):
    """The wall-clock time of each of `repeats` runs of a command (its output discarded; it must succeed)."""
    return timed(repeats, lambda: subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                 check=True))[0]


def warm_page_cache(*paths):
    """Reads the files once so every timed run finds them in the page cache."""
    subprocess.run(['cat', *map(str, paths)], stdout=subprocess.DEVNULL, check=True)


def ms(seconds):
    """A duration as people read it: µs below 1 ms, one decimal below 100 ms."""
    if seconds < 1e-3:
        return f'{seconds * 1e6:.0f} µs'
    return f'{seconds * 1e3:.1f} ms' if seconds < 0.1 else f'{seconds * 1e3:.0f} ms'


def machine():
    """The CPU as /proc/cpuinfo names it (with family, model, clock and widest SIMD), cores, RAM and OS."""
    info = {}
    try:
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            key, _, value = line.partition(':')
            info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    cpu = info.get('model name', 'unknown CPU')
    if 'cpu family' in info:
        cpu += f" (family {info['cpu family']}, model {info.get('model', '?')}"
        cpu += f", {float(info['cpu MHz']):.0f} MHz" if 'cpu MHz' in info else ''
        flags = info.get('flags', '').split()
        cpu += ', AVX-512)' if 'avx512f' in flags else ', AVX2)' if 'avx2' in flags else ')'
    memory = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30
    return f'{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.platform()}'


def run_conditions():
    """When and where a section ran, and how busy the machine was as it started: a section refreshed on its own
    (`make -s import-section`) says so itself."""
    return (f'Run on {datetime.date.today().isoformat()}, {machine()}; load average (1 min) '
            f'{os.getloadavg()[0]:.2f} at the start')


def repeated_arbin(copies):
    """The committed Arbin CSV fixture repeated as one long record (a pandas frame): each copy starts 5.0275 s
    (the file's own first interval) after the last, with data points, dates and cycles carried on."""
    import pandas as pd
    one = pd.read_csv(Path(__file__).resolve().parent.parent / 'Fixtures' / 'exports' / 'arbin_example.csv')
    period = one['Test_Time'].iloc[-1] + 5.0275
    cycles = one['Cycle_Index'].max()
    parts = []
    for k in range(copies):
        part = one.copy()
        part['Data_Point'] += k * len(one)
        part['Test_Time'] = (part['Test_Time'] + k * period).round(4)
        part['DateTime'] += int(round(k * period))
        part['Cycle_Index'] += k * cycles
        parts.append(part)
    return pd.concat(parts, ignore_index=True)
