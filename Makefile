# One recipe for authors, CI and the GitHub workflow. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PY       := $(BIN)/python
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed

# Values given in the environment or on the command line are data: make keeps them as typed and never
# expands them (a `$(shell …)` in SITE_URL would otherwise run while make exports it).
define literal
ifneq ($$(filter environment command line,$$(origin $(1))),)
override $(1) := $$(value $(1))
endif
endef
$(foreach name,SOURCE_DATE_EPOCH SITE_URL REPO_URL EDIT_URI,$(eval $(call literal,$(name))))
not-digits = $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$(1)))))))))))

# Reproducible output: dates come from the last commit, never from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764028800)
ifneq ($(call not-digits,$(SOURCE_DATE_EPOCH))$(if $(SOURCE_DATE_EPOCH),,x),)
$(error SOURCE_DATE_EPOCH '$(SOURCE_DATE_EPOCH)' is not a time in seconds since 1970 (expected digits, e.g. 1764028800; unset it to date the build by the last commit))
endif
export SOURCE_DATE_EPOCH
# Material prints an end-of-life banner for MkDocs 2 on every run; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/scripts
# Where the site is published and where its sources live. A GitHub Pages project site of
# github.com/OWNER/REPO lives at https://OWNER.github.io/REPO/; the defaults follow the `origin` remote,
# so a fork builds its own URLs. Set SITE_URL, REPO_URL (and EDIT_URI) to override.
ORIGIN   := $(shell git remote get-url origin 2>/dev/null | sed -nE 's#^(https://|git@)github\.com[/:]([^/]+)/([^/]+)$$#\2/\3#p' | sed 's/\.git$$//')
ifneq ($(ORIGIN),)
SITE_URL ?= https://$(firstword $(subst /, ,$(ORIGIN))).github.io/$(lastword $(subst /, ,$(ORIGIN)))/
REPO_URL ?= https://github.com/$(ORIGIN)
endif
ifneq ($(REPO_URL),)
EDIT_URI ?= edit/main/docs/
export REPO_URL EDIT_URI
endif
ifneq ($(SITE_URL),)
export SITE_URL
endif
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup site serve check sync prune brief test bench fonts clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 16

$(STAMP_PY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

setup: $(STAMP_PY) ## create the Python environment from the pinned requirements.txt

site: $(STAMP_PY) ## check the translations and build the site into site/ (strict; the build runs the check once)
	$(PY) -m mkdocs build --strict --clean

unexport PORT
serve: export SERVE_PORT := $(value PORT)
serve: $(STAMP_PY) ## preview with live reload at http://127.0.0.1:8000/ (PORT=8001 for another port)
	$(PY) -m sitekit.serve

# FORMAT and FILES are data too: never expanded by make (`$(value …)`), never exported expanded (`unexport`),
# never part of a shell line; the recipe reads them from the environment, split into words without globbing,
# and passes the files after `--` (a FILES='--root /' is a file name, not an option).
unexport FORMAT FILES
check: export I18NCHECK_FORMAT := $(value FORMAT)
check: $(STAMP_PY) ## run the translation check over docs/ (add FORMAT=json or FORMAT=github)
	$(PY) -m i18ncheck --cache --format "$${I18NCHECK_FORMAT:-text}"

sync: export I18NCHECK_FILES := $(value FILES)
sync: $(STAMP_PY) ## record translations as synced with their source: make sync FILES="docs/article.ru.md"
	@set -f; set -- $$I18NCHECK_FILES; if [ $$# -gt 0 ]; then \
	  set -x; $(PY) -m i18ncheck sync -- "$$@"; else set -x; $(PY) -m i18ncheck sync --new; fi

prune: $(STAMP_PY) ## drop sync-record entries of translations that no longer exist (touches nothing else)
	$(PY) -m i18ncheck prune

# An author's values are data: make never expands them (`$(value …)`), never exports them expanded
# (`unexport`: a command-line `TITLE='$(shell …)'` would otherwise run while make builds the environment),
# and no shell line holds them; the scaffold reads them from BRIEF_* in its environment.
BRIEF_VARIABLES := SLUG TITLE SUMMARY TAGS SOURCE DATE
unexport $(BRIEF_VARIABLES)
$(foreach name,$(BRIEF_VARIABLES),$(eval brief: export BRIEF_$(name) := $$(value $(name))))

brief: $(STAMP_PY) ## scaffold a brief: make brief SLUG=x TITLE="…" SUMMARY="…" TAGS=a,b [SOURCE=en] [DATE=…]
	$(PY) -m sitekit.scaffold --from-environment

test: $(STAMP_PY) $(STAMP_JS) ## set up and run every test (browser tests included)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP_PY) $(STAMP_JS) ## run the benchmark; writes bench/results.json and bench/results.md
	$(PY) scripts/bench.py

fonts: $(STAMP_PY) $(STAMP_JS) ## regenerate the self-hosted font subsets of data/fonts.yml (@fontsource faces)
	$(PY) -m sitekit.fonts

clean: ## remove the built site and caches (keeps the environments)
	rm -rf site .pytest_cache .hypothesis .cache/galley .cache/i18ncheck
