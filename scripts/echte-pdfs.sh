#!/usr/bin/env bash
# Evaluation on real German PDFs that we did not write: five documents of Debian's package
# texlive-lang-german (LaTeX-typeset manuals, a law-related class, a conference abstract
# with TeX's loose umlaut dots) and the Debian Edu manual for school networks (package
# debian-edu-doc-de, 104 pages from DBLaTeX, justified lines whose words pypdf glues),
# fetched from the Debian archive into a temporary folder and asked the 26 questions of
# eval/echte-pdfs/questions.jsonl (23 answerable, 3 not).
# Prints the summary; the run lands in eval/runs/. Extra arguments go to 'assistant eval'.
# With --nur-holen ORDNER the six PDFs are only copied into ORDNER (for --ablation).
#   bash scripts/echte-pdfs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=""
if [ "${1:-}" = "--nur-holen" ]; then target="${2:?Ordner fehlt}"; shift 2; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download texlive-lang-german debian-edu-doc-de >/dev/null 2>&1) || {
  echo "Fehler: die Debian-Pakete texlive-lang-german und debian-edu-doc-de ließen sich" \
       "nicht laden (apt-get download)." >&2
  exit 1
}
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/deb"; done
mkdir "$work/pdfs"
doc="$work/deb/usr/share/doc/texlive-doc"
for f in latex/milog/milog.pdf latex/lshort-german/l2kurz.pdf texlive/texlive-de/texlive-de.pdf \
         latex/hausarbeit-jura/hausarbeit-jura.pdf latex/fifinddo-info/dante-mv45-lueck.pdf; do
  cp "$doc/$f" "$work/pdfs/"
done
cp "$work"/deb/usr/share/doc/debian-edu-doc-de/debian-edu-bookworm-manual.pdf "$work/pdfs/"
if [ -n "$target" ]; then
  mkdir -p "$target" && cp "$work"/pdfs/*.pdf "$target/" && echo "PDFs in $target"
  exit 0
fi
.venv/bin/assistant eval --corpus "$work/pdfs" --questions eval/echte-pdfs/questions.jsonl \
  --label echte-pdfs "$@"
