#!/usr/bin/env bash
# Creates .venv (Python 3.11) and installs the project with the given extras.
# Usage: scripts/install.sh [EXTRAS]   e.g. scripts/install.sh st,dev
# Does nothing when the same extras were installed from the same pyproject.toml before,
# so a set-up machine starts without network access.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3.11}"
command -v "$py" >/dev/null 2>&1 || py=python3
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
prefix=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
stamp="${prefix}-${extras:-core}"
for done in "$prefix"-*; do  # an earlier install with these extras (or more) is enough
  [ -f "$done" ] || continue
  have=",${done#"$prefix"-},"
  missing=0
  for e in ${extras//,/ }; do
    case "$have" in *",$e,"*) ;; *) missing=1 ;; esac
  done
  [ "$missing" -eq 0 ] && exit 0
done
failed() {
  echo "Fehler: die Python-Pakete ließen sich nicht installieren (pip, Meldungen oben)." \
       "Die Einrichtung braucht einmal Zugang zum Paketverzeichnis PyPI (oder einen" \
       "Spiegel über PIP_INDEX_URL); danach läuft alles ohne Netz. Bitte die Verbindung" \
       "prüfen und den Befehl erneut starten." >&2
  exit 1
}
.venv/bin/python -m pip install --quiet --upgrade pip || failed
# llama-cpp-python compiles from source: portable build, no -march=native
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}"
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install --quiet -e ".[${extras}]" || failed
else
  .venv/bin/python -m pip install --quiet -e . || failed
fi
# Tesseract reads scanned PDF pages, antiword old Word files (.doc): system programs;
# without them such pages and files are reported, not read. OpenThesaurus (German
# synonyms, a text file) lets questions find documents that use other words.
if ! command -v antiword >/dev/null 2>&1 || ! command -v tesseract >/dev/null 2>&1 ||
   ! tesseract --list-langs 2>/dev/null | grep -x deu >/dev/null ||
   [ ! -f /usr/share/openthesaurus-de/openthesaurus.txt ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        tesseract-ocr tesseract-ocr-deu antiword openthesaurus-de-text >/dev/null; } ||
      echo "Hinweis: Tesseract/antiword/OpenThesaurus konnten nicht installiert werden; gescannte Seiten und .doc-Dateien werden nur gemeldet, Synonyme nicht gesucht." >&2
  else
    echo "Hinweis: Für gescannte PDFs, alte Word-Dateien (.doc) und die Suche nach Synonymen bitte 'sudo apt-get install tesseract-ocr tesseract-ocr-deu antiword openthesaurus-de-text'." >&2
  fi
fi
touch "$stamp"
