# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=
# Test processes (pytest-xdist), each with its own test database, Redis databases and browser. Tests are handed
# out in collection order, so each process runs its database tests before the transactional ones, whose flush
# would remove the rows data migrations seed (pytest-django's order). Native tracebacks: pytest's own re-parse the
# source, which CPython 3.11 can fail while a test's Celery worker thread is compiling too.
TEST_WORKERS ?= 2
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: install messages demo serve test lint lock vendor clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compiletranslations

demo: messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	./scripts/run-demo.sh

# Production settings: gunicorn, a Celery worker and beat on PostgreSQL and Redis from the environment.
serve: messages
	./scripts/serve.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: messages lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load --tb=native $(PYTEST_ARGS)

# Regenerate the constraints file after changing dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv

vendor:
	./scripts/vendor.sh

clean:
	rm -rf var staticfiles .pytest_cache
