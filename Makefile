# The single entry point: `make run` to try the product, `make test` for the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# Debian/Ubuntu packages: Pango for WeasyPrint, a Vietnamese-complete serif font,
# and for the tests Chromium (driven by Playwright), poppler's pdftoppm and gettext
# (the test that every message in the code is translated runs makemessages).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils gettext

.PHONY: run test test-fast bench bench-imports bench-dossier lint format migrations-check messages backup restore requirements upgrade system-packages-run system-packages-test demo-logins

# Installs what is missing, as root or through sudo; otherwise says what to install.
define ensure_packages
	@command -v dpkg >/dev/null || { echo "Not a Debian/Ubuntu system: please install the equivalents of: $(1)"; exit 1; }
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install them as root: apt-get install$$missing"; exit 1; fi; \
	fi
endef

system-packages-run:
	$(call ensure_packages,$(RUN_PACKAGES))

system-packages-test:
	$(call ensure_packages,$(TEST_PACKAGES))

# Installs are reproducible: requirements.txt (runtime) and requirements-dev.txt (tests and tooling)
# pin every package to an exact version and hash, compiled by pip-tools from requirements.in and
# requirements-dev.in. `make run` installs the runtime pins only; `make test` adds the dev pins.
# Each stamp depends on its pinned file, so a changed pin is installed by the next make.
$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(VENV)/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: system-packages-run $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "Sổ Thi Đua: http://$(HOST)/  (log in with a demo account above; Ctrl+C stops the server)"
	$(PY) manage.py runserver $(HOST)

# The tests run in parallel on pytest-xdist workers, each with its own test database: one more
# worker than there are cores, since a worker waiting for its Chromium or a subprocess leaves its
# core to the others (`make test TEST_WORKERS=0`: in this process only). The browser tests are dealt
# one at a time (tests/conftest.py), so that the workers end together.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
PYTEST := $(VENV)/bin/pytest -n $(TEST_WORKERS)

test: system-packages-test $(VENV)/.dev
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PYTEST)

# The quick local loop: all but the tests marked slow (hypothesis, backups, long PDFs). CI runs `make test`.
test-fast: system-packages-test $(VENV)/.dev
	$(PYTEST) -m "not slow"

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: $(VENV)/.runtime
	$(PY) manage.py makemigrations --check --dry-run

# After changing a user-visible string: collect it, translate it in locale/vi/LC_MESSAGES/django.po, compile.
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=test-artifacts
	$(PY) manage.py compilemessages -l vi --ignore=.venv

# Portable JSON backup of the whole database (docs/backup.md): `make backup [FILE=...]`, by default
# into var/ (not in git). The file holds password hashes, so it is readable by its owner only.
DUMP_OPTIONS := --natural-foreign --natural-primary --exclude contenttypes --exclude auth.permission \
	--exclude admin.logentry --exclude sessions --indent 2
# The attached files (signed originals) go next to it, in FILE.attachments.tar with a SHA256SUMS manifest.
BACKUP_FILE := $(or $(FILE),var/backup-$(shell date +%Y%m%d-%H%M%S).json)
backup: $(VENV)/.runtime
	umask 077 && $(PY) manage.py dumpdata $(DUMP_OPTIONS) -o $(BACKUP_FILE) && \
	$(PY) manage.py attachments_backup $(BACKUP_FILE).attachments.tar

# `make restore FILE=backup.json`: replaces everything in the database with the backup (flush asks first).
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backup.json"; exit 1; }
	@test -f "$(FILE)" || { echo "$(FILE): no such file"; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py flush
	$(PY) manage.py loaddata $(FILE)
	@if [ -f "$(FILE).attachments.tar" ]; then $(PY) manage.py attachments_restore $(FILE).attachments.tar; \
	else echo "$(FILE).attachments.tar: no attached files to restore"; fi

# The benchmark (bench/run.py): a synthetic province on PostgreSQL (BENCH_DATABASE_URL, dropped
# and created again), gunicorn, wrk on loopback, PDFs against WeasyPrint alone; writes docs/benchmarks.md.
bench: system-packages-run $(VENV)/.dev
	$(call ensure_packages,wrk postgresql-client)
	$(PY) bench/run.py
	$(PY) bench/imports.py
	$(PY) bench/dossier.py

# The spreadsheet import rows alone (bench/imports.py): zip bomb, 600 agencies, 40 blocs x 15 members,
# 48,000 scores and the whole set; BENCH_IMPORT_ROWS=zipbomb,scores runs some of them.
bench-imports: $(VENV)/.dev
	$(PY) bench/imports.py

# The award dossier ZIP alone (bench/dossier.py): a 15-member bloc's, and a 5-member one's queries beside it.
bench-dossier: $(VENV)/.dev
	$(PY) bench/dossier.py

# After editing requirements.in or requirements-dev.in: `make requirements` pins what was added or
# changed and keeps every other pin. `make upgrade` moves every pin to the newest release the .in
# files allow, then runs the whole suite on them: review `git diff requirements*.txt`, then commit.
COMPILE := CUSTOM_COMPILE_COMMAND="make upgrade" $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
requirements: $(VENV)/.dev
	$(COMPILE) $(UPGRADE) -o requirements.txt requirements.in
	$(COMPILE) $(UPGRADE) -o requirements-dev.txt requirements-dev.in

upgrade: $(VENV)/.dev
	$(MAKE) requirements UPGRADE=--upgrade
	$(MAKE) test
