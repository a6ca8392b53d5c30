# The portal's commands. `make demo` and `make test` work on a machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Two test processes: the suite's share of this machine's two cores.
PYTEST_WORKERS ?= 2

.PHONY: demo test lint serve bench install install-dev migrate clean messages

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
	$(BIN)/python manage.py load_demo_data
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Production-style: gunicorn, a Celery worker and beat. Needs DATABASE_URL, REDIS_URL, SECRET_KEY.
serve: export DJANGO_SETTINGS_MODULE = config.settings.production
serve: install
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "Set DATABASE_URL and REDIS_URL (see README)"; exit 2; }
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2} & \
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule & \
	$(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $${WEB_WORKERS:-3} --access-logfile -

bench: install-dev
	$(BIN)/python -m tests.bench

messages: install-dev
	$(BIN)/python manage.py makemessages -l fr -l zh_Hans --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var/portal.sqlite3 var/staticfiles
