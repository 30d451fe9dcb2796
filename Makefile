# hoep: to kommandoer er nok. `make reports` og `make test` setter opp .venv selv.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installert
SCENARIO ?= scenarios/basis.yaml
JOBS   ?= auto

.PHONY: reports test lab notebooks lint clean help bench nettleser

help:
	@echo "make reports    – skriv rapportene for grunnscenarioet til reports/"
	@echo "make test       – kjør alle tester (enhet, invarianter, nbval)"
	@echo "make lab        – start JupyterLab med prosjektets kjerne"
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

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

notebooks: $(STAMP)
	$(BIN)/hoep notatbøker --scenario $(SCENARIO)

lint: $(STAMP)
	$(BIN)/ruff check lib tests tools
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(VENV) reports/*/ reports/index.html
