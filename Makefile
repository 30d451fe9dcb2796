# hoep: to kommandoer er nok. `make reports` og `make test` setter opp .venv selv.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installert
SCENARIO ?= scenarios/basis.yaml
JOBS   ?= auto
PORT   ?=
LABDIR ?= notebooks
LABFLAGS ?=

.PHONY: reports test lab app notebooks lint clean help bench nettleser

help:
	@echo "make reports    – skriv rapportene for grunnscenarioet til reports/"
	@echo "make test       – kjør alle tester (enhet, invarianter, nbval)"
	@echo "make lab        – start JupyterLab med prosjektets kjerne (PORT=..., standard 8888)"
	@echo "make app        – start læringsappene i Voilà på http://127.0.0.1:8866/ (PORT=...)"
	@echo "make notebooks  – kjør notatbøkene på nytt og lagre utdata (for nbval)"
	@echo "make bench      – mål tidene for rapportkjøringene (kald, varm, parallell mot sekvensiell)"

# The virtual environment is rebuilt when pyproject.toml or the pinned versions change.
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Fant ikke $(PYTHON). Installer Python 3.11 eller sett PYTHON=..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,klynge]'
	@touch $(STAMP)

reports: $(STAMP)
	$(BIN)/hoep rapporter --scenario $(SCENARIO)

# The browser test needs Debian's Chromium; install it when we may (root), else say how.
nettleser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	    else echo "Nettlesertesten trenger Chromium: sudo apt-get install chromium"; fi; }

# One pytest run: the tests and nbval over the committed notebooks side by side on every core.
# --dist loadscope keeps each notebook's cells (one kernel) and each test module's fixtures on one worker.
NBVAL := --nbval --nbval-sanitize-with notebooks/sanitize.cfg --nbval-current-env

test: $(STAMP) nettleser
	$(BIN)/ruff check lib tests tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope --durations=10 $(NBVAL) tests notebooks

# Jupyter refuses to run as root unless told; in a container you often are root, so say it and allow it.
# The pre-save hook keeps widget views that cannot come back out of saved notebooks (hoep.laer.lagring).
lab: $(STAMP)
	@if [ "$$(id -u)" = 0 ]; then echo "make lab: kjører som root, så JupyterLab startes med --allow-root."; fi
	$(BIN)/jupyter lab $(LABDIR) $(if $(PORT),--port=$(PORT)) $$([ "$$(id -u)" = 0 ] && echo --allow-root) \
	  --ContentsManager.pre_save_hook=hoep.laer.lagring.uten_widgetvisninger $(LABFLAGS)

# The teaching notebooks as a web app (Voilà), on this machine only; see hoep.cli.app.
app: $(STAMP)
	$(BIN)/hoep app --port $(or $(PORT),8866)

notebooks: $(STAMP)
	$(BIN)/hoep notatbøker --scenario $(SCENARIO)

lint: $(STAMP)
	$(BIN)/ruff check lib tests tools
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(VENV) reports/*/ reports/index.html
