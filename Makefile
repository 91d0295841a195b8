# BriefBot. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# More workers than the two cores: the slow tests mostly wait on bot processes and back-offs. Three finish as soon as
# four on this machine (about 68 s each while other jobs ran) with about 10 % less CPU.
TEST_WORKERS ?= 3

.PHONY: run test test-fast lint lock bench load validate clean

# The build backend goes into the venv with pip (as in pyproject.toml's [build-system] requires), so the editable
# install builds without an isolated build environment of its own: a few seconds less on a fresh clone.
BUILD_DEPS := 'setuptools>=77'
INSTALL := $(PY) -m pip install --quiet

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(INSTALL) --upgrade pip $(BUILD_DEPS)
	$(INSTALL) --no-build-isolation -e .
	touch $@

$(TEST_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(INSTALL) --upgrade pip $(BUILD_DEPS)
	$(INSTALL) --no-build-isolation -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then exec $(PY) -m bot telegram $(ARGS); else exec $(PY) -m bot console; fi

# `validate --coverage` on the shipped knowledge is one of the tests (tests/test_cli.py), served from the run's cache:
# run on its own first it fitted the bot once more (about 3 s on a fresh clone).
# compileall: where PYTHONDONTWRITEBYTECODE is set, each of the ~80 bot and CLI processes the tests start would
# compile bot/ again (about 55 ms of CPU each); pip does the same for an installed wheel.
test: $(TEST_STAMP)
	$(PY) -m compileall -q bot > /dev/null
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal

# The inner loop: the tests not marked slow, in one process (two workers would each pay the imports and the fit).
test-fast: $(TEST_STAMP)
	$(PY) -m pytest -q -m "not slow"

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .

# Byte-compile the package first, as pip does when it installs the wheel: where PYTHONDONTWRITEBYTECODE is set (as on
# the development machine) an editable checkout would otherwise recompile every module of bot/ on each start.
bench: $(TEST_STAMP)
	$(PY) -m compileall -q bot > /dev/null
	$(PY) -m tests.bench
	$(PY) -m tests.bench_clinc
	$(PY) -m tests.draft_eval

load: $(TEST_STAMP)
	$(PY) -m tests.load

lock: $(TEST_STAMP)
	$(PY) deploy/lock.py requirements.lock

validate: $(STAMP)
	$(PY) -m bot validate --coverage

clean:
	rm -rf $(VENV) node_modules .pytest_cache .hypothesis
