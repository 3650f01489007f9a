"""What the side-by-side benchmark scripts share: the numpy version of per-segment sums, timing, units."""
import time

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


def ms(seconds):
    """A duration as people read it: µs below 1 ms, one decimal below 100 ms."""
    if seconds < 1e-3:
        return f'{seconds * 1e6:.0f} µs'
    return f'{seconds * 1e3:.1f} ms' if seconds < 0.1 else f'{seconds * 1e3:.0f} ms'
