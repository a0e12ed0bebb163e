# The two commands a new user needs (README.md): `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test browser bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first: 2.13.0 is a CPU build on this machine's disk; a bare range would pull a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/memlora model pull

browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || echo "chromium not installed: the MLflow UI screenshot test will be skipped"

demo: setup
	$(BIN)/memlora demo

test: setup browser
	$(BIN)/python -m pytest

# `make bench`: the quick benchmarks at small sizes, a few minutes on 2 cores. Each prints its machine line
# (cores, load average, torch threads, platform), times ours against its baseline in the same process, prints
# a ratio table and writes JSON under $(BENCH_OUT): registry resolve paths (cold vs cached), consolidation
# (tf-idf vs embedding grouping, 1000 records), the training loop vs a plain PEFT loop (64 examples, 4 steps),
# serving on the real base (slot swap-in vs PEFT, tokens/s vs PEFT and HF, greedy agreement; no scale run), and the
# residual prefix (cached vs prefilled vs the whole profile in the prompt vs adapter alone, tiny model).
# Full-size runs, bench_http, bench_faults, bench_nightly and real_adapters: the scripts with their defaults.
BENCH_OUT ?= /tmp/memlora-bench
bench: setup
	$(BIN)/python benchmarks/bench_registry.py --tenants 5 --repeats 10 --json $(BENCH_OUT)/registry.json
	$(BIN)/python benchmarks/bench_consolidate.py --records 1000 --nochange-tenants 1000 --json $(BENCH_OUT)/consolidate.json
	$(BIN)/python benchmarks/bench_train.py --examples 64 --steps 4 --json $(BENCH_OUT)/train.json
	$(BIN)/python benchmarks/bench_serving.py --tokens 8 --repeats 1 --skip-scale --json $(BENCH_OUT)/serving.json
	$(BIN)/python benchmarks/bench_residual.py --json $(BENCH_OUT)/residual.json
