# svodka's entry points. Each target sets up what it needs on a fresh Debian 12 machine.
.PHONY: setup app test bench fixtures

CARGO ?= cargo
SAMPLE ?= samples/en-article.txt

setup:
	scripts/setup-system.sh
	scripts/setup-libtorch.sh

# Until the desktop app lands: the CLI on a sample article. With the real models installed
# (see README) it uses them; otherwise it shows the pipeline on the random-weight test models.
app: setup
	$(CARGO) build -p svodka
	@if ./target/debug/svodka models --check >/dev/null 2>&1; then \
		./target/debug/svodka analyze $(SAMPLE); \
	else \
		echo "No real models installed (see README, 'Installing the models'): running on the"; \
		echo "random-weight test models in models/fixtures, so the text below is nonsense."; \
		./target/debug/svodka analyze $(SAMPLE) --models models/fixtures; \
	fi

test: setup
	$(CARGO) test --workspace

bench: setup
	$(CARGO) run --release -p svodka -- bench --models models/fixtures

# Regenerates models/fixtures with HF transformers (downloads ~5 GB of wheels; not run by CI).
fixtures:
	models/tools/make_fixtures.sh
