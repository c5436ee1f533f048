# Two commands do all the set-up: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: chat test test-load index lint format bench eval clean system-packages

# The browser tests drive Debian's chromium, the offline test traces `rag` with strace. As root
# with apt-get they are installed here; otherwise the run stops at once saying what to install.
CHROMIUM ?= /usr/bin/chromium
STRACE ?= /usr/bin/strace
APT_GET ?= apt-get

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch pinned first, so sentence-transformers does not pull another version. Where pip finds
# the CPU wheel (a local wheel folder or the PyTorch CPU index) this is ~190 MB; plain PyPI on
# Linux serves the multi-GB CUDA build of the same version (see README, install).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/rag index

chat: $(STAMP)
	$(BIN)/rag index --quiet
	$(BIN)/rag chat

system-packages:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing=" chromium"; \
	[ -x "$(STRACE)" ] || missing="$$missing strace"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null 2>&1; then \
			echo "installing$$missing (the browser and offline tests need them)"; \
			export DEBIAN_FRONTEND=noninteractive; \
			$(APT_GET) update -qq >/dev/null && $(APT_GET) install -y -qq $$missing >/dev/null \
				&& [ -x "$(CHROMIUM)" ] && [ -x "$(STRACE)" ] \
				|| { echo "error: could not install$$missing: run 'apt-get update && apt-get install -y$$missing' as root" >&2; exit 1; }; \
		else \
			echo "error: the tests need Debian's$$missing: run 'sudo apt-get update && sudo apt-get install -y$$missing'" >&2; \
			exit 1; \
		fi; \
	fi

# Two workers, a test file each at a time: many tests wait on processes and servers, so the
# suite takes about two thirds of its serial time even on 2 cores (the load test runs alone).
test: $(STAMP) system-packages
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-load: $(STAMP)
	$(BIN)/python -m pytest -m load

eval: $(STAMP)
	$(BIN)/rag eval

bench: $(STAMP)
	$(BIN)/rag bench --document BENCHMARKS.md

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data .pytest_cache artifacts
