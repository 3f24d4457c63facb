# Thin wrappers around dev.py (which needs only Python >= 3.11 and pip).
PY ?= python3

.PHONY: lab test notebooks dictionary bench
lab:        ## open JupyterLab on notebooks/
	$(PY) dev.py lab
test:       ## ruff + data, helper, notebook (strict nbval) and browser tests
	$(PY) dev.py test
notebooks:  ## re-execute notebooks so committed outputs match the data
	$(PY) dev.py notebooks
dictionary: ## regenerate data/README.md from data/datapackage.json
	$(PY) dev.py dictionary
bench:      ## timings and sizes -> bench/results.json
	$(PY) dev.py bench
