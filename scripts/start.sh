#!/usr/bin/env bash
# Main job: set up, ingest the bundled corpus, start the web workspace on 127.0.0.1:7860.
# With --cli: answer the six step-2 questions on the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh app
.venv/bin/assistant ingest corpus/dokumente || [ $? -eq 3 ]  # 3: a file was skipped, see output
if [ "${1:-}" = "--cli" ]; then
  exec .venv/bin/assistant ask --step2
fi
exec .venv/bin/python app.py "$@"
