#!/usr/bin/env python3
"""Reading 50 million float64 values: Coulomb's HDF5 layer against h5py, same file, same run.

    python3 compare_read.py --bench .build/release/read-bench [--values 50000000] [--repeats 5]

Writes the file with h5py (once; kept under Benchmarks/data/), times h5py's `ds[...]` (fresh array) and
`ds.read_direct(buf)` (reused buffer), runs Coulomb's `read-bench` on the same datasets, and prints a
Markdown table. The file is read once before timing so both tools read from the page cache.
"""
import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import h5py
import numpy as np

from benchutil import machine, warm_page_cache

HERE = Path(__file__).resolve().parent


def make_file(path: Path, n: int):
    if path.exists():
        with h5py.File(path, 'r') as f:
            if f['contiguous'].shape == (n,):
                return
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261121)
    # A smooth signal with noise, like a voltage trace: compresses as real data does, not as zeros.
    values = 3.7 + 0.3 * np.sin(np.arange(n) * 1e-5) + rng.normal(0, 1e-4, n)
    with h5py.File(path, 'w') as f:
        f.create_dataset('contiguous', data=values)
        f.create_dataset('chunked_deflate', data=values, chunks=(1 << 17,), shuffle=True, compression='gzip',
                         compression_opts=4)


def time_h5py(path: Path, name: str, repeats: int):
    with h5py.File(path, 'r') as f:
        ds = f[name]
        fresh = []
        for _ in range(repeats):
            start = time.perf_counter()
            values = ds[...]
            fresh.append(time.perf_counter() - start)
            del values
        buffer = np.empty(ds.shape, dtype=np.float64)
        buffer.fill(0)
        reused = []
        for _ in range(repeats):
            start = time.perf_counter()
            ds.read_direct(buffer)
            reused.append(time.perf_counter() - start)
    return [dict(tool='h5py', dataset=name, case='fresh', best_s=min(fresh), median_s=statistics.median(fresh)),
            dict(tool='h5py', dataset=name, case='reused', best_s=min(reused), median_s=statistics.median(reused))]


def time_coulomb(bench: str, path: Path, name: str, repeats: int):
    out = subprocess.run([bench, str(path), name, str(repeats)], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--machine', action='store_true', help='print the machine (CPU, cores, RAM, OS) and exit')
    parser.add_argument('--bench')
    parser.add_argument('--values', type=int, default=50_000_000)
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    if args.machine:
        print(machine())
        return
    if not args.bench:
        parser.error('--bench is required')
    path = HERE / 'data' / f'read_{args.values}.h5'
    make_file(path, args.values)
    warm_page_cache(path)
    rows = []
    for name in ['contiguous', 'chunked_deflate']:
        rows += time_h5py(path, name, args.repeats)
        rows += time_coulomb(args.bench, path, name, args.repeats)
    mb = args.values * 8 / 1e6
    print(f'{args.values:,} float64 values ({mb:.0f} MB), best and median of {args.repeats} reads, file in the page '
          f'cache; h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}).\n')
    print('| dataset | into | h5py best | Coulomb best | h5py median | Coulomb median | Coulomb / h5py (median) |')
    print('|---|---|---|---|---|---|---|')
    for name in ['contiguous', 'chunked_deflate']:
        for case in ['fresh', 'reused']:
            h = next(r for r in rows if r['tool'] == 'h5py' and r['dataset'] == name and r['case'] == case)
            c = next(r for r in rows if r['tool'] == 'coulomb' and r['dataset'] == name and r['case'] == case)
            into = 'fresh array' if case == 'fresh' else 'reused buffer'
            print(f"| {name} | {into} | {h['best_s'] * 1e3:.0f} ms | {c['best_s'] * 1e3:.0f} ms | "
                  f"{h['median_s'] * 1e3:.0f} ms | {c['median_s'] * 1e3:.0f} ms | "
                  f"{h['median_s'] / c['median_s']:.2f}× faster |")


if __name__ == '__main__':
    main()
