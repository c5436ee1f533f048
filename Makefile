# Two commands do all the set-up: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: chat test test-load index lint format bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# CPU torch first: an unpinned torch pulled in by sentence-transformers is a multi-GB CUDA build.
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

test: $(STAMP)
	$(BIN)/python -m pytest

test-load: $(STAMP)
	$(BIN)/python -m pytest -m load

eval: $(STAMP)
	$(BIN)/rag eval

bench: $(STAMP)
	$(BIN)/rag bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data .pytest_cache artifacts
