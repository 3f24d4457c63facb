# Thin wrappers around dev.py (which needs only Python >= 3.11 and pip).
PY ?= python3

.PHONY: lab test notebooks dictionary bench present site
lab:        ## open JupyterLab on notebooks/
	$(PY) dev.py lab
test:       ## ruff + data, helper, notebook (strict nbval) and browser tests
	$(PY) dev.py test
notebooks:  ## re-execute notebooks so committed outputs match the data
	$(PY) dev.py notebooks
dictionary: ## regenerate data/README.md from data/datapackage.json
	$(PY) dev.py dictionary
bench:      ## benchmarks -> benchmarks/results.md and benchmarks/results.json
	$(PY) dev.py bench
present:    ## Voila dashboards, code hidden, on a local port (NB=03-road-to-a-treaty.ipynb)
	$(PY) dev.py present $(NB)
site:       ## offline HTML site in site/ (open site/index.html, no Python needed)
	$(PY) dev.py site
