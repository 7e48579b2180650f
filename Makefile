# svodka's entry points. Each target sets up what it needs on a fresh Debian 12 machine.
.PHONY: setup app test bench fixtures

CARGO ?= cargo
SAMPLE ?= samples/en-article.txt

setup:
	scripts/setup-system.sh
	scripts/setup-libtorch.sh
	scripts/setup-slovnet.sh

# Until the desktop app lands: the CLI on a sample article. It uses the installed models (see
# README); with none it gives the article's key sentences and says what to install.
# `make app MODELS=models/fixtures` runs the transformer pipeline on the random-weight test models.
app: setup
	$(CARGO) build -p svodka
	./target/debug/svodka analyze $(SAMPLE) $(if $(MODELS),--models $(MODELS))

test: setup
	$(CARGO) test --workspace

bench: setup
	$(CARGO) run --release -p svodka -- bench --models models/fixtures

# Regenerates models/fixtures with HF transformers (downloads ~5 GB of wheels; not run by CI).
fixtures:
	models/tools/make_fixtures.sh
