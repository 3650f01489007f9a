#!/usr/bin/env bash
# Installs what Coulomb needs to build and test, only if it is missing:
#   system: libhdf5-dev, mdbtools-dev (libmdb, for Arbin .res files) and pkg-config (apt);   with --python: the fixture tools (pip, Fixtures/requirements.txt);
#   Python tools go into the project's own virtual environment, .venv/ (the Makefile's PYTHON), never the system's;
#   with --cellpy: those plus cellpy and galvani (pip, Fixtures/requirements-cellpy.txt) and mdbtools (apt);
#   with --report: chromium and chromium-driver (apt), Selenium and Pillow (pip, Fixtures/requirements-report.txt);
#   with --pyimpspec: pyimpspec and kvxopt (pip, Fixtures/requirements-pyimpspec.txt; the impedance-format fixtures
#   and the DRT benchmark) in an environment of its own,
#   .venv-pyimpspec/, since pyimpspec 5 needs pandas 3 and cellpy needs pandas < 3;
#   with --slurm: slurmctld, slurmd, slurm-client and munge (apt), for `make cluster-check`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists hdf5; then
    echo "installing libhdf5-dev and pkg-config (apt)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libhdf5-dev pkg-config >/dev/null
fi
if ! pkg-config --exists libmdb; then
    echo "installing mdbtools-dev (apt; libmdb reads Arbin .res files)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mdbtools-dev >/dev/null
fi

# The project's virtual environment; made with the system's python3 (python3-venv from apt where it lacks venv).
VENV_PYTHON=.venv/bin/python
make_venv() {
    [ -x "$VENV_PYTHON" ] && return
    echo "making the project's Python environment (.venv)" >&2
    if ! python3 -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv .venv
    fi
}

# --python: what the round trip needs; --cellpy: that plus cellpy, galvani and mdbtools, for the fixture
# scripts and the side-by-side benchmarks.
python_tools() {  # $1: the modules to import, $2: the requirements file
    make_venv
    if ! "$VENV_PYTHON" - <<PY 2>/dev/null
import $1
import pandas
assert int(pandas.__version__.split('.')[0]) < 3
PY
    then
        echo "installing Python tools (pip: $2)" >&2
        "$VENV_PYTHON" -m pip install -q --disable-pip-version-check -r "$2"
    fi
}

# --report: headless Chromium and its WebDriver (apt), Selenium and Pillow (pip), for the report check.
report_tools() {
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        echo "installing chromium and chromium-driver (apt)" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
    fi
    make_venv
    if ! "$VENV_PYTHON" -c 'import selenium, PIL' 2>/dev/null; then
        echo "installing Python tools (pip: Fixtures/requirements-report.txt)" >&2
        "$VENV_PYTHON" -m pip install -q --disable-pip-version-check -r Fixtures/requirements-report.txt
    fi
}

# --pyimpspec: the independent reader of the impedance formats pyimpspec parses (make_pyimpspec_fixtures.py) and
# its DRT (TR-RBF with kvxopt, TR-NNLS) beside Coulomb's in Benchmarks/compare_drt.py.
pyimpspec_tools() {
    if [ ! -x .venv-pyimpspec/bin/python ]; then
        echo "making the pyimpspec environment (.venv-pyimpspec)" >&2
        python3 -m venv .venv-pyimpspec
    fi
    if ! .venv-pyimpspec/bin/python -c 'import pyimpspec, pandas, kvxopt' 2>/dev/null; then
        echo "installing Python tools (pip: Fixtures/requirements-pyimpspec.txt)" >&2
        .venv-pyimpspec/bin/python -m pip install -q --disable-pip-version-check -r Fixtures/requirements-pyimpspec.txt
    fi
}

# --slurm: a Slurm controller, node daemon, client commands and munge, which scripts/slurm-cluster.sh starts.
slurm_tools() {
    local missing=0 tool
    for tool in slurmctld slurmd sbatch munged mungekey; do
        command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing=1
    done
    if [ "$missing" = 1 ]; then
        echo "installing slurmctld, slurmd, slurm-client and munge (apt)" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
    fi
}

case "${1:-}" in
    --python)
        python_tools "battdat, h5py, tables, impedance, openpyxl, odf" Fixtures/requirements.txt
        ;;
    --report)
        report_tools
        ;;
    --pyimpspec)
        pyimpspec_tools
        ;;
    --slurm)
        slurm_tools
        ;;
    --cellpy)
        python_tools "battdat, h5py, tables, impedance, openpyxl, odf, cellpy, galvani, hdf5storage, NewareNDA, pyarrow" Fixtures/requirements-cellpy.txt
        if ! command -v mdb-export >/dev/null 2>&1; then
            echo "installing mdbtools (apt; cellpy reads Arbin .res files with mdb-export)" >&2
            as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mdbtools >/dev/null
        fi
        ;;
esac
