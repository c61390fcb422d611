#!/usr/bin/env bash
# Sets up everything the tests need and runs the whole test suite.
# Quick run without language model, server and browser tests: scripts/test.sh -m "not slow"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh st,dev
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "Keine Tests ausgeführt." >&2
  exit 1
fi
exit "$code"
