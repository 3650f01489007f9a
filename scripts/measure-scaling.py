#!/usr/bin/env python3
"""The measurements behind docs/SCALING.md: `coulomb batch` throughput per core, as 1 and 2 tasks, and `coulomb merge`.

Usage (from the repository root, with a release build):
    swift build -c release --product coulomb
    .venv/bin/python scripts/measure-scaling.py --coulomb .build/release/coulomb [--work /tmp/coulomb-scaling]

Makes two archives with scripts/make-cluster-archive.py --simulated-only: cycling (cycled and symmetric cells, 600
files) and impedance (500 files of 3–12 spectra, fitted with R0-p(R1,CPE1)), then runs on each
  * 1 task:  one `coulomb batch --jobs 1`,
  * 2 tasks: `--shard 1/2` and `--shard 2/2` at once, each `--jobs 1`, then `coulomb merge`;
  * 1 task of 2 cores: one `coulomb batch --jobs 2` (files read one at a time, analysed on 2 threads);
and measures wall time, CPU time (user + system, from wait4) and peak resident memory of every process.
Throughput per core is counted per CPU-second, which holds on a machine shared with other work; wall time is
printed beside it with the load average. Last, `coulomb merge` on 10 shards of 20k, 50k and 100k rows each (a
copy of the cycling table with renamed files): time and memory against rows. Prints Markdown tables.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(commands):
    """Starts the commands at once; returns wall seconds and, per process, (CPU seconds, peak RSS in MiB)."""
    start = time.monotonic()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    usage = []
    for p in procs:
        _, status, rusage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        assert p.returncode in (0, 1), (p.args, p.returncode)
        usage.append((rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss / 1024))
    return time.monotonic() - start, usage


def table_stats(path):
    rows = list(csv.DictReader(line for line in open(path, newline='') if not line.startswith('#')))
    return dict(cells=len(rows), files=len({r['file'] for r in rows}),
                samples=sum(int(r['rows'] or 0) for r in rows), spectra=sum(int(r['spectra'] or 0) for r in rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--coulomb', required=True)
    parser.add_argument('--work', type=Path, default=Path('/tmp/coulomb-scaling'))
    parser.add_argument('--cycling-files', type=int, default=600)
    parser.add_argument('--impedance-files', type=int, default=500)
    args = parser.parse_args()
    coulomb = str(Path(args.coulomb).resolve())
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    archives = {
        'cycling': (args.cycling_files, 'cycling,symmetric', []),
        'impedance': (args.impedance_files, 'impedance', ['--circuit', 'R0-p(R1,CPE1)']),
    }
    print(f'machine: {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}\n')
    print('| archive | tasks | files | cells | samples | spectra | wall s | CPU s | files/CPU-s | cells/CPU-s | '
          'samples/CPU-s | spectra/CPU-s | peak RSS/task MiB | table bytes/cell | journal bytes/file | merge s | load |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    cycling_table = None
    for name, (count, kinds, extra) in archives.items():
        folder = args.work / name
        subprocess.run([sys.executable, str(ROOT / 'scripts/make-cluster-archive.py'), str(folder), '--files', str(count),
                        '--kinds', kinds, '--simulated-only'], check=True, stdout=subprocess.DEVNULL)
        files = str(folder / 'files.txt')
        base = [coulomb, 'batch', '--files-from', files, '--jobs', '1', '--force'] + extra
        one = str(args.work / f'{name}-1.csv')
        wall, usage = run([base + ['-o', one]])
        stats = table_stats(one)
        if name == 'cycling':
            cycling_table = one
        report(name, '1', stats, wall, usage, one, None)
        wall, usage = run([[coulomb, 'batch', '--files-from', files, '--jobs', '2', '--force'] + extra + ['-o', one]])
        report(name, '1 (--jobs 2)', stats, wall, usage, one, None)
        shards = [str(args.work / f'{name}-2-{k}.csv') for k in (1, 2)]
        wall, usage = run([base + ['--shard', f'{k}/2', '-o', s] for k, s in zip((1, 2), shards)])
        merged = str(args.work / f'{name}-2.csv')
        merge_wall, _ = run([[coulomb, 'merge'] + shards + ['-o', merged, '--force']])
        assert open(merged, 'rb').read() == open(one, 'rb').read(), f'{name}: the merged shards differ from one run'
        report(name, '2', stats, wall + merge_wall, usage, merged, merge_wall, journals=[s + '.journal' for s in shards])
    merge_scaling(coulomb, cycling_table, args.work)


def report(name, tasks, stats, wall, usage, table, merge_wall, journals=None):
    cpu = sum(u[0] for u in usage)
    size = os.path.getsize(table)
    journal = sum(os.path.getsize(j) for j in journals or [table + '.journal'])
    rate = lambda n: f'{n / cpu:,.0f}' if n else '–'
    print(f"| {name} | {tasks} | {stats['files']} | {stats['cells']} | {stats['samples']:,} | {stats['spectra']:,} | "
          f"{wall:.1f} | {cpu:.1f} | {stats['files'] / cpu:.1f} | {stats['cells'] / cpu:.1f} | {rate(stats['samples'])} | "
          f"{rate(stats['spectra'])} | {max(u[1] for u in usage):.0f} | {size / stats['cells']:.0f} | {journal / stats['files']:.0f} | "
          f"{'' if merge_wall is None else f'{merge_wall:.2f}'} | {os.getloadavg()[0]:.1f} |")


def merge_scaling(coulomb, table, work):
    """10 shards of n rows each, built from the cycling table with the file names made unique and sorted."""
    lines = open(table).read().splitlines(keepends=True)
    head = [l for l in lines if l.startswith('#')] + [next(l for l in lines if l.startswith('file,'))]
    body = [l for l in lines if not l.startswith('#') and not l.startswith('file,')]
    print('\n| rows per shard | shards | rows | merge wall s | merge CPU s | peak RSS MiB | µs per row |')
    print('|---|---|---|---|---|---|---|')
    for per_shard in (20_000, 50_000, 100_000):
        paths = []
        for k in range(10):
            path = work / f'merge-{per_shard}-{k}.csv'
            with open(path, 'w') as out:
                out.writelines(head)
                for i in range(per_shard):
                    # file i*10+k goes to shard k, as --shard takes every 10th file; rows sort by the padded number
                    line = body[i % len(body)]
                    out.write(f'f{i * 10 + k:09d}.h5' + line[line.index(','):])
            paths.append(str(path))
        wall, usage = run([[coulomb, 'merge'] + paths + ['-o', str(work / f'merge-{per_shard}.csv'), '--force']])
        rows = per_shard * 10
        print(f'| {per_shard:,} | 10 | {rows:,} | {wall:.2f} | {usage[0][0]:.2f} | {usage[0][1]:.0f} | {wall / rows * 1e6:.1f} |')
        for p in paths:
            os.remove(p)


if __name__ == '__main__':
    main()
