# The two commands a newcomer needs: `make serve` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: serve test lint setup sample clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

sample: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ingest_letters sample_data --quiet

## Serve the archive on http://127.0.0.1:$(PORT)/ with the sample letters loaded (SQLite in var/).
serve: sample
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite (against DATABASE_URL if set, else a throwaway SQLite database).
test: setup
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) var

## Run the browser tests in headless Chromium (needs apt's chromium + chromium-driver and requirements-browser.txt).
.PHONY: browser-test
browser-test: setup
	REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser $(PYTEST_ARGS)
