#!/usr/bin/env bash
# Evaluation on real German PDFs that we did not write: five documents of Debian's package
# texlive-lang-german (LaTeX-typeset manuals, a law-related class, a conference abstract
# with TeX's loose umlaut dots), fetched from the Debian archive into a temporary folder
# and asked the 20 questions of eval/echte-pdfs/questions.jsonl (17 answerable, 3 not).
# Prints the summary; the run lands in eval/runs/. Extra arguments go to 'assistant eval'.
#   bash scripts/echte-pdfs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download texlive-lang-german >/dev/null 2>&1) || {
  echo "Fehler: das Debian-Paket texlive-lang-german ließ sich nicht laden (apt-get download)." >&2
  exit 1
}
dpkg-deb -x "$work"/texlive-lang-german_*.deb "$work/deb"
mkdir "$work/pdfs"
doc="$work/deb/usr/share/doc/texlive-doc"
for f in latex/milog/milog.pdf latex/lshort-german/l2kurz.pdf texlive/texlive-de/texlive-de.pdf \
         latex/hausarbeit-jura/hausarbeit-jura.pdf latex/fifinddo-info/dante-mv45-lueck.pdf; do
  cp "$doc/$f" "$work/pdfs/"
done
.venv/bin/assistant eval --corpus "$work/pdfs" --questions eval/echte-pdfs/questions.jsonl \
  --label echte-pdfs "$@"
