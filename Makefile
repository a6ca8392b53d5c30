# The portal's commands. `make demo` and `make test` work on a machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Two test processes: the suite's share of this machine's two cores.
PYTEST_WORKERS ?= 2

# `make demo PORT=8001` serves on another port; the addresses the demo prints follow it.
.PHONY: demo demo-reset test lint serve loadtest bench bench-frontier scale-data install install-dev migrate clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py load_demo_data --url http://$(HOST):$(PORT)
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# A fresh demo database (the SQLite file, or every table of DATABASE_URL emptied), without
# reinstalling anything, then `make demo`.
demo-reset: install
	@if [ -z "$$DATABASE_URL" ]; then rm -f var/portal.sqlite3; \
	else $(BIN)/python manage.py flush --no-input; fi
	$(MAKE) demo

test: install-dev
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Production-style: gunicorn, a Celery worker and beat. Needs DATABASE_URL, REDIS_URL, SECRET_KEY.
serve: export DJANGO_SETTINGS_MODULE = config.settings.production
serve: install
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "Set DATABASE_URL and REDIS_URL (see README)"; exit 2; }
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2} & \
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule & \
	$(BIN)/gunicorn config.wsgi --config config/gunicorn.conf.py --bind $(HOST):$(PORT) --workers $${WEB_WORKERS:-3} --access-logfile -

# Organisation-scale data for `make bench` on DATABASE_URL (PostgreSQL): reference and demo data,
# then generate_scale_data (issue 16). PROJECTS=1000 for a quick run; 10000 is the full size.
PROJECTS ?= 10000
scale-data: migrate
	$(BIN)/python manage.py load_reference_data --verbosity 0
	$(BIN)/python manage.py load_demo_data > /dev/null
	$(BIN)/python manage.py generate_scale_data --projects $(PROJECTS)

# 32 locust clients for 60 s on the main pages and the API, the portal under gunicorn with the
# demo data in a fresh database beside DATABASE_URL (SQLite without one); fails on any server
# error or failed request and prints the figures (tests/load/).
loadtest: install-dev
	$(BIN)/python -m tests.load

bench: install-dev
	$(BIN)/python -m tests.bench

# The efficient frontier's exact solve on a synthetic portfolio of 200 projects (planning/).
bench-frontier: install-dev
	$(BIN)/python -m tests.bench.frontier

# The six official languages' catalogues (locale/<code>/LC_MESSAGES/django.po), then their .mo
# files, compiled in pure Python (no GNU msgfmt needed; the .mo files are committed).
# makemessages itself needs GNU gettext's xgettext (Debian: apt-get install gettext).
LOCALES := ar zh_Hans en fr ru es
messages: install-dev
	$(BIN)/python manage.py makemessages --no-obsolete --no-location --no-wrap $(foreach l,$(LOCALES),-l $(l)) \
		--ignore=.venv --ignore=var --ignore=tests --ignore=docs --ignore='*.egg-info'
	$(BIN)/python manage.py compile_catalogues

clean:
	rm -rf $(VENV) var/portal.sqlite3 var/staticfiles
