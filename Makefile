# Every workflow of tight-customers. A fresh machine needs only Python 3.11, pip, venv, Node, npm.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GEN_VENV := .tools/generator
LOWEST_VENV := .tools/lowest
NODE_DIR := .tools/node
NODE_BIN := $(NODE_DIR)/node_modules/.bin
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: help install install-node generate probe-spec check-generated api-report check-api bump lint typing lowest-deps test unit contract demo bench sandbox clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_FLAGS) -e '.[dev]'
	touch $@

install: $(BIN)/.installed  ## create .venv and install the project (editable) with all extras

$(GEN_VENV)/.installed: scripts/generator/requirements.txt
	test -x $(GEN_VENV)/bin/python || $(PYTHON) -m venv $(GEN_VENV)
	$(GEN_VENV)/bin/pip install $(PIP_FLAGS) -r scripts/generator/requirements.txt
	touch $@

$(NODE_DIR)/.installed: scripts/node/package.json scripts/node/package-lock.json
	mkdir -p $(NODE_DIR)
	cp scripts/node/package.json scripts/node/package-lock.json $(NODE_DIR)/
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-node: $(NODE_DIR)/.installed  ## install the pinned Node tools (Redocly CLI, Prism) into .tools/node

generate: $(GEN_VENV)/.installed probe-spec  ## regenerate generated/tight_api from openapi.yaml
	PATH="$(CURDIR)/$(GEN_VENV)/bin:$$PATH" $(GEN_VENV)/bin/python scripts/generate.py --output generated

probe-spec: install  ## copy openapi.yaml into the package (the probe's openapi.json)
	$(BIN)/python scripts/probe_spec.py

check-generated: $(GEN_VENV)/.installed install  ## fail if generated/ differs from what `make generate` writes
	PATH="$(CURDIR)/$(GEN_VENV)/bin:$$PATH" $(GEN_VENV)/bin/python scripts/generate.py --check generated
	$(BIN)/python scripts/probe_spec.py --check

API_REPORT := api/tight_customers.api.txt

api-report: install  ## rewrite the public API report (api/) from the code; review and commit it
	$(BIN)/python scripts/api_report.py --write $(API_REPORT)

check-api: install  ## fail, with the diff, if the public API differs from the committed report
	$(BIN)/python scripts/api_report.py --check $(API_REPORT)

bump: install install-node $(GEN_VENV)/.installed  ## SPEC=new.yaml [ALLOW_BREAKING=1] [DRY_RUN=1] [JSON=report.json]: take a new API version
	@test -n "$(SPEC)" || { echo "usage: make bump SPEC=path/to/new.yaml [ALLOW_BREAKING=1] [DRY_RUN=1] [JSON=report.json]"; exit 2; }
	@# make turns every failing exit code into 2: say which one scripts/bump.py gave.
	$(BIN)/python scripts/bump.py --spec "$(SPEC)" $(if $(ALLOW_BREAKING),--allow-breaking) $(if $(DRY_RUN),--dry-run) $(if $(JSON),--json "$(JSON)") \
		|| { rc=$$?; echo "scripts/bump.py exited with $$rc (0 bumped, 1 checks failed, 2 invalid spec, 3 breaking)"; exit $$rc; }

lint: install install-node  ## ruff, mypy --strict on facade/, Redocly lint of openapi.yaml
	$(BIN)/ruff check facade tests scripts
	$(BIN)/ruff format --check facade tests scripts
	$(BIN)/mypy
	$(NODE_BIN)/redocly lint openapi.yaml --format=stylish 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚'

typing: install install-node  ## tests/typing: user scripts under mypy --strict and pyright strict
	$(BIN)/pytest tests/typing -q

# The SDK's runtime dependencies at the lowest versions pyproject.toml allows, in a venv of their own.
$(LOWEST_VENV)/.installed: pyproject.toml scripts/lowest_deps.py
	rm -rf $(LOWEST_VENV)
	$(PYTHON) -m venv $(LOWEST_VENV)
	$(PYTHON) scripts/lowest_deps.py > $(LOWEST_VENV)/constraints.txt
	$(LOWEST_VENV)/bin/pip install $(PIP_FLAGS) -c $(LOWEST_VENV)/constraints.txt -e '.[test]'
	touch $@

lowest-deps: $(LOWEST_VENV)/.installed  ## the facade tests with httpx, attrs, ... at their lowest allowed versions
	@$(LOWEST_VENV)/bin/python -c 'import httpx, importlib.metadata as m; print("lowest:", *(f"{d}=={m.version(d)}" for d in ("httpx", "attrs")))'
	$(LOWEST_VENV)/bin/pytest tests/facade -q -p no:cacheprovider
	@# Without the speedups extra above (the standard library decodes); now its lowest msgspec.
	$(LOWEST_VENV)/bin/pip install $(PIP_FLAGS) $$($(PYTHON) scripts/lowest_deps.py --extra speedups)
	$(LOWEST_VENV)/bin/pytest tests/facade/test_decoding.py -q -p no:cacheprovider

unit: install install-node $(GEN_VENV)/.installed  ## pytest only (the whole suite, tests/contract included)
	$(BIN)/pytest -q

contract: install install-node  ## schemathesis against the sandbox, Prism proxy and mock against the SDK
	$(BIN)/pytest tests/contract -q -rA

test: install lint check-generated check-api unit lowest-deps  ## everything CI runs: lint, drift check, API report, all tests, lowest deps

bench: install $(GEN_VENV)/.installed  ## every benchmark (scripts/bench_*.py), ratios measured side by side in one run
	@for b in scripts/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

demo: install  ## the main job: query, export and segment tree against a local sandbox
	$(BIN)/python scripts/demo.py

clean:  ## remove the virtualenvs, tools and caches
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
