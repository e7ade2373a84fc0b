PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
#: Flags of `python -m bench`, e.g. BENCH_ARGS='--sizes 10k' for a quick run.
BENCH_ARGS ?=

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(STAMP_TEST): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@ $(STAMP_RUN)

$(STAMP_BENCH): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[bench]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/ceasefire-kg serve

test: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ceasefire-kg validate
	$(BIN)/pytest -q

# Never part of `test`: builds up to 1M triples and starts peer servers (installs wrk and
# Virtuoso with apt-get when missing and root). Results in bench/results/.
bench: $(STAMP_BENCH)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf build $(VENV)
