# Quick start: `make run` (set up and start the program), `make test` (set up and run every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint typecheck pytest screenshots bench bundle dist-linux clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/trainer

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The one-folder PyInstaller bundle at dist/trainer/ (docs/PACKAGING.md); prints its size.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/trainer.spec
	$(BIN)/python packaging/bundle_size.py dist/trainer

# dist/trainer-<version>-linux-<arch>.tar.gz: the bundle plus launcher, file types, icons,
# install.sh and uninstall.sh (packaging/linux/README.md).
dist-linux: bundle
	$(BIN)/python packaging/linux/build_dist.py

screenshots: $(STAMP)
	./packaging/screenshots.sh

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
