# nudgebot — every setup step lives here, so a fresh machine needs only `make test` / `make run`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: train venv test test-long unit check lint typecheck layers run demo bench clean localnet verify-unit sandbox

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: $(STAMP)

lint: venv
	$(BIN)/ruff check bot tests bench migrations demo scripts
	$(BIN)/ruff format --check bot tests bench migrations demo scripts

typecheck: venv
	$(BIN)/mypy

# The layers of docs/architecture.md ([tool.importlinter] in pyproject.toml): an upward import
# or an import cycle fails the check.
layers: venv
	$(BIN)/lint-imports --no-cache --no-logo

check: lint typecheck layers

# The whole suite: lint, types, unit tests, and the store contract suite on SQLite and PostgreSQL.
test: venv check verify-unit localnet
	@PG_URL=$$(bash scripts/ensure-postgres.sh); \
	if [ -z "$$PG_URL" ]; then echo "NOTE: PostgreSQL unavailable: the postgres-marked store suite will be SKIPPED (see message above)"; fi; \
	NUDGEBOT_TEST_PG_URL="$$PG_URL" $(BIN)/pytest -q $(PYTEST_ARGS)

# The long random-kill loop (tests/localnet/test_chaos.py): NUDGEBOT_CHAOS_KILLS (100),
# NUDGEBOT_CHAOS_PEOPLE (40), NUDGEBOT_CHAOS_SEED to replay one; on SQLite and PostgreSQL.
test-long: venv localnet
	@PG_URL=$$(bash scripts/ensure-postgres.sh); \
	NUDGEBOT_TEST_PG_URL="$$PG_URL" $(BIN)/pytest -q -m long $(PYTEST_ARGS)

# deploy/nudgebot.service through `systemd-analyze verify` (installs systemd's tools as root).
verify-unit: venv
	bash scripts/verify-unit.sh

# The local AT Protocol network for the localnet tests (idempotent; see tests/localnet/README.md).
localnet:
	bash tests/localnet/install.sh

unit: venv
	$(BIN)/pytest -q -m "not postgres and not localnet" $(PYTEST_ARGS)

# The live service from .env (SQLite by default): migrates, then runs; without credentials it
# says what to put in .env, and that `make demo` and `make sandbox` work offline.
run: venv
	$(BIN)/nudgebot migrate
	@if [ -z "$$BSKY_HANDLE" ] && { [ ! -f .env ] || ! grep -qE '^BSKY_HANDLE=.+' .env || \
	  { ! grep -qE '^BSKY_APP_PASSWORD=.+' .env && [ -z "$$BSKY_APP_PASSWORD" ]; }; }; then \
	  echo "To run live, copy .env.example to .env and set BSKY_HANDLE and BSKY_APP_PASSWORD"; \
	  echo "(an app password created WITH direct-message access)."; \
	  echo "Offline, 'make demo' replays a sample stream and prints the DMs it would send;"; \
	  echo "'make sandbox' starts a throw-away local network with a bot account to run against."; \
	  exit 1; \
	fi
	@echo "Starting nudgebot. Stop with Ctrl-C (it drains and saves)."
	exec $(BIN)/nudgebot run

# A throw-away local network with a bot account, to try `make run` on (writes .env.sandbox).
sandbox: venv localnet
	$(BIN)/python -m tests.localnet.sandbox

# The promo model and the reply-triage model from their corpora (data/promo/train-*.jsonl,
# data/triage/train-*.jsonl): writes bot/classify/promo_model.json and
# bot/triage/triage_model.json, then reports on the blind splits (never trained or tuned on).
train: venv
	$(BIN)/python scripts/train_promo.py
	$(BIN)/python scripts/train_triage.py
	$(BIN)/python bench/classify_eval.py --kinds
	$(BIN)/python bench/triage_eval.py

demo: venv
	$(BIN)/nudgebot replay demo/stream.jsonl --bot-did did:plc:nudgebotbotbotbotbotbot00 --pretty

bench: venv
	$(BIN)/python bench/replay.py
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/ingest_jetstream.py
	$(BIN)/python bench/backfill.py
	$(BIN)/python bench/welcome.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
