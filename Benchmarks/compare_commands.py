"""Two revisions of the `coulomb` CLI end to end on this machine: each command run alternately with the release
binary of a base revision and of this one, so that load falls on both alike; the best wall time of each.

    python3 Benchmarks/compare_commands.py --base BASE/.build/release/coulomb --new .build/release/coulomb [--rounds 3]

BASE is a worktree of the base revision (`git worktree add ../base COMMIT`) with `swift build -c release
--product coulomb` run in it. The data are the benchmarks' own (`make bench` writes them to Benchmarks/data/) and
the fixtures (the batch sets are copied from them as `compare_batch.py` copies them); run from the repository
root with the project's venv. Prints a Markdown table."""
import argparse
import os
import subprocess
import tempfile
import time

from benchutil import run_conditions
from compare_batch import FIXTURES, copies

REPORT = os.path.join(tempfile.gettempdir(), 'coulomb-compare-commands.html')
CASES = {
    "fit 'R0-p(R1,CPE1)-p(R2,CPE2)', 400 spectra": ['fit', 'Benchmarks/data/eis_batch/batch.h5', '--circuit',
                                                   'R0-p(R1,CPE1)-p(R2,CPE2)', '--spectra', '0-399', '--format', 'csv'],
    'drt, 400 spectra': ['drt', 'Benchmarks/data/eis_batch/batch.h5', '--spectra', '0-399', '--format', 'csv'],
    'cycles, 160-cycle Si half cell': ['cycles', 'Benchmarks/data/dqdv_si_half_160cycles_v1.h5', '--format', 'csv'],
    'dqdv, 160-cycle Si half cell': ['dqdv', 'Benchmarks/data/dqdv_si_half_160cycles_v1.h5', '--format', 'csv'],
    'info --format json, 160-cycle Si half cell': ['info', 'Benchmarks/data/dqdv_si_half_160cycles_v1.h5', '--format',
                                                   'json'],
    'report, Si half cell': ['report', 'Fixtures/hdf5_columns/si_half_cell.h5', '-o', REPORT, '--force'],
    'batch, 200 cellpy files': ['batch', 'Benchmarks/data/batch/cellpy/*.h5', '--format', 'csv'],
    'batch, 200 ccd files': ['batch', 'Benchmarks/data/batch/ccd/*.h5', '--analyses', 'ccd', '--format', 'csv'],
    'batch --analyses fit, 40 spectra files': ['batch', 'Benchmarks/data/batch/eis/*.h5', '--analyses', 'fit',
                                               '--circuit', 'R0-p(R1,CPE1)', '--format', 'csv'],
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--base', required=True)
    parser.add_argument('--new', required=True)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    conditions = run_conditions()
    # The batch sets, as compare_batch.py makes them.
    copies('cellpy', [FIXTURES / 'formats' / 'cellpy_rate_cut.h5'], 200)
    copies('ccd', sorted((FIXTURES / 'symmetric').glob('ccd_*.h5')), 200)
    copies('eis', [FIXTURES / 'impedance' / 'arrhenius_spectra.h5'], 40)
    best = {name: {'base': float('inf'), 'new': float('inf')} for name in CASES}
    failed = set()
    for r in range(args.rounds):
        for name, command in CASES.items():
            order = (('base', args.base), ('new', args.new))
            for label, binary in order if r % 2 == 0 else reversed(order):
                start = time.perf_counter()
                done = subprocess.run([binary] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - start
                if done.returncode not in (0, 1):  # 1: the run reported a bad item and went on
                    failed.add((name, label))
                best[name][label] = min(best[name][label], elapsed)
    print('| command | base | new | new / base |')
    print('|---|---:|---:|---:|')
    for name, times in best.items():
        labels = sorted(label for case, label in failed if case == name)
        note = f" (failed: {', '.join(labels)})" if labels else ''
        print(f"| `{name}`{note} | {times['base']:.3f} s | {times['new']:.3f} s | {times['new'] / times['base']:.2f} |")
    print(f'\n{conditions}; best of {args.rounds}, the two binaries alternating.')


if __name__ == '__main__':
    main()
