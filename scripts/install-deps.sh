#!/usr/bin/env bash
# Installs what Coulomb needs to build and test, only if it is missing:
#   system: libhdf5-dev and pkg-config (apt);   with --python: the fixture tools (pip, Fixtures/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists hdf5; then
    echo "installing libhdf5-dev and pkg-config (apt)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libhdf5-dev pkg-config >/dev/null
fi

if [ "${1:-}" = "--python" ]; then
    if ! python3 - <<'PY' 2>/dev/null
import battdat, h5py, tables, impedance, pandas
assert int(pandas.__version__.split('.')[0]) < 3
PY
    then
        echo "installing the fixture tools (pip: Fixtures/requirements.txt)" >&2
        python3 -m pip install -q --disable-pip-version-check -r Fixtures/requirements.txt
    fi
fi
