# Coulomb: the two set-up commands are `make demo` and `make test`; both install what is missing first.
SWIFT ?= swift
# Python tools live in the project's own environment, made by scripts/install-deps.sh.
PYTHON ?= $(CURDIR)/.venv/bin/python
DEMO_FILE ?= Fixtures/hdf5_columns/si_half_cell.h5
DEMO_EIS ?= Fixtures/battdat/eis_spectra.h5

.PHONY: deps python-deps cellpy-deps report-deps pyimpspec-deps slurm-deps build demo test docs roundtrip report-check cluster-check fixtures eis-fixtures bench

deps:
	@scripts/install-deps.sh

python-deps:
	@scripts/install-deps.sh --python

cellpy-deps:
	@scripts/install-deps.sh --cellpy

report-deps:
	@scripts/install-deps.sh --report

pyimpspec-deps:
	@scripts/install-deps.sh --pyimpspec

slurm-deps:
	@scripts/install-deps.sh --slurm

build: deps
	$(SWIFT) build

## Run coulomb on bundled examples: a (simulated) Si half cell, three cycles, with its HTML report; three real spectra of dummy circuits.
demo: deps
	$(SWIFT) build --product coulomb
	@$$($(SWIFT) build --show-bin-path)/coulomb info $(DEMO_FILE) --format table
	@$$($(SWIFT) build --show-bin-path)/coulomb cycles $(DEMO_FILE) --format table
	@$$($(SWIFT) build --show-bin-path)/coulomb dqdv $(DEMO_FILE) --peaks --format table
	@$$($(SWIFT) build --show-bin-path)/coulomb fit $(DEMO_EIS) --circuit 'R0-p(R1,C1)' --spectra 1-3 --format table
	@mkdir -p .build/demo
	@$$($(SWIFT) build --show-bin-path)/coulomb report $(DEMO_FILE) -o .build/demo/report.html --force

## Run the test suite (Swift Testing; needs no Python).
test: deps
	$(SWIFT) test

## The DocC catalogs of the library targets, built with warnings as errors (a broken symbol link fails).
docs: deps
	@for target in CoulombCore CoulombIO CoulombPlot CoulombReport HDF5; do \
	  $(SWIFT) package --disable-sandbox generate-documentation --target $$target --warnings-as-errors || exit 1; \
	done

## Coulomb writes battdat files; battdat, pandas and h5py read them back with equal values.
roundtrip: build python-deps
	$(PYTHON) Fixtures/check_roundtrip.py --coulomb "$$($(SWIFT) build --show-bin-path)/coulomb"

## coulomb report's pages rendered by headless Chromium: not blank, every figure drawn, every table filled.
report-check: build report-deps
	$(PYTHON) Fixtures/check_report.py --coulomb "$$($(SWIFT) build --show-bin-path)/coulomb"

## `coulomb batch` as a 4-task Slurm job array and its merge on a real single-node Slurm started for the check (apt
## installs slurmctld, slurmd, slurm-client and munge when missing): equal to one unsharded run, also after a task is
## killed partway and requeued with --resume. See scripts/slurm-cluster.sh.
cluster-check: build python-deps slurm-deps
	scripts/slurm-cluster.sh "$$($(SWIFT) build --show-bin-path)/coulomb" $(PYTHON)

## Re-make the committed fixtures from ../shared/data with battdat, h5py, impedance.py, cellpy, galvani, hdf5storage, pandas, mdbtools, openpyxl and odfpy.
fixtures: cellpy-deps
	$(PYTHON) Fixtures/make_fixtures.py
	$(PYTHON) Fixtures/make_cycling_fixtures.py
	$(PYTHON) Fixtures/make_symmetric_fixtures.py
	$(PYTHON) Fixtures/make_impedance_fixtures.py
	$(PYTHON) Fixtures/make_kk_and_sweep_fixtures.py
	$(PYTHON) Fixtures/make_drt_fixtures.py
	$(PYTHON) Fixtures/make_format_fixtures.py
	$(PYTHON) Fixtures/make_arrhenius_fixture.py
	$(PYTHON) Fixtures/make_export_fixtures.py
	$(PYTHON) Fixtures/make_mpr_fixtures.py
	$(PYTHON) Fixtures/make_res_fixtures.py
	$(PYTHON) Fixtures/make_neware_fixtures.py
	$(PYTHON) Fixtures/make_workbook_fixtures.py
	$(MAKE) eis-fixtures

## Re-make the impedance-format fixtures (Fixtures/eis_formats, Fixtures/impedance_csv) with pyimpspec and pandas.
eis-fixtures: pyimpspec-deps
	$(CURDIR)/.venv-pyimpspec/bin/python Fixtures/make_pyimpspec_fixtures.py
	$(CURDIR)/.venv-pyimpspec/bin/python Fixtures/make_impedance_csv_fixtures.py

## Side-by-side read benchmark against h5py; writes Benchmarks/RESULTS.md.
bench: deps cellpy-deps pyimpspec-deps
	$(MAKE) -C Benchmarks results PYTHON=$(PYTHON) DRT_PYTHON=$(CURDIR)/.venv-pyimpspec/bin/python
