# Signaalloket: the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test lint bench messages clean-venv

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

run: $(VENV)/.installed
	@mkdir -p var/mail var/media
	$(PY) manage.py compilemessages_if_possible
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py demo_logins
	@$(PY) manage.py run_due_jobs_loop --interval 300 & loop=$$!; \
	trap 'kill $$loop 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: $(VENV)/.installed lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py compilemessages_if_possible
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

# Slow (3-30 minutes, depending on the machine): throw-away SQLite databases under var/bench/, 10,000 and 100,000
# generated signals, page timings, due-job sweep, load test; writes bench/results.json.
bench: $(VENV)/.installed
	@mkdir -p var/bench bench
	$(PY) manage.py bench $(BENCH_ARGS)

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=static
	$(PY) manage.py compilemessages --ignore=.venv
