# svodka's entry points. Each target sets up what it needs on a fresh Debian 12 machine.
.PHONY: setup ui app cli test fuzz hostile bench bench-fixtures fixtures

CARGO ?= cargo
SAMPLE ?= samples/en-article.txt

setup:
	scripts/setup-system.sh
	scripts/setup-libtorch.sh
	scripts/setup-slovnet.sh

# The front end, built into ui/dist, which the desktop binary embeds.
ui: setup
	cd ui && npm ci --no-audit --no-fund --loglevel=error
	cd ui && npm run build

# The desktop app on the installed models (SVODKA_MODELS=DIR for another folder; with none it
# gives the article's key sentences and Russian entities, and says what to install).
# `make app SVODKA_MODELS=$$PWD/models/fixtures` runs the transformer pipeline on the test models.
app: ui
	$(CARGO) build -p svodka-desktop
	./target/debug/svodka-desktop

# The command line on a sample article (MODELS=models/fixtures for the test models).
cli: setup
	$(CARGO) build -p svodka
	./target/debug/svodka analyze $(SAMPLE) $(if $(MODELS),--models $(MODELS))

# Everything: UI unit tests, Rust tests (engine, CLI, desktop commands on the mock runtime,
# TypeScript bindings up to date; the int8 evidence test on the trained MiniLM, 84 MB once),
# then the real window under Xvfb. `cargo test --workspace`
# also builds target/debug/svodka-desktop, the binary the window tests start.
test: ui
	scripts/setup-minilm.sh
	cd ui && npm test
	$(CARGO) test --workspace
	scripts/setup-tauri-driver.sh
	PATH="$$HOME/.cargo/bin:$$PATH" xvfb-run -a -s "-screen 0 1280x800x24" \
		$(CARGO) test -p svodka-e2e -- --ignored --test-threads=1

# The property-based fuzz targets (crates/*/tests/fuzz.rs) with 20,000 cases per property instead
# of the 256 that `make test` runs (~7 minutes on 2 cores; FUZZ_CASES=N for another budget). A failure is
# shrunk and saved under the crate's proptest-regressions/, which replays it on every run.
FUZZ_CASES ?= 20000
fuzz: setup
	PROPTEST_CASES=$(FUZZ_CASES) $(CARGO) test -p svodka-engine -p svodka-library --test fuzz

# The worst input of each hostile-input class of issue 16 at the largest size svodka accepts:
# time and peak memory, each in its own process (the table in docs/BENCHMARKS.md).
hostile: setup
	$(CARGO) run --release -p svodka-engine --example hostile

# svodka vs HF transformers vs CTranslate2 on real-size random-weight models (~30 min; caches
# ~8 GB in ~/.cache/svodka-bench); writes docs/bench/ and the table in docs/BENCHMARKS.md.
bench: setup
	$(CARGO) build --release -p svodka
	bench/run.sh

# The pipeline's own overhead on the tiny fixture models.
bench-fixtures: setup
	$(CARGO) run --release -p svodka -- bench --models models/fixtures

# Regenerates models/fixtures with HF transformers (downloads ~5 GB of wheels; not run by CI).
fixtures:
	models/tools/make_fixtures.sh
